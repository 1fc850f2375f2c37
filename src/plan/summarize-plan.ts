import { kindOf } from '../kinds/registry.js';
import type { PlannedChange, PlanSummary } from './plan-types.js';

/**
 * Counts per action (`release` only when there is one) and `blocked`, the replaces that will not be applied; each
 * change's kind counts it (a kind may count under keys of its own: requests, revokes, withdraws).
 */
export function summarizePlan(changes: readonly PlannedChange[], unmanaged: number): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, adopt: 0, replace: 0, delete: 0, noOp: 0, unmanaged, blocked: 0 };
  for (const change of changes) kindOf(change).planner.count(summary, change);
  return summary;
}

/** Whether applying the plan would change anything: what `--detailed-exitcode` reports as 2. */
export function planHasChanges(changes: readonly PlannedChange[]): boolean {
  return changes.some((change) => change.action !== 'no-op' && !change.blocked);
}
