/**
 * `pcc init` against what a folder or a command line may hold: values that would inject into the workflows or the
 * IAM policies, symbolic links that lead out of the folder, a file where init wants a folder, a `--dir` outside the
 * folder, and the action's bundle (which does not ship init's files). Each is refused with a clear message, exit 1,
 * no stack trace, and nothing written — never through a link, never outside the folder.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../support/run-cli.js';

const folder = (name = 'pcc-init-hostile-') => mkdtemp(join(tmpdir(), name));
const BUNDLE = fileURLToPath(new URL('../../action/pcc.mjs', import.meta.url));

/** Everything under `dir`, relative, sorted (links listed, not followed). */
async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

/** `check` on every item, four at a time (each runs the CLI). */
async function inParallel<T>(items: readonly T[], check: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 4) await Promise.all(items.slice(i, i + 4).map(check));
}

function expectCleanRefusal(result: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('pcc init refuses what it cannot write safely', () => {
  it('a --branch git refuses (check-ref-format) is refused before anything is written, saying why', async () => {
    // The whole of git's rules: test/init/branch-name.test.ts.
    const refused: [string, RegExp][] = [
      ['main\n      - "*"\n  workflow_dispatch:', /control character/],
      ['${aws:username}', /":"/],
      ['a: b', /space/],
      ['~', /"~"/],
    ];
    await inParallel(refused, async ([branch, why]) => {
      const cwd = await folder();
      const result = await runCli(['init', '--repo', 'acme/channel', '--branch', branch], { cwd });
      expectCleanRefusal(result, /--branch/);
      expect(result.stderr, JSON.stringify(branch)).toMatch(/git refuses this branch name/);
      expect(result.stderr, JSON.stringify(branch)).toMatch(why);
      expect(await listing(cwd), JSON.stringify(branch)).toEqual([]);
    });
  });

  it('any branch git accepts lands as exactly that string in the apply workflow (YAML 1.1 and 1.2) and the trust policy', async () => {
    // YAML would retype the first ones unquoted (numbers, booleans, null, octal); `#` starts a comment; `+` and a
    // leading `!` are GitHub filter syntax; `$&` and `$'` are replacement patterns; `${x}` is an IAM policy variable.
    // The whole list, through the same code without a process each: test/init/branch-name.test.ts.
    const accepted = ['1.10', 'true', '0777', 'on', 'a#b', 'feat+x', '!x', "$'x", '${x}'];
    await inParallel(accepted, async (branch) => {
      const cwd = await folder();
      const result = await runCli(['init', '--account', '123456789012', '--repo', 'acme/channel', '--branch', branch], { cwd });
      expect(result.code, `${JSON.stringify(branch)}: ${result.stderr}`).toBe(0);
      const text = await readFile(join(cwd, '.github', 'workflows', 'pcc-apply.yml'), 'utf8');
      const filter = branch.replace(/\+/g, '\\+').replace(/^!/, '\\!');
      for (const version of ['1.1', '1.2'] as const) {
        // YAML 1.1 reads the workflow's own `on:` key as the boolean true.
        const apply = parse(text, { version }) as Record<string, { push: { branches: unknown[] } }>;
        expect((apply.on ?? apply.true)?.push.branches, `${JSON.stringify(branch)} in YAML ${version}`).toEqual([filter]);
      }
      const trust = JSON.parse(await readFile(join(cwd, 'iam', 'plan-trust-policy.json'), 'utf8')) as {
        Statement: { Condition: { StringEquals: Record<string, string[]> } }[];
      };
      expect(trust.Statement[0]?.Condition.StringEquals['token.actions.githubusercontent.com:sub'], JSON.stringify(branch)).toEqual([
        'repo:acme/channel:pull_request',
        `repo:acme/channel:ref:refs/heads/${branch.replaceAll('$', '${$}')}`,
      ]);
    });
  });

  it('a branch with slashes, dots and dashes lands as one branch in the workflow and the trust policy', async () => {
    const cwd = await folder();
    const result = await runCli(['init', '--account', '123456789012', '--repo', 'acme/channel', '--branch', 'release/2026.1-x_y'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const apply = parse(await readFile(join(cwd, '.github', 'workflows', 'pcc-apply.yml'), 'utf8')) as { on: { push: { branches: string[] } } };
    expect(apply.on.push.branches).toEqual(['release/2026.1-x_y']);
    const trust = JSON.parse(await readFile(join(cwd, 'iam', 'plan-trust-policy.json'), 'utf8')) as {
      Statement: { Condition: { StringEquals: Record<string, string[]> } }[];
    };
    expect(trust.Statement[0]?.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toContain('repo:acme/channel:ref:refs/heads/release/2026.1-x_y');
  });

  it('never writes through a symbolic link that leads out of the folder; nothing is written at all', async () => {
    const cwd = await folder();
    const outside = await folder('pcc-init-outside-');
    await symlink(outside, join(cwd, '.github'));
    await symlink(outside, join(cwd, 'iam'));
    const result = await runCli(['init'], { cwd });
    expectCleanRefusal(result, /\.github.*(link|outside)/);
    expect(result.stderr).toMatch(/iam.*(link|outside)/);
    expect(await listing(outside)).toEqual([]);
    expect(await listing(cwd)).toEqual(['.github', 'iam']);
  });

  it('a link inside the folder is followed: init writes into its target', async () => {
    const cwd = await folder();
    await mkdir(join(cwd, 'policies'));
    await symlink('policies', join(cwd, 'iam'));
    const result = await runCli(['init'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(cwd, 'policies', 'plan-policy.json'))).toBe(true);
  });

  it('a file where init wants a folder: a clear error naming it, nothing written', async () => {
    const cwd = await folder();
    await writeFile(join(cwd, '.github'), 'not a folder\n');
    const result = await runCli(['init'], { cwd });
    expectCleanRefusal(result, /\.github is a file.*folder/);
    expect(await listing(cwd)).toEqual(['.github']);
  });

  it('a --dir outside the folder (.., absolute) is refused: init sets up the current folder', async () => {
    const parent = await folder();
    const cwd = join(parent, 'repo');
    await mkdir(cwd);
    for (const dir of ['../elsewhere', '/tmp/pcc-init-absolute', 'a/../../b']) {
      const result = await runCli(['--dir', dir, 'init'], { cwd });
      expectCleanRefusal(result, /--dir/);
      expect(await listing(parent), dir).toEqual(['repo']);
    }
    expect(existsSync('/tmp/pcc-init-absolute')).toBe(false);
  });

  it("from the action's bundle: a clear error that init needs the npm package, nothing written", async () => {
    const cwd = await folder();
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BUNDLE, 'init'], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expectCleanRefusal(result, /npm package/);
    expect(await listing(cwd)).toEqual([]);
  });
});
