/**
 * Branch names in `pcc init`'s files: git's rules for refusing one, and every name git accepts written so that the
 * workflow's YAML (1.1 and 1.2 readers alike), GitHub's branch filter and the IAM trust policy hold exactly it.
 * The CLI's side (refusal before writing, exit 1) is in init-hostile-e2e.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { branchFilter, branchNameProblem } from '../../src/init/branch-name.js';
import { initFiles } from '../../src/init/init-files.js';
import { yamlScalar } from '../../src/init/yaml-scalar.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const REFUSED = [
  ['', /empty/],
  ['@', /reserves/],
  ['HEAD', /reserves/],
  ['-x', /starts with -/],
  ['a b', /space/],
  ['a\tb', /control character/],
  ['a\nb', /control character/],
  ['a\u007fb', /control character/],
  ['~', /"~"/],
  ['a~1', /"~"/],
  ['a^b', /"\^"/],
  ['a:b', /":"/],
  ['a?b', /"\?"/],
  ['a*b', /"\*"/],
  ['a[b', /"\["/],
  ['a\\b', /"\\"/],
  ['a..b', /"\.\."/],
  ['a@{1}', /"@\{"/],
  ['x.', /ends with "\."/],
  ['/a', /empty part/],
  ['a/', /empty part/],
  ['a//b', /empty part/],
  ['.a', /starts with "\."/],
  ['a/.b', /starts with "\."/],
  ['x.lock', /"x\.lock" ends with "\.lock"/],
  ['x.lock/y', /ends with "\.lock"/],
] as const;

/** Names git accepts that YAML, GitHub's filters, JavaScript's replace or IAM would read as something else. */
const ACCEPTED = [
  'main',
  'release/2026.1-x_y',
  '1.10',
  'true',
  'False',
  'null',
  'Null',
  '0777',
  '0o17',
  '0x1F',
  '1_000',
  '1e3',
  '0.5',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '=',
  '2026-01-01',
  '6030',
  'a#b',
  'a,b',
  '{x}',
  ']x',
  '"quoted"',
  "it's",
  '%x',
  '&anchor',
  '!tag',
  '|',
  '>',
  'feat+x',
  'a@b',
  '$&x',
  "$'x",
  '$`x',
  '$1',
  '${x}',
  'über/ß',
  '\u202eevil',
];

describe('branchNameProblem follows git check-ref-format --branch', () => {
  it.each(REFUSED.map(([name, why]) => [JSON.stringify(name), name, why] as const))('refuses %s', (_shown, name, why) => {
    expect(branchNameProblem(name)).toMatch(why);
  });

  it.each(ACCEPTED.map((name) => [JSON.stringify(name), name]))('accepts %s', (_shown, name) => {
    expect(branchNameProblem(name)).toBeUndefined();
  });
});

describe('yamlScalar', () => {
  it.each(ACCEPTED.map((name) => [JSON.stringify(name), name]))('%s reads back as itself in YAML 1.1 and 1.2, on one line', (_shown, name) => {
    const text = yamlScalar(name);
    expect(text).not.toContain('\n');
    expect(parse(`- ${text}`, { version: '1.1' })).toEqual([name]);
    expect(parse(`- ${text}`, { version: '1.2' })).toEqual([name]);
  });

  it('leaves ordinary names plain', () => {
    expect(['main', 'release/2026.1-x_y', 'trunk'].map(yamlScalar)).toEqual(['main', 'release/2026.1-x_y', 'trunk']);
  });
});

describe('branchFilter', () => {
  it('escapes what GitHub filters read as syntax, and nothing else', () => {
    expect(['main', 'feat+x', 'a++b', '!x', 'a!b', 'a#b'].map(branchFilter)).toEqual(['main', 'feat\\+x', 'a\\+\\+b', '\\!x', 'a!b', 'a#b']);
  });
});

describe("init's files for any branch git accepts", () => {
  it.each(ACCEPTED.map((name) => [JSON.stringify(name), name]))('%s: the apply workflow runs on it and the trust policy names it', (_shown, branch) => {
    const files = initFiles({ dir: 'relationships', catalog: 'AWS', branch, version: '0.1.0', account: '123456789012', repo: 'acme/channel' }, read);
    const text = files.find((f) => f.path === '.github/workflows/pcc-apply.yml')?.text ?? '';
    for (const version of ['1.1', '1.2'] as const) {
      // YAML 1.1 reads the workflow's own `on:` key as the boolean true.
      const apply = parse(text, { version }) as Record<string, { push: { branches: unknown[] } }>;
      expect((apply.on ?? apply.true)?.push.branches, version).toEqual([branchFilter(branch)]);
    }
    for (const name of ['plan-trust-policy.json', 'apply-trust-policy.json', 'prune-trust-policy.json']) {
      const policy = JSON.parse(files.find((f) => f.path === `iam/${name}`)?.text ?? '') as unknown;
      const shipped = JSON.parse(read(`docs/iam/${name}`)) as unknown;
      // The same policy as shipped, with exactly the placeholders filled (`$` written as IAM's `${$}`).
      const fill = (value: unknown): unknown =>
        typeof value === 'string'
          ? value
              .replaceAll('ACCOUNT_ID', () => '123456789012')
              .replaceAll('OWNER/REPO', () => 'acme/channel')
              .replaceAll('refs/heads/main', () => `refs/heads/${branch.replaceAll('$', '${$}')}`)
          : Array.isArray(value)
            ? value.map(fill)
            : value !== null && typeof value === 'object'
              ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]))
              : value;
      expect(policy, name).toEqual(fill(shipped));
    }
  });
});
