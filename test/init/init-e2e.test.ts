/**
 * `pcc init` as a new user runs it in an empty folder: the built CLI as a subprocess, then validate, fmt and a plan
 * against the emulator on what it wrote.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startCli } from '../support/emulator-process.js';
import { CLI_PATH, emulatorEnv, runCli } from '../support/run-cli.js';

const PMA = 'pma-u8ic702rtzng8';
const REPO_SCHEMA = new URL('../../schema/relationships.schema.json', import.meta.url);
const emptyFolder = () => mkdtemp(join(tmpdir(), 'pcc-init-'));
const PCC_VERSION = (JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Which of `paths` git ignores in the repository at `cwd` (git check-ignore exits 1 when none is). */
function ignoredByGit(cwd: string, paths: string[]): string[] {
  execFileSync('git', ['init', '-q'], { cwd });
  try {
    return execFileSync('git', ['check-ignore', ...paths], { cwd, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch (error) {
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

/** Folders (as Dependabot names them: `/`, `/.github/actions/x`) whose workflows or action.yml use a remote action. */
async function foldersWithRemoteActions(cwd: string): Promise<string[]> {
  const files = [
    ...(await readdir(join(cwd, '.github', 'workflows'))).map((name) => ['/', join(cwd, '.github', 'workflows', name)]),
    ...(await readdir(join(cwd, '.github', 'actions'))).map((name) => [`/.github/actions/${name}`, join(cwd, '.github', 'actions', name, 'action.yml')]),
  ];
  const folders = new Set<string>();
  for (const [folder, file] of files) if (/^\s*(?:- )?uses: [\w.-]+\/[\w.-]+@/m.test(await readFile(file!, 'utf8'))) folders.add(folder!);
  return [...folders].sort();
}

describe('pcc init', () => {
  it('writes a valid, formatted start: example, schema, editor settings, filled IAM policies', async () => {
    const cwd = await emptyFolder();
    const result = await runCli(['init', '--pma', PMA, '--account', '123456789012', '--repo', 'acme/channel', '--branch', 'trunk'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('pcc init: 23 files created.');
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
    expect(result.stderr).toContain('pcc init: 21 files created.');
    expect(await readFile(join(cwd, 'relationships', 'example.yaml'), 'utf8')).toBe('mine\n');
    expect(await readFile(join(cwd, '.vscode', 'settings.json'), 'utf8')).toBe('{"editor.tabSize": 8}\n');
    // Without --pma: the PMA line is a comment and the next steps say how to find one.
    expect(result.stderr).toContain('`pcc pmas`');
    const again = await runCli(['init'], { cwd });
    expect(again.stderr).toContain('pcc init: 0 files created.');
  });

  it('writes .gitignore lines for saved plans, a Dependabot config for every pinned action, and a versioned action copy', async () => {
    const cwd = await emptyFolder();
    const result = await runCli(['init'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('  created .gitignore');
    const planFiles = ['plan.json', 'pcc-plan.json', 'pcc-prune-plan.json', 'pcc-service-periods-plan.json', 'relationships/x.plan.json'];
    const tracked = ['relationships/example.yaml', 'iam/plan-policy.json', '.github/workflows/pcc-plan.yml', '.vscode/settings.json', 'schema/relationships.schema.json'];
    expect(ignoredByGit(cwd, [...planFiles, ...tracked])).toEqual(planFiles);

    const dependabot = parse(await readFile(join(cwd, '.github', 'dependabot.yml'), 'utf8')) as { version: number; updates: Record<string, unknown>[] };
    expect(dependabot.version).toBe(2);
    expect(dependabot.updates.map((u) => u['package-ecosystem'])).toEqual(['github-actions']);
    expect((dependabot.updates[0]?.directories as string[]).sort()).toEqual(await foldersWithRemoteActions(cwd));
    expect(dependabot.updates[0]?.schedule).toEqual({ interval: 'weekly' });

    expect(await readFile(join(cwd, '.github', 'actions', 'pcc', 'VERSION'), 'utf8')).toBe(`${PCC_VERSION}\n`);
    const action = await readFile(join(cwd, '.github', 'actions', 'pcc', 'action.yml'), 'utf8');
    expect(action.split('\n')[0]).toContain(`from pcc-gitops ${PCC_VERSION}`);
    expect(action.endsWith(await readFile(new URL('../../action.yml', import.meta.url), 'utf8'))).toBe(true);

    const again = await runCli(['init'], { cwd });
    expect(again.stderr).toContain(`  kept    .github/actions/pcc/ (the action of pcc ${PCC_VERSION}; init never overwrites)`);
    expect(again.stderr).toContain("  kept    .gitignore (it has pcc's lines)");
    expect(again.stderr).not.toContain('to upgrade');
  });

  it("appends only the .gitignore lines it lacks, in the file's line endings; never through a link", async () => {
    const cwd = await emptyFolder();
    const own = 'node_modules/\r\n*.plan.json\r\n# mine, no final newline';
    await writeFile(join(cwd, '.gitignore'), own);
    const result = await runCli(['init'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('  added   plan.json pcc-*plan.json to .gitignore (its own lines are kept)');
    const text = await readFile(join(cwd, '.gitignore'), 'utf8');
    expect(text).toBe(`${own}\r\n\r\n# pcc: saved plans (pcc plan --out FILE) are for one apply, not for the repository\r\nplan.json\r\npcc-*plan.json\r\n`);
    expect((await runCli(['init'], { cwd })).stderr).toContain("  kept    .gitignore (it has pcc's lines)");
    expect(await readFile(join(cwd, '.gitignore'), 'utf8')).toBe(text);

    const linked = await emptyFolder();
    const outside = await emptyFolder();
    await writeFile(join(outside, 'ignore'), 'x\n');
    await symlink(join(outside, 'ignore'), join(linked, '.gitignore'));
    const viaLink = await runCli(['init'], { cwd: linked });
    expect(viaLink.code, viaLink.stderr).toBe(0);
    expect(viaLink.stderr).toContain('  kept    .gitignore (it exists; init never overwrites)');
    expect(await readFile(join(outside, 'ignore'), 'utf8')).toBe('x\n');
  });

  it('keeps an action copy whole and says which pcc it came from and how to upgrade it', async () => {
    const cwd = await emptyFolder();
    await mkdir(join(cwd, '.github', 'actions', 'pcc'), { recursive: true });
    await writeFile(join(cwd, '.github', 'actions', 'pcc', 'VERSION'), '0.0.9\n');
    await writeFile(join(cwd, '.github', 'actions', 'pcc', 'action.yml'), 'old\n');
    const older = await runCli(['init'], { cwd });
    expect(older.code, older.stderr).toBe(0);
    expect(older.stderr).toContain('  kept    .github/actions/pcc/ (the action of pcc 0.0.9; init never overwrites)');
    expect(older.stderr).toContain(`pcc init: this is pcc ${PCC_VERSION}; to upgrade the action copy, delete .github/actions/pcc and run pcc init again.`);
    // Never a mix of two versions: the copy's missing files are not filled in from this one.
    expect((await readdir(join(cwd, '.github', 'actions', 'pcc'))).sort()).toEqual(['VERSION', 'action.yml']);
    expect(await readFile(join(cwd, '.github', 'actions', 'pcc', 'action.yml'), 'utf8')).toBe('old\n');

    const unmarked = await emptyFolder();
    await mkdir(join(unmarked, '.github', 'actions', 'pcc'), { recursive: true });
    await writeFile(join(unmarked, '.github', 'actions', 'pcc', 'action.yml'), 'old\n');
    const result = await runCli(['init'], { cwd: unmarked });
    expect(result.stderr).toContain('  kept    .github/actions/pcc/ (an action copy of unknown version, no VERSION file; init never overwrites)');
    expect(existsSync(join(unmarked, '.github', 'actions', 'pcc', 'VERSION'))).toBe(false);
  });

  it('with another --dir, the commands init suggests (next steps, the example) name that folder, quoted, and work as given', async () => {
    const cwd = await emptyFolder();
    const init = await runCli(['--dir', "teams/chan'nel rel", 'init'], { cwd });
    expect(init.code, init.stderr).toBe(0);
    const example = await readFile(join(cwd, 'teams', "chan'nel rel", 'example.yaml'), 'utf8');
    const suggested = [...`${init.stderr}\n${example}`.matchAll(/`(pcc [^`]*)`/g)].map(([, command]) => command!);
    const dirWord = `'teams/chan'\\''nel rel'`;
    expect(suggested).toContain(`pcc --dir ${dirWord} validate`);
    expect(suggested).toContain(`pcc --dir ${dirWord} plan`);
    expect(suggested.filter((command) => command.includes(' import '))).toEqual(
      Array(2).fill(`pcc --dir ${dirWord} import --out 'teams/chan'\\''nel rel/imported.yaml'`),
    );
    // As a POSIX shell reads it (the CLI's path in place of `pcc`): validate passes on what init wrote.
    const validate = execFileSync('sh', ['-c', `"$0" "$1" ${`pcc --dir ${dirWord} validate`.slice('pcc '.length)} 2>&1`, process.execPath, CLI_PATH], {
      cwd,
      encoding: 'utf8',
    });
    expect(validate).toContain('0 relationships in 1 file are valid');
    // The default folder is not named.
    const plain = await emptyFolder();
    const defaults = await runCli(['init'], { cwd: plain });
    expect(defaults.stderr).toContain('`pcc import --out relationships/imported.yaml`), then `pcc validate` and `pcc plan`');
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
