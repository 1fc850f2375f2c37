import equal from 'fast-deep-equal';
import type { DesiredRelationship } from '../desired/types.js';
import { missingMembers } from '../live/channel-api.js';
import type { LiveRelationshipState } from '../live/live-state.js';
import { isReservedTagKey, SUPPORT_PLAN_TAG } from '../model/ownership-tags.js';
import { readSupportPlanTag, supportPlanFingerprint } from '../model/support-plan-tag.js';
import type { FieldChange } from './plan-types.js';

/**
 * Field-by-field comparison of one desired entry with its live relationship. Both sides are first normalised
 * into the same shape (user tags only, keys sorted, copies), then compared with fast-deep-equal; inputs are never
 * mutated. Every function returns fresh FieldChange values in a fixed order.
 */

/** The literal `before` of a support plan pcc has never written (or cannot know, when adopting). */
export const UNKNOWN_SUPPORT_PLAN = 'unknown';

export const SUPPORT_PLAN_REMOVED_WARNING = 'requestedSupportPlan was removed from the file: a support plan cannot be removed through the API; left as is';

/** A copy with keys in code-point order, so equal maps compare and serialise the same. */
export function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** User tags: every tag whose key starts neither with `pcc:` (pcc's own) nor `aws:` (AWS's, any case). */
export function userTagsOf(tags: Readonly<Record<string, string>>): Record<string, string> {
  return sortedRecord(Object.fromEntries(Object.entries(tags).filter(([key]) => !isReservedTagKey(key))));
}

function change(name: string, before: unknown, after: unknown, extra: Partial<FieldChange> = {}): FieldChange {
  return {
    name,
    ...(before === undefined ? {} : { before: structuredClone(before) }),
    ...(after === undefined ? {} : { after: structuredClone(after) }),
    ...extra,
  };
}

/**
 * associationType, sector and (when the file declares it) resaleAccountModel: any difference forces a replace.
 * A file that omits resaleAccountModel does not manage it: no comparison, whatever the live value.
 */
export function diffImmutableFields(desired: DesiredRelationship, live: LiveRelationshipState): FieldChange[] {
  const fields: FieldChange[] = [];
  // A member the service did not return is unknown: never a change (see unknownMemberWarnings).
  if (live.associationType !== undefined && !equal(desired.associationType, live.associationType)) {
    fields.push(change('associationType', live.associationType, desired.associationType, { forcesReplace: true }));
  }
  if (live.sector !== undefined && !equal(desired.sector, live.sector)) {
    fields.push(change('sector', live.sector, desired.sector, { forcesReplace: true }));
  }
  if (desired.resaleAccountModel !== undefined && !equal(desired.resaleAccountModel, live.resaleAccountModel)) {
    fields.push(change('resaleAccountModel', live.resaleAccountModel, desired.resaleAccountModel, { forcesReplace: true }));
  }
  return fields;
}

export function diffDisplayName(desired: DesiredRelationship, live: LiveRelationshipState): FieldChange[] {
  if (live.displayName === undefined) return [];
  return equal(desired.displayName, live.displayName) ? [] : [change('displayName', live.displayName, desired.displayName)];
}

/**
 * Members neither ListRelationships nor GetRelationship returned (all are optional in the model): unknown,
 * so not compared, and the reviewer is told. Without a revision no write can be checked, so apply refuses it.
 */
export function unknownMemberWarnings(live: LiveRelationshipState): string[] {
  return missingMembers(live).map((name) => (name === 'revision' ? NO_REVISION_WARNING : `the service returned no ${name}: unknown, so not compared`));
}

export const NO_REVISION_WARNING = 'the service returned no revision: apply cannot check this relationship against the plan and will not change it';

/**
 * The support plan is write-only, so pcc compares the declared plan's fingerprint with the `pcc:support-plan`
 * tag it wrote last. Adopting (the tag was not pcc's to trust) or a missing tag: the live plan is "unknown" and
 * the declared one is sent. A plan dropped from the file cannot be unset through the API: a warning, no change.
 */
export function diffSupportPlan(desired: DesiredRelationship, live: LiveRelationshipState, managed: boolean): { fields: FieldChange[]; warnings: string[] } {
  const written = live.tags[SUPPORT_PLAN_TAG];
  const declared = desired.requestedSupportPlan;
  if (declared === undefined) {
    return { fields: [], warnings: managed && written !== undefined ? [SUPPORT_PLAN_REMOVED_WARNING] : [] };
  }
  if (!managed || written === undefined) {
    return { fields: [change('requestedSupportPlan', UNKNOWN_SUPPORT_PLAN, declared, { beforeUnknown: true })], warnings: [] };
  }
  const record = readSupportPlanTag(written);
  if (record.fingerprint === supportPlanFingerprint(declared)) return { fields: [], warnings: [] };
  // No read returns the plan: `before` is what pcc sent last, as the tag recorded it (the plan, where the tag's
  // words match its fingerprint; else the fingerprint alone, or the tag as found).
  return { fields: [change('requestedSupportPlan', record.plan ?? record.fingerprint ?? written, declared, { beforeUnknown: true })], warnings: [] };
}

/** User tags added, changed and removed, one `tags.<key>` field each, keys sorted. `pcc:` tags never appear. */
export function diffUserTags(desired: DesiredRelationship, live: LiveRelationshipState): FieldChange[] {
  const want = userTagsOf(desired.tags);
  const have = userTagsOf(live.tags);
  if (equal(want, have)) return [];
  const keys = [...new Set([...Object.keys(want), ...Object.keys(have)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.filter((key) => want[key] !== have[key]).map((key) => change(`tags.${key}`, have[key], want[key]));
}

/** What a create sets, as fields with only `after`: what the reviewer sees for a new relationship. */
export function createFields(desired: DesiredRelationship): FieldChange[] {
  const tags = userTagsOf(desired.tags);
  return [
    change('associationType', undefined, desired.associationType),
    change('sector', undefined, desired.sector),
    ...(desired.resaleAccountModel === undefined ? [] : [change('resaleAccountModel', undefined, desired.resaleAccountModel)]),
    change('displayName', undefined, desired.displayName),
    ...(desired.requestedSupportPlan === undefined ? [] : [change('requestedSupportPlan', undefined, desired.requestedSupportPlan)]),
    ...Object.entries(tags).map(([key, value]) => change(`tags.${key}`, undefined, value)),
  ];
}
