/**
 * Commands never ask whether they run in GitHub Actions (issue 11, item 4): no GITHUB_* variable, no
 * `sink.github`, no import of the GitHub output modules; the reporter cli.ts picked does that. (Where `process`
 * and `console` may be used, and what plan/ and render/ may import, is the lint's: .oxlintrc.json, run by
 * test/meta/style-checks.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The code without its comments (a comment may well say "GitHub"); `://` in strings stays. */
export function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Asking whether this is GitHub Actions, or writing what only GitHub reads. */
const ASKS_GITHUB = /GITHUB_|\.github\b|from\s+['"][^'"]*\/(?:io|report)\/github-[^'"]*['"]/;

const files = sources(SRC).map((path) => ({ file: relative(ROOT, path).split('\\').join('/'), code: codeOf(readFileSync(path, 'utf8')) }));
const offenders = (pattern: RegExp, allowed: (file: string) => boolean) => files.filter(({ file, code }) => !allowed(file) && pattern.test(code)).map(({ file }) => file);

describe('commands and GitHub Actions', () => {
  it('commands do not branch on GitHub Actions: no GITHUB_*, no sink.github, no GitHub output module', () => {
    expect(offenders(ASKS_GITHUB, (file) => !file.startsWith('src/commands/'))).toEqual([]);
  });

  it('the checks see what they look for, and not in comments', () => {
    expect(ASKS_GITHUB.test(codeOf('// on GITHUB_OUTPUT\n/** the .github folder */ const x = 1;'))).toBe(false);
    expect(ASKS_GITHUB.test(codeOf('if (ctx.sink.github) annotate();'))).toBe(true);
    expect(ASKS_GITHUB.test(codeOf('const out = env.GITHUB_OUTPUT;'))).toBe(true);
    expect(ASKS_GITHUB.test(codeOf("import { formatAnnotations } from '../io/github-annotations.js';"))).toBe(true);
    expect(ASKS_GITHUB.test(codeOf("import { reportPlanToGithub } from '../report/github-step-report.js';"))).toBe(true);
    expect(ASKS_GITHUB.test(codeOf("import { pickReporter } from '../report/reporter.js';"))).toBe(false);
  });
});
