import type { Action } from './actions.js';
import type { ChangeBase, PlanSummary } from './plan-types.js';

/** The summary's count keys (not `freshness`, which is no count). */
type CountKey = { [K in keyof PlanSummary]-?: PlanSummary[K] extends number | undefined ? K : never }[keyof PlanSummary];

const KEY: Readonly<Record<Action, CountKey>> = {
  create: 'create',
  update: 'update',
  adopt: 'adopt',
  replace: 'replace',
  delete: 'delete',
  release: 'release',
  'no-op': 'noOp',
};

/** Counts a change under its action's key (`release` only when there is one) and, when it is blocked, in `blocked`. */
export function countAction(summary: PlanSummary, change: ChangeBase): void {
  const key = KEY[change.action];
  summary[key] = (summary[key] ?? 0) + 1;
  if (change.blocked) summary.blocked += 1;
}
