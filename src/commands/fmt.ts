import { randomBytes } from 'node:crypto';
import { rename, stat, writeFile } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import type { Problem } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { plural } from '../diagnostics/format-diagnostics.js';
import { findRelationshipFiles } from '../desired/find-files.js';
import { formatYaml } from '../desired/format-yaml.js';
import { readSourceFile } from '../desired/read-source.js';
import { sanitizeForTerminal } from '../io/sanitize.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { globalOptionsOf } from './global-options.js';

/** Write next to the file, then rename: a crash leaves the old file or the new one, never half of one. */
async function replaceFile(absolutePath: string, text: string): Promise<void> {
  const { mode } = await stat(absolutePath);
  const temporary = `${absolutePath}.pcc-fmt-${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, text, { mode });
  await rename(temporary, absolutePath);
}

/** How fmt runs: rewrite the files, only list those not formatted, or print what would change as a diff. */
type FmtMode = 'write' | 'check' | 'diff';

/**
 * A unified diff of one file, with git's `a/` and `b/` prefixes (so `git apply` takes it), made by jsdiff (the
 * `diff` package: the diff library npm's own tooling and many linters use, maintained, no dependencies).
 * Sanitised for the terminal: a hostile file cannot move the cursor or speak to the Actions runner.
 */
function fileDiff(file: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with a line of `=`; git and patch start at `---`.
  return sanitizeForTerminal(patch.replace(/^=+\n/, ''), { keepNewlines: true });
}

/**
 * `pcc fmt [--check | --diff]`: canonical formatting, comments kept. Lists the files it changed (or, with
 * --check, would change) on stdout; with --diff, prints what it would change as a unified diff instead and
 * writes nothing. A file that does not parse is reported and never written.
 */
async function runFmt(ctx: CommandContext, dir: string, mode: FmtMode): Promise<number> {
  const check = mode !== 'write';
  const found = await findRelationshipFiles(dir, ctx.cwd);
  const diagnostics: Problem[] = [...found.diagnostics];
  let unformatted = 0;
  for (const { absolutePath, file } of found.files) {
    const read = await readSourceFile(absolutePath, file);
    diagnostics.push(...read.diagnostics);
    if (!read.source) continue;
    const result = formatYaml(read.source.text);
    if (!result.ok) {
      const hint = 'fix it (pcc validate explains more); fmt leaves the file as it is';
      diagnostics.push({ code: 'fmt-cannot-format', severity: 'error', message: result.message, hint, file, line: result.line, column: result.column });
      continue;
    }
    if (result.text === read.source.text) continue;
    unformatted++;
    if (mode === 'diff') ctx.sink.out(fileDiff(file, read.source.text, result.text));
    else ctx.sink.out(`${sanitizeForTerminal(file)}\n`);
    if (!check) await replaceFile(absolutePath, result.text);
  }
  ctx.reporter.problems(diagnostics);
  if (check && unformatted > 0) {
    ctx.sink.err(`${plural(unformatted, 'file')} not formatted; run \`pcc fmt\` to fix\n`);
    return 1;
  }
  const failed = hasErrors(diagnostics);
  ctx.sink.err(`${fmtSummary(found.files.length, unformatted, check, failed)}\n`);
  return failed ? 1 : 0;
}

/** The closing line on stderr, so a run that changed nothing says so rather than printing nothing. */
function fmtSummary(files: number, changed: number, check: boolean, failed: boolean): string {
  const others = failed ? ' (the files with errors above were left as they are)' : '';
  if (check) return `${plural(files, 'file')} checked: ${changed === 0 ? 'all formatted' : `${changed} not formatted`}${others}`;
  if (changed === 0) return `${plural(files, 'file')} checked: already formatted, nothing changed${others}`;
  return `Formatted ${plural(changed, 'file')} of ${files} (listed above)${others}`;
}

export const registerFmt: RegisterCommand = (program, ctx) => {
  program
    .command('fmt')
    .description('rewrite the relationship files in canonical form (comments kept)')
    .option('--check', 'change nothing; list unformatted files and exit 1 if there are any')
    .option('--diff', 'change nothing; print what fmt would change as a unified diff (stdout) and exit 1 if anything would')
    .action(async (flags: { check?: boolean; diff?: boolean }, command) => {
      ctx.setExitCode(await runFmt(ctx, globalOptionsOf(command).dir, flags.diff === true ? 'diff' : flags.check === true ? 'check' : 'write'));
    });
};
