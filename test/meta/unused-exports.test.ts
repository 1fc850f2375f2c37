/**
 * Every export of src/ has a user outside its own file (issue 20: 121 exports were used only where they were
 * declared). An export is a promise that another module needs the name; one nobody imports widens the surface a
 * reader must keep in mind and hides dead code. Checked by knip (a dev dependency, configured in knip.json): the
 * entry points are src/cli.ts, src/action/main.ts, src/demo/run-demo.ts and every file under test/, so an export a
 * test imports counts as used; knip's `--include-entry-exports` checks the entry points' own exports too (pcc is a
 * CLI, not a library: it has no public module API). The fix for a finding: drop the `export` (or the code, when
 * nothing uses it), or add it to ALLOWED below with the reason it must stay exported.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/source-files.js';

const KNIP = join(ROOT, 'node_modules/knip/bin/knip.js');

/** `file: name` of exports that must stay exported although nothing imports them, each with its reason. */
const ALLOWED: Readonly<Record<string, string>> = {};

interface KnipIssue {
  file: string;
  exports?: { name: string }[];
  types?: { name: string }[];
  nsExports?: { name: string }[];
  nsTypes?: { name: string }[];
}

/** The exports of src/ that nothing outside their own file imports, as `file: name`, knip run in `cwd`. */
function unusedExports(cwd: string): string[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, [KNIP, '--include', 'exports,types,nsExports,nsTypes', '--include-entry-exports', '--reporter', 'json', '--no-progress'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // knip exits 1 when it found something; the JSON is on stdout all the same.
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    if (!stdout) throw new Error(`knip failed: ${stderr ?? String(error)}`);
    output = stdout;
  }
  const { issues } = JSON.parse(output) as { issues: KnipIssue[] };
  return issues
    .filter((issue) => issue.file.startsWith('src/'))
    .flatMap((issue) =>
      [...(issue.exports ?? []), ...(issue.types ?? []), ...(issue.nsExports ?? []), ...(issue.nsTypes ?? [])].map(({ name }) => `${issue.file}: ${name}`),
    )
    .sort();
}

/** A throwaway project with these files (path → text). */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pcc-unused-exports-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

let reportedForSrc: string[] | undefined;
/** knip's findings for this repository, run once for the tests below (it takes a few CPU seconds). */
const reported = () => (reportedForSrc ??= unusedExports(ROOT));

describe('exports of src/', () => {
  it('every export of src/ is imported outside its own file (by src/ or test/), or allowed with a reason', () => {
    const found = reported().filter((entry) => !Object.hasOwn(ALLOWED, entry));
    expect(found, 'drop the `export` (or the dead code), or allow it in ALLOWED with a reason').toEqual([]);
  }, 180_000);

  it('the allow-list names only exports knip reports', () => {
    const found = new Set(reported());
    expect(Object.keys(ALLOWED).filter((entry) => !found.has(entry))).toEqual([]);
  }, 180_000);

  it('finds a planted export used only in its own file, and one used nowhere; not one a test imports', () => {
    const root = project({
      'package.json': '{ "name": "planted", "type": "module", "private": true }\n',
      'knip.json': '{ "entry": ["src/cli.ts", "test/**/*.ts"], "project": ["src/**/*.ts", "test/**/*.ts"] }\n',
      'src/cli.ts': "import { used } from './lib.js';\nexport const fromEntry = 1;\nconsole.log(used());\n",
      'src/lib.ts':
        'export const used = () => ownOnly + 1;\nexport const ownOnly = 1;\nexport const dead = 2;\nexport type DeadType = { a: number };\nexport const forTests = (x: number) => x;\n',
      'test/lib.test.ts': "import { forTests } from '../src/lib.js';\nforTests({ a: 1 });\n",
    });
    expect(unusedExports(root)).toEqual(['src/cli.ts: fromEntry', 'src/lib.ts: DeadType', 'src/lib.ts: dead', 'src/lib.ts: ownOnly']);
  }, 180_000);
});
