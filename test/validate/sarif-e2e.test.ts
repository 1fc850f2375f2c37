/**
 * `pcc validate --format sarif` as GitHub code scanning reads it: the built CLI in a subprocess, run from a folder
 * inside a git repository. stdout is one SARIF 2.1.0 log and nothing else; each problem is a result on its file
 * (a URI relative to the repository root) and line; each code is a rule with its docs/codes.md meaning.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/diagnostics/diagnostic.js';
import { runCli } from '../support/run-cli.js';

const HEADER = 'catalog: AWS\nprogramManagementAccountIdentifier: pma-u8ic702rtzng8\nrelationships:\n';
const ENTRY = (account: string, sector = 'COMMERCIAL') =>
  `  - associatedAccountId: ${account}\n    associationType: END_CUSTOMER\n    displayName: Acme\n    sector: ${sector}\n`;
const CODES = new Map(
  [...(await readFile(new URL('../../docs/codes.md', import.meta.url), 'utf8')).matchAll(/^\| `([^`]+)` \| (.*) \|$/gm)].map(([, code, meaning]) => [
    code!,
    meaning!.trim(),
  ]),
);

const created: string[] = [];
afterAll(() => Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A git repository (a `.git` folder is what marks one) with `files` under `teams/`; returns teams/ (the cwd). */
async function repository(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'pcc-sarif-'));
  created.push(root);
  await mkdir(path.join(root, '.git'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, 'teams', name)), { recursive: true });
    await writeFile(path.join(root, 'teams', name), content);
  }
  return path.join(root, 'teams');
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number; startColumn?: number } } }[];
}

/**
 * The SARIF 2.1.0 log's key fields, checked as the standard and GitHub's upload require them; returns its one run's
 * rules and results.
 */
function checkSarif(text: string): { rules: { id: string; help: { text: string }; shortDescription: { text: string } }[]; results: SarifResult[] } {
  const log = JSON.parse(text) as Record<string, unknown>;
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toMatch(/sarif-2\.1\.0/);
  const runs = log.runs as Record<string, unknown>[];
  expect(runs).toHaveLength(1);
  const run = runs[0] as { tool: { driver: Record<string, unknown> }; results: SarifResult[]; columnKind?: string };
  expect(run.tool.driver.name).toBe('pcc');
  expect(run.tool.driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+/);
  expect(['utf16CodeUnits', 'unicodeCodePoints']).toContain(run.columnKind);
  const rules = run.tool.driver.rules as { id: string; help: { text: string }; shortDescription: { text: string } }[];
  expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  for (const result of run.results) {
    // GitHub refuses the whole log when one result has no location with a file ("expected at least one location").
    expect(result.locations?.length, result.ruleId).toBeGreaterThanOrEqual(1);
    expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(['error', 'warning', 'note', 'none']).toContain(result.level);
    expect(result.message.text.length).toBeGreaterThan(0);
    for (const { physicalLocation } of result.locations ?? []) {
      // Relative to the repository root: no scheme, no leading slash, no backslash, no `..`.
      expect(physicalLocation.artifactLocation.uri).not.toMatch(/^[a-z]+:|^\/|\\|(^|\/)\.\.(\/|$)/);
      expect(physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(Number.isInteger(physicalLocation.region?.startLine) && (physicalLocation.region?.startLine ?? 0) >= 1).toBe(true);
    }
  }
  return { rules, results: run.results };
}

describe('pcc validate --format sarif', () => {
  it('a broken set: exit 1, stdout only SARIF, each problem on its file and line from the repository root, each code a rule with its help', async () => {
    const cwd = await repository({
      'channel/a b.yaml': HEADER + ENTRY('"111122223333"', 'RETAIL') + ENTRY('"111122223333"'),
      'channel/sub/c.yaml': HEADER + ENTRY('011122223333') + '  - bogus: 1\n',
    });
    const result = await runCli(['--dir', 'channel', 'validate', '--format', 'sarif'], { cwd });
    expect(result.code, result.stderr).toBe(1);
    const { rules, results } = checkSarif(result.stdout);
    // The problems as --format json gives them: the same, in the same order, at the same places.
    const json = await runCli(['--dir', 'channel', 'validate', '--format', 'json'], { cwd });
    const problems = (JSON.parse(json.stdout) as { problems: Problem[] }).problems;
    expect(problems.length).toBeGreaterThanOrEqual(4);
    expect(new Set(problems.map((p) => p.code)).size).toBeGreaterThanOrEqual(3);
    expect(results.map((r) => r.ruleId)).toEqual(problems.map((p) => p.code));
    results.forEach((r, i) => {
      const p = problems[i] as Problem;
      expect(r.level).toBe(p.severity);
      expect(r.message.text.startsWith(p.message)).toBe(true);
      expect(r.locations?.[0]?.physicalLocation.artifactLocation.uri).toBe(`teams/${encodeURI(p.file ?? '')}`);
      expect(r.locations?.[0]?.physicalLocation.region).toEqual({ startLine: p.line, startColumn: p.column });
    });
    expect(results.map((r) => r.locations?.[0]?.physicalLocation.artifactLocation.uri)).toContain('teams/channel/a%20b.yaml');
    expect(results.map((r) => r.locations?.[0]?.physicalLocation.artifactLocation.uri)).toContain('teams/channel/sub/c.yaml');
    expect(rules.map((r) => r.id).sort()).toEqual([...new Set(problems.map((p) => p.code))].sort());
    for (const rule of rules) {
      const meaning = CODES.get(rule.id) ?? CODES.get(`${rule.id.split('-')[0]}-<keyword>`);
      expect(meaning, rule.id).toBeDefined();
      expect(rule.shortDescription.text).toBe(meaning);
      expect(rule.help.text.startsWith(meaning as string)).toBe(true);
    }
    // What a person reads stays on stderr.
    expect(result.stderr).toMatch(/✗ \d+ errors in 2 files/);
  });

  it('in GitHub Actions: annotations go to stderr, stdout is still the SARIF log alone', async () => {
    const cwd = await repository({ 'channel/a.yaml': HEADER + ENTRY('"111122223333"', 'RETAIL') });
    const result = await runCli(['--dir', 'channel', 'validate', '--format', 'sarif'], { cwd, env: { GITHUB_ACTIONS: 'true' } });
    expect(result.code).toBe(1);
    expect(checkSarif(result.stdout).results).toHaveLength(1);
    expect(result.stderr).toContain('::error file=channel/a.yaml,line=7,col=13,title=pcc%3A schema-enum::');
  });

  it('problems about no file (a missing folder, one without files) are notifications of the run, not results without a location', async () => {
    const cwd = await repository({ 'empty/README.md': 'no YAML here\n' });
    for (const [dir, code, exit] of [
      ['missing', 'dir-not-found', 1],
      ['empty', 'no-files', 0],
    ] as const) {
      const result = await runCli(['--dir', dir, 'validate', '--format', 'sarif'], { cwd });
      expect(result.code, result.stderr).toBe(exit);
      expect(checkSarif(result.stdout).results).toEqual([]);
      const run = (
        JSON.parse(result.stdout) as {
          runs: {
            invocations?: { executionSuccessful: boolean; toolExecutionNotifications: { descriptor: { id: string }; level: string; message: { text: string } }[] }[];
          }[];
        }
      ).runs[0];
      const notifications = run?.invocations?.[0]?.toolExecutionNotifications ?? [];
      expect(notifications.map((n) => [n.descriptor.id, n.level])).toEqual([[code, exit === 1 ? 'error' : 'warning']]);
      expect(notifications[0]?.message.text).toContain(dir);
      // The closing line counts no file for a problem about none.
      if (exit === 1) expect(result.stderr).toMatch(/^✗ 1 error$/m);
    }
  });

  it('a problem about a whole file (a link that leads out of the folder) is located on the file, at its first line', async () => {
    const cwd = await repository({ 'channel/a.yaml': HEADER + ENTRY('"111122223333"') });
    await symlink(path.join(cwd, '..', '.git'), path.join(cwd, 'channel', 'out.yaml'));
    const result = await runCli(['--dir', 'channel', 'validate', '--format', 'sarif'], { cwd });
    expect(result.code, result.stderr).toBe(1);
    const [only] = checkSarif(result.stdout).results;
    expect(only?.ruleId).toBe('symlink-outside-dir');
    expect(only?.locations?.[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'teams/channel/out.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
  });

  it('a valid set: exit 0, a log with no results; outside a repository, paths are from the working directory', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'pcc-sarif-norepo-'));
    created.push(root);
    await mkdir(path.join(root, 'relationships'));
    await writeFile(path.join(root, 'relationships', 'a.yaml'), HEADER + ENTRY('"111122223333"'));
    const valid = await runCli(['validate', '--format', 'sarif'], { cwd: root });
    expect(valid.code, valid.stderr).toBe(0);
    expect(checkSarif(valid.stdout)).toEqual({ rules: [], results: [] });
    await writeFile(path.join(root, 'relationships', 'a.yaml'), HEADER + ENTRY('"111122223333"', 'RETAIL'));
    const broken = await runCli(['validate', '--format', 'sarif'], { cwd: root });
    expect(checkSarif(broken.stdout).results[0]?.locations?.[0]?.physicalLocation.artifactLocation.uri).toBe('relationships/a.yaml');
  });
});
