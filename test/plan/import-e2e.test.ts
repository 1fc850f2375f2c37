import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft, importYaml } from '../../src/commands/import-yaml.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { writeRelationships } from '../../src/kinds/relationship/importer.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';
import { liveEntry } from '../support/state-builders.js';

const PMA = 'pma-u8ic702rtzng8';
const OTHER_PMA = 'pma-0ther0pma0000';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

async function seeded(): Promise<RunningEmulator> {
  const e = await startEmulator({ maxPageSize: 2, idSeed: 3 });
  running.push(e);
  const seed = (pmaId: string, account: string, displayName: string, extra: Record<string, unknown> = {}) =>
    e.state.seedRelationship({ pmaId, associatedAccountId: account, associationType: 'END_CUSTOMER', displayName, sector: 'COMMERCIAL', ...extra });
  seed(PMA, '100000000001', 'Declared', { tags: { 'pcc:managed': 'true' } });
  seed(PMA, '100000000002', 'Managed, undeclared', { tags: { 'pcc:managed': 'true', 'pcc:apply-run': 'a-run', team: 'partners' }, resaleAccountModel: 'DISTRIBUTOR' });
  seed(PMA, '100000000003', 'Hand made', { associationType: 'DOWNSTREAM_SELLER', sector: 'GOVERNMENT', tags: { 'cost-center': '0042' } });
  seed(OTHER_PMA, '100000000004', 'Other PMA');
  return e;
}

async function project(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'pcc-import-'));
  await mkdir(join(cwd, 'relationships'));
  await writeFile(
    join(cwd, 'relationships', 'a.yaml'),
    `catalog: AWS\nprogramManagementAccountIdentifier: ${PMA}\nrelationships:\n  - associatedAccountId: "100000000001"\n    associationType: END_CUSTOMER\n    displayName: Declared\n    sector: COMMERCIAL\n`,
  );
  return cwd;
}

describe('pcc import', () => {
  it('writes valid, canonical YAML for what no file declares; planned afterwards it is adopt or no-op', async () => {
    const e = await seeded();
    const cwd = await project();
    const env = emulatorEnv(e.endpoint);
    const result = await runCli(['import', '--pma', OTHER_PMA], { cwd, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Imported 3 relationships');
    expect(result.stdout).toContain('associatedAccountId: "100000000002"');
    expect(result.stdout).toContain('resaleAccountModel: DISTRIBUTOR');
    expect(result.stdout).toContain('cost-center: "0042"');
    expect(result.stdout).not.toContain('pcc:');
    expect(result.stdout).not.toContain('100000000001');
    const documents = result.stdout.split('\n---\n');
    expect(documents).toHaveLength(2); // one document per PMA
    // Editors read a modeline per document: each has its own.
    for (const document of documents) expect(document).toMatch(/^# yaml-language-server: \$schema=\S+$/m);
    // Only the undeclared relationships needed a Get (for resaleAccountModel).
    expect(e.stats.calls.GetRelationship).toBe(3);

    await writeFile(join(cwd, 'relationships', 'imported.yaml'), result.stdout);
    expect((await runCli(['validate'], { cwd })).code).toBe(0);
    expect((await runCli(['fmt', '--check'], { cwd })).code).toBe(0);
    const planned = await runCli(['plan', '--format', 'json', '--detailed-exitcode'], { cwd, env });
    const plan = JSON.parse(planned.stdout) as Plan;
    expect(plan.changes.map((c) => [c.address.split('/')[2], c.action])).toEqual([
      ['100000000004', 'adopt'],
      ['100000000001', 'no-op'],
      ['100000000002', 'no-op'],
      ['100000000003', 'adopt'],
    ]);
    expect(plan.changes.every((c) => c.fields.length === 0)).toBe(true);
    expect(plan.unmanaged).toEqual([]);
  });

  it('--out writes a new file and never overwrites one', async () => {
    const e = await seeded();
    const cwd = await project();
    const env = emulatorEnv(e.endpoint);
    const first = await runCli(['import', '--out', 'relationships/imported.yaml'], { cwd, env });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    const text = await readFile(join(cwd, 'relationships', 'imported.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/relationships.schema.json');
    const calls = e.stats.calls.ListRelationships;
    const second = await runCli(['import', '--out', 'relationships/imported.yaml'], { cwd, env });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already exists');
    expect(e.stats.calls.ListRelationships).toBe(calls); // refused before any API call
    expect(await readFile(join(cwd, 'relationships', 'imported.yaml'), 'utf8')).toBe(text);
  });

  it('a document with defaults and `relationships: []` names its PMA, as the error message promises', async () => {
    const e = await seeded();
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-import-scope-'));
    await mkdir(join(cwd, 'relationships'));
    await writeFile(join(cwd, 'relationships', 'a.yaml'), `catalog: AWS\nprogramManagementAccountIdentifier: ${PMA}\nrelationships: []\n`);
    const result = await runCli(['import'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.stderr).not.toContain('no PMA to read');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Imported 3 relationships');
    expect(result.stdout).toContain('associatedAccountId: "100000000001"');
  });

  it('without any PMA to read: exit 1 and no API call', async () => {
    const e = await seeded();
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-import-empty-'));
    await mkdir(join(cwd, 'relationships'));
    const result = await runCli(['import'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no PMA to read');
    expect(e.stats.calls).toEqual({});
  });
});

describe('importYaml', () => {
  it('groups per catalog and PMA, sorts entries, quotes account ids and keeps only user tags', () => {
    const draft = emptyDraft();
    writeRelationships(draft, [
      liveEntry('200000000002', 'rs-bbbbbbbbbbbbb', { displayName: 'B', tags: { 'pcc:managed': 'true', z: '1', a: 'yes' }, resaleAccountModel: 'END_CUSTOMER' }),
      liveEntry('200000000001', 'rs-aaaaaaaaaaaaa', { displayName: '123', associationType: 'INTERNAL' }),
    ]);
    const text = importYaml(draft, '../schema/relationships.schema.json');
    expect(text).toBe(
      [
        '# yaml-language-server: $schema=../schema/relationships.schema.json',
        '# Imported by `pcc import` from the live state. requestedSupportPlan cannot be read through the API:',
        '# add it to an entry if pcc should manage it. Once these entries are in a file, `pcc plan` shows them as adopt.',
        '',
        'catalog: AWS',
        'programManagementAccountIdentifier: pma-u8ic702rtzng8',
        'relationships:',
        '  - associatedAccountId: "200000000001"',
        '    associationType: INTERNAL',
        '    displayName: "123"',
        '    sector: COMMERCIAL',
        '  - associatedAccountId: "200000000002"',
        '    associationType: END_CUSTOMER',
        '    displayName: B',
        '    resaleAccountModel: END_CUSTOMER',
        '    sector: COMMERCIAL',
        '    tags:',
        '      a: yes', // YAML 1.2: a string, as pcc reads it
        '      z: "1"',
        '',
      ].join('\n'),
    );
  });
});
