import type { RelationshipSpec } from '../../model/relationship.js';
import type { RelationshipChange } from './relationship-change.js';
import { APPLY_RUN_TAG, MANAGED_TAG, MANAGED_TAG_VALUE, isReservedTagKey, SUPPORT_PLAN_TAG } from '../../model/ownership-tags.js';
import { supportPlanTagValue } from '../../model/support-plan-tag.js';
import { ownValue } from '../../model/string-keyed.js';

/** Plan fields named `tags.<key>` are user tags. */
export const USER_TAG_FIELD = 'tags.';

/**
 * Every tag a create sets: the user's, ownership, the record of the support plan it sends and, when given, the
 * apply run (APPLY_RUN_TAG), which tells after the create whose create made the relationship.
 */
export function tagsForCreate(desired: RelationshipSpec, runId?: string): Record<string, string> {
  return {
    ...desired.tags,
    [MANAGED_TAG]: MANAGED_TAG_VALUE,
    ...(runId === undefined ? {} : { [APPLY_RUN_TAG]: runId }),
    ...(desired.requestedSupportPlan ? { [SUPPORT_PLAN_TAG]: supportPlanTagValue(desired.requestedSupportPlan) } : {}),
  };
}

export interface TagWrites {
  set: Record<string, string>;
  remove: string[];
}

/**
 * The tag calls an update or adopt makes after UpdateRelationship. User tags follow the plan's `tags.<key>`
 * fields (exactly what the reviewer saw); the fingerprint is written only when the support plan was sent and
 * accepted, so the tag never claims a plan the service did not receive; an adopt adds `pcc:managed` and
 * removes a fingerprint it did not write itself.
 */
export function tagWritesForUpdate(change: RelationshipChange, sentSupportPlan: boolean): TagWrites {
  // Entries, made into a map at the end: `set[key] = …` would set the prototype for a tag named `__proto__`.
  const set: Array<[string, string]> = [];
  const remove: string[] = [];
  for (const field of change.fields) {
    if (!field.name.startsWith(USER_TAG_FIELD)) continue;
    const key = field.name.slice(USER_TAG_FIELD.length);
    // pcc: tags are pcc's own bookkeeping, written below; aws: tags are AWS's. Neither is written by a field.
    if (isReservedTagKey(key)) continue;
    if (field.after === undefined) remove.push(key);
    else set.push([key, String(field.after)]);
  }
  const plan = change.desired?.requestedSupportPlan;
  if (sentSupportPlan && plan) set.push([SUPPORT_PLAN_TAG, supportPlanTagValue(plan)]);
  if (change.action === 'adopt') {
    // A fingerprint pcc did not write proves nothing, and once the relationship is managed the planner would
    // trust it: unless a plan is sent (and fingerprinted) now, it goes, so a plan declared later is sent.
    if (!(sentSupportPlan && plan) && ownValue(change.liveTags, SUPPORT_PLAN_TAG) !== undefined) remove.push(SUPPORT_PLAN_TAG);
    set.push([MANAGED_TAG, MANAGED_TAG_VALUE]);
  }
  return { set: Object.fromEntries(set), remove };
}
