/**
 * Relationships naming a declared program management account wait while it is not ACTIVE (issue 21), through the
 * built CLI against the emulator: whatever the service would say of relationships under a PENDING PMA (the
 * emulator plays both answers), plan shows them waiting (exit 0 with --detailed-exitcode), apply attempts nothing
 * and exits 0; once the PMA's account accepts its handshake, apply creates them under the PMA's id. An INACTIVE
 * PMA holds every change under it, with a warning.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AcceptChannelHandshakeCommand, CreateChannelHandshakeCommand, CreateProgramManagementAccountCommand } from '@aws-sdk/client-partnercentral-channel';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { SET_MARKER } from '../../src/desired/set-root.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { sdkClient } from '../support/emulator.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

const PMA_ACCOUNT = '123456789012';
const FAST = ['--write-rate', '200', '--read-rate', '200'];

const PMAS_YAML = `catalog: AWS
programManagementAccounts:
  - name: emea
    program: DISTRIBUTION
    accountId: "${PMA_ACCOUNT}"
    displayName: EMEA distribution
`;

const relationshipsYaml = (displayName = 'Acme') => `catalog: AWS
programManagementAccount: emea
relationships:
  - associatedAccountId: "210000000001"
    associationType: END_CUSTOMER
    displayName: ${displayName}
    sector: COMMERCIAL
    servicePeriod:
      type: MINIMUM_NOTICE_PERIOD
      minimumNoticeDays: 30
  - associatedAccountId: "210000000002"
    associationType: END_CUSTOMER
    displayName: Globex
    sector: COMMERCIAL
`;

let emulator: RunningEmulator | undefined;
let cwd: string | undefined;
afterEach(async () => {
  await emulator?.stop();
  if (cwd) await rm(cwd, { recursive: true, force: true });
  emulator = undefined;
  cwd = undefined;
});

async function setUp(pendingPmaRelationships: 'accept' | 'refuse') {
  emulator = await startEmulator({ maxPageSize: 2, idSeed: 21, pendingPmaRelationships });
  cwd = await mkdtemp(join(tmpdir(), 'pcc-pma-waiting-'));
  const dir = join(cwd, 'relationships');
  await mkdir(dir);
  await writeFile(join(dir, SET_MARKER), '');
  await writeFile(join(dir, 'pmas.yaml'), PMAS_YAML);
  await writeFile(join(dir, 'emea.yaml'), relationshipsYaml());
  const client = sdkClient(emulator.endpoint);
  // The PMA as pcc would have left it after its create: PENDING, managed, its handshake sent.
  const created = await client.send(
    new CreateProgramManagementAccountCommand({
      catalog: 'AWS',
      program: 'DISTRIBUTION',
      accountId: PMA_ACCOUNT,
      displayName: 'EMEA distribution',
      tags: [{ key: 'pcc:managed', value: 'true' }],
    }),
  );
  const pmaId = created.programManagementAccountDetail?.id ?? '';
  const handshake = await client.send(
    new CreateChannelHandshakeCommand({ handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT', catalog: 'AWS', associatedResourceIdentifier: pmaId }),
  );
  const accept = () =>
    sdkClient(emulator?.endpoint ?? '', { accessKeyId: `AKIA${PMA_ACCOUNT}` }).send(
      new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: handshake.channelHandshakeDetail?.id ?? '' }),
    );
  return { pmaId, accept, dir };
}

const run = (args: string[]) => runCli([...args, ...FAST], { cwd: cwd ?? '', env: emulatorEnv(emulator?.endpoint ?? '') });
const calls = (operation: string) => emulator?.stats.calls[operation] ?? 0;

async function planJson(): Promise<Plan> {
  const result = await run(['plan', '--format', 'json', '--detailed-exitcode']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Plan;
}

const relationshipViews = (plan: Plan) => plan.changes.filter((c) => c.kind !== 'programManagementAccount').map((c) => [c.kind, c.address, c.action, c.reasonCode]);

describe.each(['refuse', 'accept'] as const)('relationships under a PENDING PMA (the emulator %ss them)', (mode) => {
  it('wait: plan exits 0 with --detailed-exitcode, apply attempts nothing and exits 0; after acceptance apply creates them under its id', async () => {
    const { pmaId, accept } = await setUp(mode);
    const plan = await planJson();
    expect(relationshipViews(plan)).toEqual([
      ['relationship', `AWS/${pmaId}/210000000001`, 'no-op', 'pma-not-active'],
      ['servicePeriod', `AWS/${pmaId}/210000000001`, 'no-op', 'service-period-waiting'],
      ['relationship', `AWS/${pmaId}/210000000002`, 'no-op', 'pma-not-active'],
    ]);
    expect(plan.changes.find((c) => c.kind === 'relationship')?.reason).toBe(
      `waiting for program management account emea (AWS/DISTRIBUTION/${PMA_ACCOUNT}) to be accepted by account ${PMA_ACCOUNT}`,
    );

    // The text plan says so, on stdout; nothing is a change.
    const text = await run(['plan', '--detailed-exitcode']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`AWS/${pmaId}/210000000002 is waiting for program management account emea`);

    const applied = await run(['apply', '--auto-approve']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    expect(calls('CreateRelationship')).toBe(0);
    expect(calls('CreateChannelHandshake')).toBe(1); // the test's own; no service period requested
    expect(emulator?.state.relationships()).toEqual([]);

    await accept();
    const afterAccept = await run(['apply', '--auto-approve']);
    expect(afterAccept.code, afterAccept.stderr + afterAccept.stdout).toBe(0);
    const live = emulator?.state.relationships() ?? [];
    expect(live.map((r) => [r.programManagementAccountId, r.associatedAccountId]).sort()).toEqual([
      [pmaId, '210000000001'],
      [pmaId, '210000000002'],
    ]);
    // Converged: nothing left but the service period the customer has to answer.
    const settled = await planJson();
    expect(settled.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
  });
});

describe('relationships under an INACTIVE PMA', () => {
  it('are held, with a warning; apply sends nothing under it and exits 0', async () => {
    const { pmaId, accept, dir } = await setUp('refuse');
    await accept();
    expect((await run(['apply', '--auto-approve'])).code).toBe(0);
    emulator?.state.setPmaStatus(pmaId, 'INACTIVE');
    await writeFile(join(dir, 'emea.yaml'), relationshipsYaml('Acme Renamed'));
    const plan = await planJson();
    const held = plan.changes.filter((c) => c.kind === 'relationship');
    expect(held.map((c) => [c.address, c.action, c.reasonCode])).toEqual([
      [`AWS/${pmaId}/210000000001`, 'no-op', 'pma-inactive'],
      [`AWS/${pmaId}/210000000002`, 'no-op', 'pma-inactive'],
    ]);
    expect(held[0]?.warnings).toEqual([`program management account emea (AWS/DISTRIBUTION/${PMA_ACCOUNT}) is INACTIVE: nothing under it is attempted (planned: update)`]);
    const before = calls('UpdateRelationship');
    const applied = await run(['apply', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain('is INACTIVE');
    expect(calls('UpdateRelationship')).toBe(before);
  });
});

describe('a declared PMA not created yet', () => {
  it('its relationships are read nothing and wait in name form', async () => {
    emulator = await startEmulator({ maxPageSize: 2, idSeed: 22 });
    cwd = await mkdtemp(join(tmpdir(), 'pcc-pma-waiting-'));
    await mkdir(join(cwd, 'relationships'));
    await writeFile(join(cwd, 'relationships', 'pmas.yaml'), PMAS_YAML);
    await writeFile(join(cwd, 'relationships', 'emea.yaml'), relationshipsYaml());
    const result = await run(['plan', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout) as Plan;
    const waiting = plan.changes.filter((c) => c.kind === 'relationship');
    expect(waiting.map((c) => [c.address, c.action, c.reasonCode])).toEqual([
      ['AWS/emea/210000000001', 'no-op', 'pma-not-active'],
      ['AWS/emea/210000000002', 'no-op', 'pma-not-active'],
    ]);
    expect(waiting[0]?.reason).toBe(`waiting for program management account emea (AWS/DISTRIBUTION/${PMA_ACCOUNT}) to be created and accepted`);
    expect(waiting[0]?.dependsOn).toEqual([
      { kind: 'programManagementAccount', address: `AWS/DISTRIBUTION/${PMA_ACCOUNT}`, action: 'create', knownAfterApply: ['programManagementAccountIdentifier'] },
    ]);
    // No list under a name: the emulator would have answered 404.
    expect(calls('ListRelationships')).toBe(0);
  });
});
