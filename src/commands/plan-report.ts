import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { countProblems, formatDiagnosticsText } from '../diagnostics/format-diagnostics.js';
import { formatAnnotations } from '../io/github-annotations.js';
import type { SourceRef } from '../desired/types.js';
import { planBlockers } from '../plan/applyable.js';
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

/**
 * Why the plan cannot be applied (its errors and blocked replacements), as diagnostics pointing at the entry, or,
 * for a blocked replacement, at the field that forces it where `fieldPositions` knows (by address).
 */
export function planProblems(plan: Plan, fieldPositions: ReadonlyMap<string, SourceRef> = new Map()): Diagnostic[] {
  return planBlockers(plan).map((blocker) => ({
    code: blocker.code,
    severity: 'error' as const,
    message: blocker.message,
    ...(blocker.hint ? { hint: blocker.hint } : {}),
    ...((blocker.address !== undefined ? fieldPositions.get(blocker.address) : undefined) ??
      (blocker.source ? { file: blocker.source.file, line: blocker.source.line } : {})),
  }));
}

export function reportPlanErrors(ctx: CommandContext, plan: Plan, fieldPositions?: ReadonlyMap<string, SourceRef>): void {
  emit(ctx, planProblems(plan, fieldPositions));
}
