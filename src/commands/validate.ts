/**
 * `pcc validate [--dir DIR] [--format text|json|sarif]`: offline check of the relationship files. No network.
 * Text: every problem on stderr, then a one-line summary. JSON: `{valid, files, relationships, problems}` on
 * stdout (the run's reporter shows them: src/report/, annotations too in GitHub Actions). SARIF: a SARIF 2.1.0 log
 * on stdout for code scanning, the problems as text on stderr as with text.
 */
import { relative, resolve, sep } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { helpFor, parseCodeHelp } from '../diagnostics/code-help.js';
import { hasErrors, type Problem } from '../diagnostics/diagnostic.js';
import { countProblems, diagnosticToJson, plural } from '../diagnostics/format-diagnostics.js';
import { loadDesired } from '../desired/load-desired.js';
import type { DesiredState } from '../desired/types.js';
import { pccVersion } from '../io/pcc-version.js';
import { repositoryRoot } from '../io/repository-root.js';
import { sanitizeForTerminal } from '../io/sanitize.js';
import { readShippedFile, ShippedFileMissing } from '../io/shipped-files.js';
import { renderSarif } from '../render/render-sarif.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { globalOptionsOf } from './global-options.js';

const FORMATS = ['text', 'json', 'sarif'] as const;
type ValidateFormat = (typeof FORMATS)[number];

function parseFormat(value: string): ValidateFormat {
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`);
  return value as ValidateFormat;
}

export const registerValidate: RegisterCommand = (program, ctx) => {
  program
    .command('validate')
    .description('check the relationship files offline: YAML, schema and cross-file rules (no network)')
    .option('--format <format>', 'text, json, or sarif (SARIF 2.1.0 for GitHub code scanning)', parseFormat, 'text' as ValidateFormat)
    .action(async (options: { format: ValidateFormat }, command) => {
      const { dir } = globalOptionsOf(command);
      const { desired, diagnostics } = await loadDesired({ dir, cwd: ctx.cwd });
      reportValidation(ctx, desired, diagnostics);
      if (options.format === 'sarif') ctx.sink.out(sarifOf(ctx, diagnostics));
      ctx.setExitCode(hasErrors(diagnostics) ? 1 : 0);
    });
};

/** The problems as a SARIF log, each file located from the repository root (code scanning's base). */
function sarifOf(ctx: CommandContext, diagnostics: readonly Problem[]): string {
  const root = repositoryRoot(ctx.cwd);
  let help = new Map<string, string>();
  try {
    help = parseCodeHelp(readShippedFile('docs/codes.md'));
  } catch (error) {
    if (!(error instanceof ShippedFileMissing)) throw error;
  }
  return renderSarif(diagnostics, {
    version: pccVersion(),
    fromRoot: (file) => relative(root, resolve(ctx.cwd, file)).split(sep).join('/'),
    help: (code) => helpFor(help, code),
  });
}

/** The result through the run's reporter (its `--format` picked it), then a closing line on stderr. */
function reportValidation(ctx: CommandContext, desired: DesiredState, diagnostics: Problem[]): void {
  const valid = !hasErrors(diagnostics);
  ctx.reporter.validation({ valid, files: desired.files.length, relationships: desired.relationships.length, problems: diagnostics.map(diagnosticToJson) });
  ctx.sink.err(`${summaryLine(valid, desired, diagnostics)}\n`);
}

function summaryLine(valid: boolean, desired: DesiredState, diagnostics: Problem[]): string {
  const files = plural(desired.files.length, 'file');
  if (valid) {
    const warnings = diagnostics.length > 0 ? ` (${countProblems(diagnostics)})` : '';
    return `✓ ${plural(desired.relationships.length, 'relationship')} in ${files} ${desired.relationships.length === 1 ? 'is' : 'are'} valid${warnings}`;
  }
  // Count the files the problems are in, not the files read: "3 errors in 3 files" for one bad file misleads.
  // A problem about no file (the folder is missing) is in none.
  const withProblems = new Set(diagnostics.flatMap((d) => (d.file === undefined ? [] : [d.file]))).size;
  if (withProblems === 0) return sanitizeForTerminal(`✗ ${countProblems(diagnostics)}`);
  const of = withProblems < desired.files.length ? ` (of ${desired.files.length} read)` : '';
  return sanitizeForTerminal(`✗ ${countProblems(diagnostics)} in ${plural(withProblems, 'file')}${of}`);
}
