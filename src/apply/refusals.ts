import type { Plan } from '../plan/plan-types.js';

/**
 * Why a plan must not be applied at all, one sentence each (empty: it may be). Mutating calls are made only
 * from a valid plan: a plan with errors, a blocked replace, or an action its own options did not allow is
 * refused whole rather than applied in part.
 */
export function refusalsOf(plan: Plan): string[] {
  const refusals: string[] = [];
  if (plan.errors.length > 0) {
    refusals.push(`the plan has ${plan.errors.length} error${plan.errors.length === 1 ? '' : 's'}: fix them and plan again`);
  }
  const blocked = plan.changes.filter((c) => c.blocked).length;
  if (blocked > 0) {
    refusals.push(
      `${blocked} replacement${blocked === 1 ? ' is' : 's are'} blocked: re-plan with --allow-replace to delete and re-create, or change the file`,
    );
  }
  if (!plan.options.allowReplace && plan.changes.some((c) => c.action === 'replace' && !c.blocked)) {
    refusals.push('the plan replaces relationships but was not made with --allow-replace');
  }
  if (!plan.options.prune && plan.changes.some((c) => c.action === 'delete')) {
    refusals.push('the plan deletes relationships but was not made with --prune');
  }
  return refusals;
}
