/**
 * `pcc init` as a new user runs it in an empty folder: the built CLI as a subprocess, then validate, fmt and a plan
 * against the emulator on what it wrote.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from '../support/emulator-process.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

const PMA = 'pma-u8ic702rtzng8';
const REPO_SCHEMA = new URL('../../schema/relationships.schema.json', import.meta.url);
const emptyFolder = () => mkdtemp(join(tmpdir(), 'pcc-init-'));

describe('pcc init', () => {
  it('writes a valid, formatted start: example, schema, editor settings, filled IAM policies', async () => {
    const cwd = await emptyFolder();
    const result = await runCli(['init', '--pma', PMA, '--account', '123456789012', '--repo', 'acme/channel', '--branch', 'trunk'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('pcc init: 20 files created.');
    expect(result.stderr).toContain('Next steps:');
    expect(result.stderr).not.toContain('pcc pmas'); // the PMA was given

    const example = await readFile(join(cwd, 'relationships', 'example.yaml'), 'utf8');
    expect(example).toContain(`programManagementAccountIdentifier: ${PMA}`);
    for (const type of ['END_CUSTOMER', 'DOWNSTREAM_SELLER', 'INTERNAL']) expect(example).toContain(`associationType: ${type}`);
    const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(example)?.[1];
    expect(modeline).toBe('../schema/relationships.schema.json');
    expect(await readFile(resolve(cwd, 'relationships', modeline as string), 'utf8')).toBe(await readFile(REPO_SCHEMA, 'utf8'));
    expect(JSON.parse(await readFile(join(cwd, '.vscode', 'settings.json'), 'utf8'))).toEqual({
      'yaml.schemas': { './schema/relationships.schema.json': 'relationships/**/*.{yaml,yml}' },
    });

    const trust = await readFile(join(cwd, 'iam', 'plan-trust-policy.json'), 'utf8');
    expect(trust).toContain('arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com');
    expect(trust).toContain('repo:acme/channel:ref:refs/heads/trunk');
    for (const name of ['plan-policy.json', 'plan-trust-policy.json', 'apply-policy.json', 'apply-trust-policy.json', 'prune-policy.json', 'prune-trust-policy.json']) {
      const text = await readFile(join(cwd, 'iam', name), 'utf8');
      expect(text, name).not.toMatch(/ACCOUNT_ID|OWNER\/REPO/);
      expect(() => JSON.parse(text), name).not.toThrow();
    }

    expect(await runCli(['validate'], { cwd })).toMatchObject({ code: 0, stderr: '✓ 0 relationships in 1 file are valid\n' });
    expect(await runCli(['fmt', '--check'], { cwd })).toMatchObject({ code: 0, stdout: '' });
  });

  it('the example becomes a plan: uncomment an entry and the emulator rehearsal creates it', async () => {
    const cwd = await emptyFolder();
    expect((await runCli(['init', '--pma', PMA], { cwd })).code).toBe(0);
    const file = join(cwd, 'relationships', 'example.yaml');
    const text = await readFile(file, 'utf8');
    // What a user does: put the first example in place of [].
    const first = text
      .split('\n')
      .filter((line) => /^# {2}[- ] /.test(line))
      .slice(0, 4)
      .map((line) => line.slice(2).replace(/\s+#.*$/, ''))
      .join('\n');
    await writeFile(file, text.replace('relationships: [] # replace [] with the entries, e.g. the examples below', `relationships:\n${first}`));
    const server = await startCli(['--no-rate-limits'], cwd);
    try {
      const plan = await runCli(['--read-rate', '100', 'plan'], { cwd, env: emulatorEnv(server.endpoint) });
      expect(plan.code, plan.stderr).toBe(0);
      expect(plan.stdout).toContain(`+ AWS/${PMA}/111122223333 will be created`);
      expect(plan.stdout).toContain('Plan: 1 to create, 0 to update, 0 to delete.');
    } finally {
      server.child.kill('SIGTERM');
    }
    await server.exited;
  });

  it('never overwrites: an existing file is kept, byte for byte, and said so', async () => {
    const cwd = await emptyFolder();
    await mkdir(join(cwd, 'relationships'));
    await writeFile(join(cwd, 'relationships', 'example.yaml'), 'mine\n');
    await mkdir(join(cwd, '.vscode'));
    await writeFile(join(cwd, '.vscode', 'settings.json'), '{"editor.tabSize": 8}\n');
    const result = await runCli(['init'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('kept    relationships/example.yaml (it exists; init never overwrites)');
    expect(result.stderr).toContain('kept    .vscode/settings.json (it exists; init never overwrites)');
    expect(result.stderr).toContain('pcc init: 18 files created.');
    expect(await readFile(join(cwd, 'relationships', 'example.yaml'), 'utf8')).toBe('mine\n');
    expect(await readFile(join(cwd, '.vscode', 'settings.json'), 'utf8')).toBe('{"editor.tabSize": 8}\n');
    // Without --pma: the PMA line is a comment and the next steps say how to find one.
    expect(result.stderr).toContain('`pcc pmas`');
    const again = await runCli(['init'], { cwd });
    expect(again.stderr).toContain('pcc init: 0 files created.');
  });

  it('places the modeline for a nested --dir and refuses bad values before writing anything', async () => {
    const cwd = await emptyFolder();
    expect((await runCli(['--dir', 'teams/channel', 'init', '--catalog', 'Sandbox'], { cwd })).code).toBe(0);
    const example = await readFile(join(cwd, 'teams', 'channel', 'example.yaml'), 'utf8');
    expect(example).toContain('# yaml-language-server: $schema=../../schema/relationships.schema.json');
    expect(example).toContain('catalog: Sandbox');
    expect(existsSync(resolve(dirname(join(cwd, 'teams', 'channel', 'example.yaml')), '../../schema/relationships.schema.json'))).toBe(true);

    const empty = await emptyFolder();
    for (const args of [
      ['--pma', 'pma-TOO-SHORT'],
      ['--account', '12345'],
      ['--repo', 'no-slash'],
      ['--catalog', 'aws'],
    ]) {
      const bad = await runCli(['init', ...args], { cwd: empty });
      expect(bad.code, args.join(' ')).toBe(1);
      expect(bad.stderr, args.join(' ')).toMatch(/invalid|Allowed choices/);
    }
    expect(existsSync(join(empty, 'relationships'))).toBe(false);
  });
});
