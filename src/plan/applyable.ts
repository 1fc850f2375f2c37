import { kindOf } from '../kinds/registry.js';
import { isBlockingReason } from './change-reasons.js';
import { isTargeted } from './plan-targets.js';
import type { Plan, PlanError, PlannedChange } from './plan-types.js';

/** One reason a plan must not be applied: a plan error's code, a blocked change's reasonCode, or an option missing. */
export type Blocker = PlanError;

/**
 * Why the plan must not be applied, in plan order (empty: it may be). The one place applyability is decided
 * (Terraform's `Plan.Applyable`): buildPlan records the answer as `applyable`; apply, exit codes and renderers
 * read that, and this list when they need to say why. PURE.
 */
export function planBlockers(plan: Pick<Plan, 'changes' | 'errors' | 'options'>): Blocker[] {
  const blockers: Blocker[] = plan.errors.map((error) => ({
    code: error.code,
    message: error.message,
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    ...(error.address === undefined ? {} : { address: error.address }),
    ...(error.source === undefined ? {} : { source: error.source }),
  }));
  for (const change of plan.changes) {
    const at = { address: change.address, ...(change.source ? { source: change.source } : {}) };
    const refused = engineBlocker(change, plan.options);
    if (refused) blockers.push({ ...refused, ...at });
    for (const blocker of kindOf(change).planner.blockers(change, plan, refused !== undefined)) blockers.push({ ...blocker, ...at });
  }
  return blockers;
}

/** Whether the plan may be applied: no blockers. What buildPlan records as `applyable`. */
export function isApplyable(plan: Pick<Plan, 'changes' | 'errors' | 'options'>): boolean {
  return planBlockers(plan).length === 0;
}

/** What keeps any change from being applied, whatever its kind: a partial plan that does not target it, or a block. */
function engineBlocker(change: PlannedChange, options: Plan['options']): Pick<Blocker, 'code' | 'message'> | undefined {
  if (!isTargeted(options, change.address)) {
    // Only a hand-made or edited plan gets here: buildPlan keeps only targeted changes in a partial plan.
    return { code: 'change-not-targeted', message: `${change.address}: the plan changes it but is partial and does not target it (--target)` };
  }
  if (change.blocked || isBlockingReason(change.reasonCode)) {
    return {
      code: change.reasonCode ?? 'replace-blocked-no-allow',
      message: `${change.address}: replacement blocked: ${change.reason ?? 'a field cannot change in place'}`,
    };
  }
  return undefined;
}
