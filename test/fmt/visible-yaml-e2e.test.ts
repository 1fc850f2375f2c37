/**
 * Issue 19 fault 10 and its kind: YAML that pcc writes (import, fmt, init) shows what it holds. Bidi overrides,
 * isolates and zero-width characters from live strings or files are written as `\uXXXX` escapes in double-quoted
 * scalars: a reviewer reads what applies ("Trojan Source"), and the values read back unchanged.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

const PMA = 'pma-u8ic702rtzng8';
/** A right-to-left override, an isolate, a zero-width space and a line separator: none shows as itself. */
const HIDDEN = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2028\u2029\ufeff]/;
const NAME = 'Acme\u202e lanigiro \u2066x\u2069\u200b';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

async function project(files: Record<string, string> = {}): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'pcc-visible-'));
  await mkdir(join(cwd, 'relationships'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(cwd, 'relationships', name), text);
  return cwd;
}

describe('YAML pcc writes shows what it holds', () => {
  it('pcc import escapes bidi and zero-width characters of live names and tags; the file validates, is formatted and plans no change', async () => {
    const e = await startEmulator({ idSeed: 5 });
    running.push(e);
    e.state.seedRelationship({
      pmaId: PMA,
      associatedAccountId: '100000000001',
      associationType: 'END_CUSTOMER',
      displayName: NAME,
      sector: 'COMMERCIAL',
      tags: { 'team\u2029': 'a\u2028b' },
    });
    const cwd = await project();
    const env = emulatorEnv(e.endpoint);
    const imported = await runCli(['import', '--pma', PMA], { cwd, env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).not.toMatch(HIDDEN);
    expect(imported.stdout).toContain('displayName: "Acme\\u202E lanigiro \\u2066x\\u2069\\u200B"');
    expect(imported.stdout).toContain('"team\\u2029": "a\\u2028b"');
    const entry = (parse(imported.stdout) as { relationships: Array<{ displayName: string; tags: Record<string, string> }> }).relationships[0]!;
    expect(entry.displayName).toBe(NAME);
    expect(entry.tags).toEqual({ 'team\u2029': 'a\u2028b' });

    await writeFile(join(cwd, 'relationships', 'imported.yaml'), imported.stdout);
    const validated = await runCli(['validate'], { cwd });
    expect(validated.code, validated.stderr).toBe(0);
    const check = await runCli(['fmt', '--check'], { cwd });
    expect(check.code, check.stderr).toBe(0);
    const planned = await runCli(['plan', '--format', 'json'], { cwd, env });
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as Plan;
    expect(plan.changes.map((c) => [c.action, c.fields.map((f) => f.name)])).toEqual([['adopt', []]]);
  });

  it('pcc fmt writes hidden characters of a file as escapes (values and comments), and never turns an escape back into one', async () => {
    const raw = [
      `# owner: ops\u202e`,
      'catalog: AWS',
      `programManagementAccountIdentifier: ${PMA}`,
      'relationships:',
      '  - associatedAccountId: "100000000001"',
      '    associationType: END_CUSTOMER',
      `    displayName: ${NAME}`,
      '    sector: COMMERCIAL',
      '',
    ].join('\n');
    const escaped =
      'catalog: AWS\nprogramManagementAccountIdentifier: pma-u8ic702rtzng8\nrelationships:\n  - associatedAccountId: "100000000002"\n    associationType: END_CUSTOMER\n    displayName: "B\\u202Eb"\n    sector: COMMERCIAL\n';
    const cwd = await project({ 'raw.yaml': raw, 'escaped.yaml': escaped });
    const before = await runCli(['validate', '--format', 'json'], { cwd });
    expect(before.code).toBe(0);

    const check = await runCli(['fmt', '--check'], { cwd });
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).toContain('raw.yaml');
    expect(check.stdout + check.stderr).not.toContain('escaped.yaml');
    const formatted = await runCli(['fmt'], { cwd });
    expect(formatted.code, formatted.stderr).toBe(0);
    const text = await readFile(join(cwd, 'relationships', 'raw.yaml'), 'utf8');
    expect(text).not.toMatch(HIDDEN);
    expect(text).toContain('# owner: ops\\u202E');
    expect(text).toContain('displayName: "Acme\\u202E lanigiro \\u2066x\\u2069\\u200B"');
    expect((parse(text) as { relationships: Array<{ displayName: string }> }).relationships[0]!.displayName).toBe(NAME);
    expect(await readFile(join(cwd, 'relationships', 'escaped.yaml'), 'utf8')).toBe(escaped);
    expect((await runCli(['fmt', '--check'], { cwd })).code).toBe(0);
  });

  it('pcc init writes a branch name with a bidi character escaped in the workflow and the trust policy', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-visible-init-'));
    const branch = 'release\u202e/1';
    const result = await runCli(['init', '--repo', 'acme/channel', '--account', '123456789012', '--branch', branch], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const workflow = await readFile(join(cwd, '.github', 'workflows', 'pcc-apply.yml'), 'utf8');
    const trust = await readFile(join(cwd, 'iam', 'plan-trust-policy.json'), 'utf8');
    for (const text of [workflow, trust]) {
      expect(text).not.toMatch(HIDDEN);
      expect(text).toContain('release\\u202E/1');
    }
    const push = (parse(workflow) as { on: { push: { branches: string[] } } }).on.push.branches;
    expect(push).toEqual([branch]);
    expect(JSON.stringify(JSON.parse(trust))).toContain(branch);
  });
});
