/**
 * Where the process and the outside world may be touched (issue 11, items 4 and 8): only the entry points use
 * `process`; only the reporters (src/report/) may use `console`; commands never ask whether they run in GitHub
 * Actions (no GITHUB_* variable, no `sink.github`, no import of the GitHub output modules): the reporter cli.ts
 * picked does that.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');
/** The programs: the CLI, the action's entry (a separate bundle), the demo. */
const ENTRY_POINTS = ['src/cli.ts', 'src/action/main.ts', 'src/demo/run-demo.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The code without its comments (a comment may well say "process" or "console"); `://` in strings stays. */
export function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const USES_PROCESS = /\bprocess\s*[.[]|['"](?:node:)?process['"]/;
const USES_CONSOLE = /\bconsole\s*[.[]|['"](?:node:)?console['"]/;
/** Asking whether this is GitHub Actions, or writing what only GitHub reads. */
const ASKS_GITHUB = /GITHUB_|\.github\b|from\s+['"][^'"]*\/(?:io|report)\/github-[^'"]*['"]/;

const files = sources(SRC).map((path) => ({ file: relative(ROOT, path).split('\\').join('/'), code: codeOf(readFileSync(path, 'utf8')) }));
const offenders = (pattern: RegExp, allowed: (file: string) => boolean) =>
  files.filter(({ file, code }) => !allowed(file) && pattern.test(code)).map(({ file }) => file);

describe('boundaries of src/', () => {
  it('only the entry points touch `process`', () => {
    expect(offenders(USES_PROCESS, (file) => ENTRY_POINTS.includes(file))).toEqual([]);
  });

  it('no `console` outside src/report/', () => {
    expect(offenders(USES_CONSOLE, (file) => file.startsWith('src/report/'))).toEqual([]);
  });

  it('commands do not branch on GitHub Actions: no GITHUB_*, no sink.github, no GitHub output module', () => {
    expect(offenders(ASKS_GITHUB, (file) => !file.startsWith('src/commands/'))).toEqual([]);
  });

  it('the checks see what they look for, and not in comments', () => {
    expect(USES_PROCESS.test(codeOf('const pid = process.pid;'))).toBe(true);
    expect(USES_PROCESS.test(codeOf("import { env } from 'node:process';"))).toBe(true);
    expect(USES_PROCESS.test(codeOf('// the process exits\n/** a process */ const x = 1;'))).toBe(false);
    expect(USES_CONSOLE.test(codeOf("console.error('x');"))).toBe(true);
    expect(USES_CONSOLE.test(codeOf('// print to the console.\nconst url = "https://x";'))).toBe(false);
    expect(ASKS_GITHUB.test(codeOf('if (ctx.sink.github) annotate();'))).toBe(true);
    expect(ASKS_GITHUB.test(codeOf('const out = env.GITHUB_OUTPUT;'))).toBe(true);
    expect(ASKS_GITHUB.test(codeOf("import { formatAnnotations } from '../io/github-annotations.js';"))).toBe(true);
    expect(ASKS_GITHUB.test(codeOf("import { reportPlanToGithub } from '../report/github-step-report.js';"))).toBe(true);
    expect(ASKS_GITHUB.test(codeOf("import { pickReporter } from '../report/reporter.js';"))).toBe(false);
  });
});
