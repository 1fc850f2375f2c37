import { planBlockers, type Blocker } from '../plan/applyable.js';
import type { Plan } from '../plan/plan-types.js';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One sentence per kind of blocker, saying what to do about it. */
function sentences(blockers: readonly Blocker[]): string[] {
  const of = (code: string) => blockers.filter((b) => b.code === code).length;
  const errors = blockers.length - ['replace-blocked-no-allow', 'replace-blocked-unmanaged', 'replace-not-allowed', 'delete-not-allowed'].reduce((n, c) => n + of(c), 0);
  const out: string[] = [];
  if (errors > 0) out.push(`the plan has ${count(errors, 'error', 'errors')}: fix them and plan again`);
  if (of('replace-blocked-no-allow') > 0) {
    out.push(`${count(of('replace-blocked-no-allow'), 'replacement is', 'replacements are')} blocked: re-plan with --allow-replace to delete and re-create, or change the file`);
  }
  if (of('replace-blocked-unmanaged') > 0) {
    out.push(
      `${count(of('replace-blocked-unmanaged'), 'replacement is', 'replacements are')} blocked for good: pcc never deletes a relationship it does not manage, even with --allow-replace; delete it by hand or change the file back`,
    );
  }
  if (of('replace-not-allowed') > 0) out.push('the plan replaces relationships but was not made with --allow-replace');
  if (of('delete-not-allowed') > 0) out.push('the plan deletes relationships but was not made with --prune');
  return out;
}

/**
 * Why a plan must not be applied at all, one sentence each (empty: it may be). Mutating calls are made only
 * from a valid plan, refused whole rather than applied in part. Reads the plan's own `applyable` and, to say why,
 * its blockers (src/plan/applyable.ts decides both); a plan whose `applyable` disagrees with them is refused too.
 */
export function refusalsOf(plan: Plan): string[] {
  const refusals = sentences(planBlockers(plan));
  if (!plan.applyable && refusals.length === 0) refusals.push('the plan says it cannot be applied: plan again');
  return refusals;
}
