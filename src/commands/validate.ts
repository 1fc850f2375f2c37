/**
 * `pcc validate [--dir DIR] [--format text|json]`: offline check of the relationship files. No network.
 * Text: every problem on stderr, then a one-line summary. JSON: `{valid, files, relationships, problems}` on
 * stdout. In GitHub Actions, problems are also emitted as annotations (on stderr; the runner reads both).
 */
import { InvalidArgumentError } from 'commander';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { countProblems, diagnosticToJson, formatDiagnosticsText, plural } from '../diagnostics/format-diagnostics.js';
import { loadDesired } from '../desired/load-desired.js';
import type { DesiredState } from '../desired/types.js';
import { formatAnnotations } from '../io/github-annotations.js';
import { sanitizeForTerminal } from '../io/sanitize.js';
import { stringifyJson } from '../render/render-json.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { globalOptionsOf } from './global-options.js';

const FORMATS = ['text', 'json'] as const;
type ValidateFormat = (typeof FORMATS)[number];

function parseFormat(value: string): ValidateFormat {
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`);
  return value as ValidateFormat;
}

/** The `--format json` document: the problems as data. */
export interface ValidateResult {
  valid: boolean;
  files: number;
  /** Relationships that passed every check. */
  relationships: number;
  problems: Diagnostic[];
}

export const registerValidate: RegisterCommand = (program, ctx) => {
  program
    .command('validate')
    .description('check the relationship files offline: YAML, schema and cross-file rules (no network)')
    .option('--format <format>', 'text or json', parseFormat, 'text' as ValidateFormat)
    .action(async (options: { format: ValidateFormat }, command) => {
      const { dir } = globalOptionsOf(command);
      const { desired, diagnostics } = await loadDesired({ dir, cwd: ctx.cwd });
      reportValidation(ctx, options.format, desired, diagnostics);
      ctx.setExitCode(hasErrors(diagnostics) ? 1 : 0);
    });
};

export function reportValidation(ctx: CommandContext, format: ValidateFormat, desired: DesiredState, diagnostics: Diagnostic[]): void {
  const valid = !hasErrors(diagnostics);
  if (format === 'json') {
    const result: ValidateResult = { valid, files: desired.files.length, relationships: desired.relationships.length, problems: diagnostics.map(diagnosticToJson) };
    ctx.sink.out(stringifyJson(result));
  } else {
    ctx.sink.err(formatDiagnosticsText(diagnostics, { color: ctx.sink.errColor }));
  }
  if (ctx.sink.github && diagnostics.length > 0) ctx.sink.err(formatAnnotations(diagnostics));
  ctx.sink.err(`${summaryLine(valid, desired, diagnostics)}\n`);
}

function summaryLine(valid: boolean, desired: DesiredState, diagnostics: Diagnostic[]): string {
  const files = plural(desired.files.length, 'file');
  if (valid) {
    const warnings = diagnostics.length > 0 ? ` (${countProblems(diagnostics)})` : '';
    return `✓ ${plural(desired.relationships.length, 'relationship')} in ${files} ${desired.relationships.length === 1 ? 'is' : 'are'} valid${warnings}`;
  }
  // Count the files the problems are in, not the files read: "3 errors in 3 files" for one bad file misleads.
  const withProblems = new Set(diagnostics.map((d) => d.file ?? '')).size;
  const of = withProblems < desired.files.length ? ` (of ${desired.files.length} read)` : '';
  return sanitizeForTerminal(`✗ ${countProblems(diagnostics)} in ${plural(withProblems, 'file')}${of}`);
}
