import { isBlockingReason } from './change-reasons.js';
import { isTargeted } from './plan-targets.js';
import type { Plan, PlanError, PlannedChange } from './plan-types.js';
import { ACKNOWLEDGE_FLAG, deletesUnderServicePeriod } from '../kinds/service-period/service-period-commitment.js';

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
    if (!isTargeted(plan.options, change.address)) {
      // Only a hand-made or edited plan gets here: buildPlan keeps only targeted changes in a partial plan.
      blockers.push({ code: 'change-not-targeted', message: `${change.address}: the plan changes it but is partial and does not target it (--target)`, ...at });
    } else if (change.blocked || isBlockingReason(change.reasonCode)) {
      const code = change.reasonCode ?? 'replace-blocked-no-allow';
      blockers.push({ code, message: `${change.address}: replacement blocked: ${change.reason ?? 'a field cannot change in place'}`, ...at });
    } else if (change.kind === 'servicePeriod') {
      const blocker = servicePeriodBlocker(change, plan.options);
      if (blocker) blockers.push({ ...blocker, ...at });
    } else if (change.action === 'replace' && !plan.options.allowReplace && !(plan.options.replace ?? []).includes(change.address)) {
      // Only a hand-made or edited plan gets here: buildPlan blocks every replace without --allow-replace.
      blockers.push({ code: 'replace-not-allowed', message: `${change.address}: the plan replaces it but was not made with --allow-replace`, ...at });
    } else if (change.action === 'delete' && !plan.options.prune) {
      blockers.push({ code: 'delete-not-allowed', message: `${change.address}: the plan deletes it but was not made with --prune`, ...at });
    }
    // Whatever the change says of itself (`acknowledged`), only the plan's recorded flag acknowledges; a plan error
    // already says so for a plan as built.
    if (deletesUnderServicePeriod(change) && !(plan.options.acknowledgeServicePeriods ?? []).includes(change.address)) {
      if (!plan.errors.some((error) => error.code === 'service-period-not-acknowledged' && error.address === change.address)) {
        blockers.push({
          code: 'service-period-not-acknowledged',
          message: `${change.address}: the plan ends an accepted service period but was not made with ${ACKNOWLEDGE_FLAG} ${change.address}`,
          ...at,
        });
      }
    }
  }
  return blockers;
}

/** Whether the plan may be applied: no blockers. What buildPlan records as `applyable`. */
export function isApplyable(plan: Pick<Plan, 'changes' | 'errors' | 'options'>): boolean {
  return planBlockers(plan).length === 0;
}

/** A servicePeriod revoke or replace in a plan not made with its flag (only a hand-made or edited plan has one). */
function servicePeriodBlocker(change: PlannedChange, options: Plan['options']): { code: string; message: string } | undefined {
  if (change.action === 'delete' && !options.revoke)
    return { code: 'revoke-not-allowed', message: `${change.address}: the plan revokes its service period but was not made with --revoke` };
  if (change.action === 'replace' && !options.replaceServicePeriods) {
    return {
      code: 'service-period-replace-not-allowed',
      message: `${change.address}: the plan replaces its service period but was not made with --replace-service-periods`,
    };
  }
  return undefined;
}
