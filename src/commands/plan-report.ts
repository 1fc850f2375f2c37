import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { countProblems, formatDiagnosticsText } from '../diagnostics/format-diagnostics.js';
import { formatAnnotations } from '../io/github-annotations.js';
import type { SourceRef } from '../desired/types.js';
import type { Plan } from '../plan/plan-types.js';
import type { CommandContext } from './context.js';

/**
 * stderr (and, in GitHub Actions, `::error` annotations) for what planning found wrong, formatted like
 * `pcc validate` does. stdout stays the rendered plan's alone.
 */
function emit(ctx: CommandContext, diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length === 0) return;
  ctx.sink.err(formatDiagnosticsText(diagnostics, { color: ctx.sink.errColor }));
  if (ctx.sink.github) ctx.sink.err(formatAnnotations(diagnostics));
}

/** The files' problems, as `pcc validate` shows them. */
export function reportDiagnostics(ctx: CommandContext, diagnostics: readonly Diagnostic[]): void {
  emit(ctx, diagnostics);
}

/** The closing line when the files stop planning before any API call. */
export function reportInvalidFiles(ctx: CommandContext, diagnostics: readonly Diagnostic[]): void {
  ctx.sink.err(`pcc: ${countProblems(diagnostics)} in the files: fix them first (nothing was read from the API)\n`);
}

/** Plan errors and blocked replacements, as diagnostics pointing at the entry that has them. */
export function planProblems(plan: Plan, fieldPositions: ReadonlyMap<string, SourceRef> = new Map()): Diagnostic[] {
  const problems: Diagnostic[] = plan.errors.map((error) => ({
    code: error.code,
    severity: 'error' as const,
    message: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
    ...(error.source ? { file: error.source.file, line: error.source.line } : {}),
  }));
  for (const change of plan.changes.filter((c) => c.blocked)) {
    problems.push({
      code: 'replace-blocked',
      severity: 'error',
      message: `${change.address}: replacement blocked: ${change.reason ?? 'a field cannot change in place'}`,
      ...(fieldPositions.get(change.address) ?? (change.source ? { file: change.source.file, line: change.source.line } : {})),
    });
  }
  return problems;
}

export function reportPlanErrors(ctx: CommandContext, plan: Plan, fieldPositions?: ReadonlyMap<string, SourceRef>): void {
  emit(ctx, planProblems(plan, fieldPositions));
}
