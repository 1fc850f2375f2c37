/**
 * The style checks `npm test` runs (test/meta/style-checks.test.ts) and their rule tests
 * (test/meta/style-rules.test.ts): prettier and the import-boundary lint (oxlint), each run as its own
 * process on a folder, answering what it found as lines a person can act on.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PRETTIER = fileURLToPath(new URL('../../node_modules/prettier/bin/prettier.cjs', import.meta.url));
const OXLINT = fileURLToPath(new URL('../../node_modules/oxlint/bin/oxlint', import.meta.url));

/** Files under `dir` that `prettier --write` would change (paths relative to `dir`), honouring its .prettierignore and config. */
export function unformattedFiles(dir: string): string[] {
  const result = spawnSync(process.execPath, [PRETTIER, '--list-different', '.'], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`prettier failed (${result.status}): ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean).sort();
}

/** One boundary the lint found crossed: where, which rule, and the rule's message. */
export interface Violation {
  file: string;
  line: number;
  rule: string;
  message: string;
}

interface OxlintJson {
  diagnostics: { filename: string; code: string; message: string; help?: string; labels?: { span: { line: number } }[] }[];
}

/** What `npm run lint` reports for `dir`/src with `dir`/.oxlintrc.json, sorted by file and line. */
export function boundaryViolations(dir: string): Violation[] {
  const result = spawnSync(process.execPath, [OXLINT, '-c', '.oxlintrc.json', '-f', 'json', 'src'], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`oxlint failed (${result.status}): ${result.stderr}${result.stdout}`);
  const { diagnostics } = JSON.parse(result.stdout) as OxlintJson;
  return diagnostics
    .map((d) => ({
      file: d.filename.split('\\').join('/'),
      line: d.labels?.[0]?.span.line ?? 0,
      rule: d.code.replace(/^eslint\((.*)\)$/, '$1'),
      message: [d.message, d.help].filter(Boolean).join(' '),
    }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
