/**
 * `pcc validate` as a user runs it: the built CLI in a subprocess. Exit codes, the text on stderr, the JSON
 * on stdout, GitHub annotations, and that the examples in relationships/ validate.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const HEADER = 'catalog: AWS\nprogramManagementAccountIdentifier: pma-u8ic702rtzng8\nrelationships:\n';
const ENTRY = (account: string, name = 'Acme Corp', sector = 'COMMERCIAL') =>
  `  - associatedAccountId: ${account}\n    associationType: END_CUSTOMER\n    displayName: ${name}\n    sector: ${sector}\n`;

const created: string[] = [];
afterAll(() => Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A temporary project; returns its folder (the cwd for the CLI). */
async function project(files: Record<string, string>): Promise<string> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'pcc-validate-'));
  created.push(cwd);
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(cwd, name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return cwd;
}

describe('pcc validate', () => {
  it('counts the files the problems are in, not the files read', async () => {
    const cwd = await project({
      'relationships/a.yaml': HEADER + ENTRY('011122223333') + ENTRY('"222233334444"', 'Globex', 'RETAIL'),
      'relationships/b.yaml': HEADER + ENTRY('"333344445555"'),
      'relationships/c.yaml': HEADER + ENTRY('"444455556666"'),
    });
    const result = await runCli(['validate'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe('✗ 2 errors in 1 file (of 3 read)');
  });

  it('accepts the examples in relationships/ with a one-line summary', async () => {
    const result = await runCli(['validate'], { cwd: REPO });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^✓ \d+ relationships in \d+ files are valid\n$/);
  });

  it('reports every problem as file:line:col with path and hint, then a summary, and exits 1', async () => {
    const cwd = await project({
      'relationships/a.yaml': HEADER + ENTRY('011122223333') + ENTRY('"222233334444"', 'Globex', 'RETAIL'),
      'relationships/b.yaml': HEADER + ENTRY('"222233334444"', 'Globex again'),
    });
    const result = await runCli(['validate'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'relationships/a.yaml:4:26: error: associatedAccountId is not in quotes, so YAML read 011122223333 as a number, which drops the leading zero (11122223333) [/relationships/0/associatedAccountId]',
        '  hint: quote it: associatedAccountId: "011122223333"',
        'relationships/a.yaml:11:13: error: sector "RETAIL" is not one of COMMERCIAL, GOVERNMENT, GOVERNMENT_EXCEPTION [/relationships/1/sector]',
        'relationships/b.yaml:4:5: error: relationship AWS/pma-u8ic702rtzng8/222233334444 is declared twice: here and at relationships/a.yaml:8:5 [/relationships/0]',
        '  hint: remove one of the two entries (an account has one relationship per program management account)',
        '✗ 3 errors in 2 files',
        '',
      ].join('\n'),
    );
  });

  it('takes --dir before or after the command', async () => {
    const cwd = await project({ 'elsewhere/x.yml': HEADER + ENTRY('"111122223333"') });
    for (const args of [
      ['validate', '--dir', 'elsewhere'],
      ['--dir', 'elsewhere', 'validate'],
    ]) {
      const result = await runCli(args, { cwd });
      expect(result.stderr).toBe('✓ 1 relationship in 1 file is valid\n');
      expect(result.code).toBe(0);
    }
  });

  it('exits 0 with warnings, and says so', async () => {
    const cwd = await project({ 'relationships/a.yaml': HEADER + ENTRY('"111122223333"'), 'relationships/empty.yaml': '# todo\n' });
    const result = await runCli(['validate'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'relationships/empty.yaml:1:1: warning: relationships/empty.yaml declares nothing (it is empty or only comments)\n' +
        '  hint: add relationships to it, or delete it\n' +
        '✓ 1 relationship in 2 files is valid (1 warning)\n',
    );
  });

  it('fails on a missing folder', async () => {
    const cwd = await project({});
    const result = await runCli(['validate', '--dir', 'nope'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: no folder nope/ (looked in ${path.join(cwd, 'nope')})\n  hint: create it`);
  });

  it('never lets terminal escapes from a file (or its name) through', async () => {
    const cwd = await project({
      'relationships/a.yaml': HEADER + ENTRY('"111122223333"', '"\\e]0;pwned\\a\\e[2JAcme Corporation International Holdings"'),
      'relationships/\u001b[2J\u001b]0;pwned\u0007evil.yaml': 'relationships: [\n',
    });
    const result = await runCli(['validate'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('relationships/a.yaml:6:18: error: displayName');
    expect(result.stderr).toContain('relationships/evil.yaml:2:1: error: invalid YAML');
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('colours stderr only when colour is forced or stderr is a terminal', async () => {
    const cwd = await project({ 'relationships/a.yaml': HEADER + ENTRY('"1"') });
    const plain = await runCli(['validate'], { cwd });
    const coloured = await runCli(['validate'], { cwd, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(plain.stderr).not.toContain('\u001b[');
    expect(coloured.stderr).toContain('\u001b[31m');
  });

  it('reads no network: a dead endpoint in the environment changes nothing', async () => {
    const result = await runCli(['validate'], { cwd: REPO, env: { AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(0);
  });
});

describe('pcc validate --format json', () => {
  it('prints the problems as data on stdout and only the summary on stderr', async () => {
    const cwd = await project({ 'relationships/a.yaml': HEADER + ENTRY('"111122223333"', 'Acme', 'RETAIL') + ENTRY('"222233334444"', 'Beta') });
    const result = await runCli(['validate', '--format', 'json'], { cwd });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: false,
      files: 1,
      relationships: 1,
      problems: [
        {
          code: 'schema-enum',
          severity: 'error',
          message: 'sector "RETAIL" is not one of COMMERCIAL, GOVERNMENT, GOVERNMENT_EXCEPTION',
          file: 'relationships/a.yaml',
          line: 7,
          column: 13,
          path: '/relationships/0/sector',
        },
      ],
    });
    expect(result.stderr).toBe('✗ 1 error in 1 file\n');
  });

  it('says valid with no problems for the examples', async () => {
    const result = await runCli(['validate', '--format', 'json'], { cwd: REPO });
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { valid: boolean; files: number; relationships: number; problems: unknown[] };
    expect(parsed).toMatchObject({ valid: true, problems: [] });
    expect(parsed.relationships).toBeGreaterThanOrEqual(6);
  });

  it('rejects an unknown format', async () => {
    const result = await runCli(['validate', '--format', 'xml'], { cwd: REPO });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("option '--format <format>' argument 'xml' is invalid. expected one of text, json");
  });
});

describe('pcc validate in GitHub Actions', () => {
  it('adds ::error annotations after the text', async () => {
    const cwd = await project({ 'relationships/a.yaml': HEADER + ENTRY('111122223333') });
    const result = await runCli(['validate'], { cwd, env: { GITHUB_ACTIONS: 'true' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '\n::error file=relationships/a.yaml,line=4,col=26,title=pcc%3A schema-unquoted-number::associatedAccountId is not in quotes, so YAML read 111122223333 as a number%0Ahint: quote it: associatedAccountId: "111122223333"\n',
    );
    // Not outside Actions.
    expect((await runCli(['validate'], { cwd })).stderr).not.toContain('::error');
  });

  it('emits at most 10 annotations, then a line saying how many more, and keeps stdout JSON clean', async () => {
    const entries = Array.from({ length: 12 }, (_, i) => ENTRY(`"1111222233${String(i).padStart(2, '0')}"`, 'x', 'RETAIL')).join('');
    const cwd = await project({ 'relationships/a.yaml': HEADER + entries });
    const result = await runCli(['validate', '--format', 'json'], { cwd, env: { GITHUB_ACTIONS: 'true' } });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { problems: unknown[] }).problems).toHaveLength(12);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(10);
    expect(lines.slice(-2)).toEqual([
      '2 more problems not shown as annotations (GitHub shows at most 10 of each kind per step); see the full list in the log.',
      '✗ 12 errors in 1 file',
    ]);
  });

  it('prints nothing the runner would read as a workflow command, nor raw C1 controls, in text or JSON', async () => {
    // A hostile value in a pull request's file: yaml's "\x9b" is the 8-bit CSI, ##[…] the runner's legacy syntax.
    const cwd = await project({ 'relationships/a.yaml': HEADER + ENTRY('"111122223333"', 'Acme', '"##[stop-commands]pwned \\x9b2J"') });
    const env = { GITHUB_ACTIONS: 'true' };
    const text = await runCli(['validate'], { cwd, env });
    const json = await runCli(['validate', '--format', 'json'], { cwd, env });
    expect(text.code).toBe(1);
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr]) {
      expect(output).not.toContain('##[');
      expect(output).not.toMatch(/[\u0080-\u009f]/);
    }
    expect(text.stderr).toContain('stop-commands');
    const parsed = JSON.parse(json.stdout) as { problems: Array<{ message: string }> };
    expect(parsed.problems[0]?.message).toContain('"##[stop-commands]pwned \\u009B2J"');
  });
});
