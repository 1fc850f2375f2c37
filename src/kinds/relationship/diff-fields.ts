import type { DesiredRelationship } from '../../desired/types.js';
import { missingMembers } from '../../live/channel-api.js';
import type { LiveRelationshipState } from '../../live/live-state.js';
import { isReservedTagKey, SUPPORT_PLAN_TAG } from '../../model/ownership-tags.js';
import { CHANGE_ORDER, fieldRow, type FieldRow, type ReadField } from '../../model/relationship-fields.js';
import { readSupportPlanTag, supportPlanFingerprint } from '../../model/support-plan-tag.js';
import { ownValue, sameData } from '../../model/string-keyed.js';
import type { FieldChange } from '../../plan/plan-types.js';

/**
 * Field-by-field comparison of one desired entry with its live relationship. Both sides are first normalised
 * into the same shape (user tags only, keys sorted, copies), then compared with sameData (any tag key, `valueOf` too); inputs are never
 * mutated. Every function returns fresh FieldChange values in a fixed order.
 */

/** The literal `before` of a support plan pcc has never written (or cannot know, when adopting). */
const UNKNOWN_SUPPORT_PLAN = 'unknown';

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
 * One field the table compares by value (`whenReturned`, `whenDeclared`); the named strategies (support plan,
 * tags) have their own functions below. A difference in a `replace` field forces a replace.
 */
function diffValue(name: ReadField, row: FieldRow, desired: DesiredRelationship, live: LiveRelationshipState): FieldChange[] {
  const want = desired[name];
  const have = live[name];
  // whenReturned: a member the service did not return is unknown, never a change (see unknownMemberWarnings).
  // whenDeclared: a file that omits the field does not manage it; GetRelationship's answer is authoritative.
  const compared = row.compare === 'whenReturned' ? have !== undefined : row.compare === 'whenDeclared' && want !== undefined;
  if (!compared || sameData(want, have)) return [];
  return [change(name, have, want, row.role === 'replace' ? { forcesReplace: true } : {})];
}

/**
 * Every field change between one desired entry and its live relationship, in CHANGE_ORDER (fields that force a
 * replace first), each field compared as its row's `compare` says; warnings from the support plan's strategy.
 */
export function diffRelationship(desired: DesiredRelationship, live: LiveRelationshipState, managed: boolean): { fields: FieldChange[]; warnings: string[] } {
  const warnings: string[] = [];
  const fields = CHANGE_ORDER.flatMap((name): FieldChange[] => {
    const row = fieldRow(name);
    switch (row.compare) {
      case 'none':
        return [];
      case 'whenReturned':
      case 'whenDeclared':
        return diffValue(name as ReadField, row, desired, live);
      case 'supportPlanFingerprint': {
        const plan = diffSupportPlan(desired, live, managed);
        warnings.push(...plan.warnings);
        return plan.fields;
      }
      case 'perTagKey':
        return diffUserTags(desired, live);
      default:
        return unreachable(row.compare);
    }
  });
  return { fields, warnings };
}

/** Compile-time exhaustiveness: a new Comparison must be handled above. */
function unreachable(value: never): never {
  throw new Error(`unhandled comparison ${String(value)}`);
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
function diffSupportPlan(desired: DesiredRelationship, live: LiveRelationshipState, managed: boolean): { fields: FieldChange[]; warnings: string[] } {
  const written = ownValue(live.tags, SUPPORT_PLAN_TAG);
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
  if (sameData(want, have)) return [];
  const keys = [...new Set([...Object.keys(want), ...Object.keys(have)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.filter((key) => ownValue(want, key) !== ownValue(have, key)).map((key) => change(`tags.${key}`, ownValue(have, key), ownValue(want, key)));
}

/** What a create sets, as fields with only `after`: what the reviewer sees for a new relationship (CHANGE_ORDER). */
export function createFields(desired: DesiredRelationship): FieldChange[] {
  return CHANGE_ORDER.flatMap((name) => {
    if (fieldRow(name).compare === 'perTagKey') return Object.entries(userTagsOf(desired.tags)).map(([key, value]) => change(`tags.${key}`, undefined, value));
    return desired[name] === undefined ? [] : [change(name, undefined, desired[name])];
  });
}
