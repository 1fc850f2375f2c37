import type { PlanShapingValues } from '../../plan/plan-options.js';
import type { Plan } from '../../plan/plan-types.js';

/**
 * Whether a plan apply made from the refresh cache rests on cached tags that no change's own pre-write reads
 * check, and so must be made again with every tag read (the reason, for stderr), or undefined when it does not.
 *
 * Each write re-reads the tags of the relationship it writes and refuses on any difference (apply-update.ts
 * verifyTags), so what a change decides about its own relationship is checked. One decision counts other
 * relationships' tags: the delete guard's half rule (src/plan/delete-guard.ts) compares a PMA's deletes with the
 * number of relationships there that carry `pcc:managed`, and a tag edited by hand (which moves no revision) could
 * make a cached count say yes where a full read says no. So a plan that deletes relationships under the default
 * guard (no --max-deletes, which replaces the half rule by a plain count) is read again in full. PURE.
 */
export function fullReadNeeded(plan: Plan, shaping: Pick<PlanShapingValues, 'maxDeletes'>): string | undefined {
  if (shaping.maxDeletes !== undefined) return undefined;
  const deletes = plan.changes.some((change) => change.kind === 'relationship' && (change.action === 'delete' || change.action === 'replace'));
  return deletes ? 'the plan deletes relationships, and the delete guard counts the managed ones of their program management accounts from every tag' : undefined;
}
