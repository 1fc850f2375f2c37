import type { Problem } from '../diagnostics/diagnostic.js';
import { countProblems } from '../diagnostics/format-diagnostics.js';
import type { SourceRef } from '../desired/types.js';
import { planBlockers } from '../plan/applyable.js';
import type { Plan } from '../plan/plan-types.js';
import type { CommandContext } from './context.js';

/** The closing line when the files stop planning before any API call. */
export function reportInvalidFiles(ctx: CommandContext, diagnostics: readonly Problem[]): void {
  ctx.sink.err(`pcc: ${countProblems(diagnostics)} in the files: fix them first (nothing was read from the API)\n`);
}

/**
 * Why the plan cannot be applied (its errors and blocked replacements), as diagnostics pointing at the entry, or,
 * for a blocked replacement, at the field that forces it where `fieldPositions` knows (by address).
 */
function planProblems(plan: Plan, fieldPositions: ReadonlyMap<string, SourceRef> = new Map()): Problem[] {
  return planBlockers(plan).map((blocker) => ({
    code: blocker.code,
    severity: 'error' as const,
    message: blocker.message,
    ...(blocker.hint ? { hint: blocker.hint } : {}),
    ...(blocker.address !== undefined ? { address: blocker.address } : {}),
    ...((blocker.address !== undefined ? fieldPositions.get(blocker.address) : undefined) ??
      (blocker.source ? { file: blocker.source.file, line: blocker.source.line } : {})),
  }));
}

/** Why the plan cannot be applied, through the run's reporter (stderr; annotations in GitHub Actions). */
export function reportPlanErrors(ctx: CommandContext, plan: Plan, fieldPositions?: ReadonlyMap<string, SourceRef>): void {
  ctx.reporter.problems(planProblems(plan, fieldPositions));
}
