import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { SET_MARKER } from '../../src/desired/set-root.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { supportPlanFingerprint } from '../../src/model/support-plan-tag.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { readPlanSchema } from '../../src/io/plan-file.js';
import { parsePlanText } from '../../src/plan/saved-plan.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

/**
 * `pcc plan` as a user runs it: the built CLI in a subprocess, the real SDK, the emulator over HTTP with pages
 * of 3 so every listing takes several pages.
 */

const PMA = 'pma-u8ic702rtzng8';
const OTHER_PMA = 'pma-0ther0pma0000';
const UNIFIED = { resoldUnifiedOperations: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } } as const;

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
});

async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const started = await startEmulator({ maxPageSize: 3, idSeed: 7, ...options });
  running.push(started);
  return started;
}

interface Entry {
  account: string;
  name: string;
  type?: string;
  sector?: string;
  resale?: string;
  plan?: boolean;
  tags?: Record<string, string>;
}

function yamlOf(entries: Entry[], pma = PMA): string {
  const lines = ['catalog: AWS', `programManagementAccountIdentifier: ${pma}`, 'relationships:'];
  for (const e of entries) {
    lines.push(`  - associatedAccountId: "${e.account}"`, `    associationType: ${e.type ?? 'END_CUSTOMER'}`);
    lines.push(`    displayName: ${e.name}`, `    sector: ${e.sector ?? 'COMMERCIAL'}`);
    if (e.resale) lines.push(`    resaleAccountModel: ${e.resale}`);
    if (e.plan) lines.push('    requestedSupportPlan:', '      resoldUnifiedOperations:', '        coverage: ENTIRE_ORGANIZATION', '        tamLocation: us-east-1');
    if (e.tags) lines.push('    tags:', ...Object.entries(e.tags).map(([k, v]) => `      ${k}: "${v}"`));
  }
  return `${lines.join('\n')}\n`;
}

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pcc-plan-e2e-'));
  await mkdir(join(dir, 'relationships'));
  await writeFile(join(dir, 'relationships', SET_MARKER), '');
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'relationships', name), text);
  return dir;
}

const managed = { 'pcc:managed': 'true' };

/** Eight relationships in PMA (three pages), one in another PMA no file names. */
function seedEight(e: RunningEmulator): void {
  const seed = (account: string, displayName: string, extra: Record<string, unknown> = {}) =>
    e.state.seedRelationship({ pmaId: PMA, associatedAccountId: account, associationType: 'END_CUSTOMER', displayName, sector: 'COMMERCIAL', ...extra });
  seed('100000000001', 'Same', { tags: managed });
  seed('100000000002', 'Old name', { tags: managed });
  seed('100000000003', 'Found', { tags: { owner: 'ops' } });
  seed('100000000004', 'Resale', { tags: managed, resaleAccountModel: 'END_CUSTOMER' });
  seed('100000000005', 'Planned', { tags: { ...managed, 'pcc:support-plan': supportPlanFingerprint(UNIFIED) } });
  seed('100000000006', 'Gone from files', { tags: managed });
  seed('100000000007', 'Hand made one');
  seed('100000000008', 'Hand made two');
  e.state.seedRelationship({ pmaId: OTHER_PMA, associatedAccountId: '100000000009', associationType: 'INTERNAL', displayName: 'Elsewhere', sector: 'COMMERCIAL' });
}

const EIGHT_FILES = {
  'a.yaml': yamlOf([
    { account: '100000000001', name: 'Same' },
    { account: '100000000002', name: 'New name' },
    { account: '100000000003', name: 'Found' },
    { account: '100000000004', name: 'Resale', resale: 'END_CUSTOMER' },
    { account: '100000000005', name: 'Planned', plan: true },
    { account: '100000000010', name: 'Brand new', tags: { team: 'x' } },
  ]),
};

describe('pcc plan against the emulator', () => {
  it('prints only the JSON plan on stdout, read across pages, with the calls it needs and no more', async () => {
    const e = await emulator();
    seedEight(e);
    const cwd = await project(EIGHT_FILES);
    const result = await runCli(['plan', '--format', 'json'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as Plan;
    expect(plan.changes.map((c) => [c.address.split('/')[2], c.action])).toEqual([
      ['100000000001', 'no-op'],
      ['100000000002', 'update'],
      ['100000000003', 'adopt'],
      ['100000000004', 'no-op'],
      ['100000000005', 'no-op'],
      ['100000000010', 'create'],
    ]);
    expect(plan.changes[1]?.fields).toEqual([{ name: 'displayName', before: 'Old name', after: 'New name' }]);
    expect(plan.unmanaged.map((u) => u.displayName)).toEqual(['Hand made one', 'Hand made two']);
    expect(plan.pruneCandidates?.map((u) => u.displayName)).toEqual(['Gone from files']);
    expect(plan.summary).toMatchObject({ create: 1, update: 1, adopt: 1, noOp: 3, unmanaged: 2, delete: 0 });
    // 8 relationships in the PMA at 3 a page: 3 pages. Tags for each of the 8. One Get: the only matched entry
    // declaring resaleAccountModel. Nothing from the PMA no file names.
    // One ListChannelHandshakes (accepted START_SERVICE_PERIOD) per catalog: a period the files no longer declare is reported.
    // One ListProgramManagementAccounts per catalog: the PMAs' status (and those files declare by name).
    expect(e.stats.calls).toEqual({ ListRelationships: 3, ListTagsForResource: 8, GetRelationship: 1, ListChannelHandshakes: 1, ListProgramManagementAccounts: 1 });
  });

  it('--detailed-exitcode: 2 with changes, 0 without; --prune turns the candidate into a delete', async () => {
    const e = await emulator();
    seedEight(e);
    const cwd = await project(EIGHT_FILES);
    const env = emulatorEnv(e.endpoint);
    const changes = await runCli(['plan', '--detailed-exitcode', '--prune', '--format', 'json'], { cwd, env });
    expect(changes.code).toBe(2);
    const plan = JSON.parse(changes.stdout) as Plan;
    expect(plan.changes.filter((c) => c.action === 'delete').map((c) => c.address)).toEqual([`AWS/${PMA}/100000000006`]);

    const quiet = await project({ 'a.yaml': yamlOf([{ account: '100000000001', name: 'Same' }]) });
    const none = await runCli(['plan', '--detailed-exitcode'], { cwd: quiet, env });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No changes.');
    // Without the flag, changes still exit 0.
    expect((await runCli(['plan'], { cwd, env })).code).toBe(0);
  });

  it('--out saves the plan apply reads, equal to the JSON printed', async () => {
    const e = await emulator();
    seedEight(e);
    const cwd = await project(EIGHT_FILES);
    const result = await runCli(['plan', '--format', 'json', '--out', 'plan.json'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Saved the plan to "plan.json"');
    expect(result.stderr).toContain('apply it with `pcc apply plan.json` (it does not ask again)');
    const saved = parsePlanText(await readFile(join(cwd, 'plan.json'), 'utf8'), readPlanSchema());
    expect(saved).toEqual({ plan: JSON.parse(result.stdout) });
    const update = 'plan' in saved ? saved.plan.changes.find((c) => c.action === 'update') : undefined;
    expect(update).toMatchObject({ revision: '1', desired: { displayName: 'New name' }, liveTags: managed });
    expect(JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8')).desiredHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('--dir, --endpoint-url and the text format work without the endpoint variable', async () => {
    const e = await emulator();
    seedEight(e);
    const cwd = await project({});
    await mkdir(join(cwd, 'elsewhere'));
    await writeFile(join(cwd, 'elsewhere', 'a.yaml'), EIGHT_FILES['a.yaml']);
    const { AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: _unused, ...env } = emulatorEnv(e.endpoint);
    const result = await runCli(['plan', '--dir', 'elsewhere', '--endpoint-url', e.endpoint], { cwd, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`AWS/${PMA}/100000000010`);
    expect(result.stdout).toMatch(/Plan: 1 to create, 1 to adopt, 1 to update, 0 to delete\./);
  });

  it('a blocked replacement exits 1 even with --detailed-exitcode, shows the plan, and saves nothing', async () => {
    const e = await emulator();
    e.state.seedRelationship({ pmaId: PMA, associatedAccountId: '100000000001', associationType: 'END_CUSTOMER', displayName: 'A', sector: 'COMMERCIAL', tags: managed });
    const cwd = await project({ 'a.yaml': yamlOf([{ account: '100000000001', name: 'A', type: 'INTERNAL' }]) });
    const result = await runCli(['plan', '--detailed-exitcode', '--format', 'json', '--out', 'p.json'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as Plan).summary).toMatchObject({ replace: 1, blocked: 1 });
    // At the field that forces it, with the way out.
    expect(result.stderr).toContain(
      'relationships/a.yaml:5:22: error: AWS/pma-u8ic702rtzng8/100000000001: replacement blocked: associationType cannot be changed in place: re-run with --allow-replace',
    );
    expect(result.stderr).toContain('plan not saved');
    await expect(readFile(join(cwd, 'p.json'))).rejects.toThrow();
  });
});

describe('pcc plan: failures are one clear line and exit 1', () => {
  const oneLine = (stderr: string) => stderr.trimEnd().split('\n');

  it('invalid files: the diagnostics, exit 1, and not one API call', async () => {
    const e = await emulator();
    const cwd = await project({ 'bad.yaml': 'catalog: AWS\nprogrammanagementAccountIdentifier: nope\nrelationships: 3\n' });
    const result = await runCli(['plan'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/relationships\/bad\.yaml:\d+:\d+/);
    expect(e.stats.calls).toEqual({});
    // In GitHub Actions the same problems are also annotations on the diff.
    const inActions = await runCli(['plan'], { cwd, env: { ...emulatorEnv(e.endpoint), GITHUB_ACTIONS: 'true' } });
    expect(inActions.code).toBe(1);
    expect(inActions.stderr).toMatch(/^::error file=relationships\/bad\.yaml,line=\d+/m);
    expect(e.stats.calls).toEqual({});
  });

  it('access denied: one line naming the operation, what to do, no stack', async () => {
    const e = await emulator({ deny: ['ListTagsForResource'] });
    seedEight(e);
    const cwd = await project(EIGHT_FILES);
    const result = await runCli(['plan'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(oneLine(result.stderr)).toEqual([
      expect.stringMatching(
        /^pcc: cannot read the live state: ListTagsForResource was denied \(403 AccessDeniedException: .*partnercentral:ListTagsForResource.*\): allow partnercentral:ListTagsForResource/,
      ),
    ]);
    // The first denial stops the refresh: not all eight tag reads were tried.
    expect(e.stats.calls.ListTagsForResource ?? 0).toBeLessThan(8);
  });

  it('an unknown PMA (404): the entry naming it at file:line:col with its catalog, then the API’s one line', async () => {
    const e = await emulator();
    const cwd = await project({ 'a.yaml': yamlOf([{ account: '100000000001', name: 'A' }], 'pma-n0such0pma000') });
    const result = await runCli(['plan'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toEqual([
      expect.stringMatching(/^relationships\/a\.yaml:\d+:\d+: error: program management account pma-n0such0pma000 is not in the AWS catalog of this account$/),
      expect.stringContaining('hint: run `pcc pmas` to list yours'),
      expect.stringContaining('ListRelationships found nothing (404 ResourceNotFoundException'),
    ]);
    expect(result.stderr).toContain('pma-n0such0pma000');
    expect(result.stderr).toContain('programManagementAccountIdentifier');
  });

  it('an unknown PMA that only a document default names (no entries yet): still at file:line:col, the known PMA not flagged', async () => {
    const e = await emulator();
    e.state.createPma({ id: PMA });
    const cwd = await project({
      'a.yaml': yamlOf([{ account: '100000000001', name: 'A' }]),
      'b.yaml': '# new team\ncatalog: AWS\nprogramManagementAccountIdentifier: pma-n0such0pma000\nrelationships: []\n',
    });
    const result = await runCli(['plan'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)[0]).toBe('relationships/b.yaml:3:37: error: program management account pma-n0such0pma000 is not in the AWS catalog of this account');
    expect(result.stderr).not.toContain(`account ${PMA} is not`);
  });

  it('connection refused: one line pointing at the endpoint setting', async () => {
    const e = await emulator();
    const endpoint = e.endpoint;
    await e.stop();
    const cwd = await project(EIGHT_FILES);
    const result = await runCli(['plan', '--format', 'json'], { cwd, env: emulatorEnv(endpoint) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(oneLine(result.stderr)).toEqual([
      expect.stringMatching(
        // The first read: the catalog's program management accounts.
        /^pcc: cannot read the live state: cannot reach the Partner Central Channel API for ListProgramManagementAccounts .*AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL/,
      ),
    ]);
  });

  it('no credentials: one line saying how to provide them', async () => {
    const e = await emulator();
    const cwd = await project(EIGHT_FILES);
    const result = await runCli(['plan'], { cwd, env: { AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: e.endpoint } });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toEqual([expect.stringMatching(/^pcc: cannot read the live state: no AWS credentials found .*--profile/)]);
    expect(e.stats.calls).toEqual({});
  });

  it('a mistyped profile is named with the profiles there are; an SSO profile gets the login command', async () => {
    const e = await emulator();
    const cwd = await project(EIGHT_FILES);
    const config = join(cwd, 'aws-config');
    await writeFile(
      config,
      '[profile partner]\nregion = us-east-1\n[profile partner-sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
    );
    const env = { AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: e.endpoint, AWS_CONFIG_FILE: config };
    const typo = await runCli(['plan', '--profile', 'partnr'], { cwd, env });
    expect(typo.code).toBe(1);
    expect(oneLine(typo.stderr)).toEqual([
      'pcc: cannot read the live state: no AWS credentials: profile "partnr" is in neither the AWS config nor the credentials file (there are partner, partner-sso): check the name in --profile or AWS_PROFILE (aws configure list-profiles)',
    ]);
    const viaEnv = await runCli(['plan'], { cwd, env: { ...env, AWS_PROFILE: 'partnr' } });
    expect(oneLine(viaEnv.stderr)).toEqual([expect.stringContaining('profile "partnr" is in neither')]);
    const sso = await runCli(['plan', '--profile', 'partner-sso'], { cwd, env });
    expect(sso.code).toBe(1);
    expect(oneLine(sso.stderr)).toEqual([
      'pcc: cannot read the live state: no AWS credentials: the SSO session of profile "partner-sso" has expired or was never started: run aws sso login --profile partner-sso',
    ]);
    expect(e.stats.calls).toEqual({});
  });

  it('throttling that outlasts the retries: one line with the attempts made', async () => {
    const e = await emulator({ faults: { throttleRate: 1, operations: ['ListRelationships'] } });
    const cwd = await project(EIGHT_FILES);
    const result = await runCli(['plan'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toEqual([
      expect.stringMatching(
        /^pcc: cannot read the live state: ListRelationships was still throttled after \d+ attempts \(429 ThrottlingException: .*\): lower --read-rate/,
      ),
    ]);
    expect(e.stats.calls.ListRelationships).toBeGreaterThan(1);
  });
});
