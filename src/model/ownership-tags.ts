/** Tag keys starting with this prefix belong to pcc; files may not declare them. */
export const RESERVED_TAG_PREFIX = 'pcc:';
/** Marks a relationship pcc owns: only these are ever deleted (with --prune). */
export const MANAGED_TAG = 'pcc:managed';
export const MANAGED_TAG_VALUE = 'true';
/** Tag keys starting with this prefix (in any case) belong to AWS: never planned for change, never written. */
const AWS_TAG_PREFIX = 'aws:';

/** Keys that are not the user's to declare or pcc's to diff as user tags: `pcc:` and `aws:` ones. */
export function isReservedTagKey(key: string): boolean {
  return key.startsWith(RESERVED_TAG_PREFIX) || key.toLowerCase().startsWith(AWS_TAG_PREFIX);
}
/**
 * Why a file may not declare tag `key` (undefined: it may): whose prefix it starts with, in words (`"pcc:", which
 * is reserved for pcc's own tags`), and how to fix it. One rule for every kind's tags (`reserved-tag-prefix`).
 */
export function reservedTagKeyRule(key: string): { reservedBy: string; hint: string } | undefined {
  if (key.startsWith(RESERVED_TAG_PREFIX)) {
    return { reservedBy: `"${RESERVED_TAG_PREFIX}", which is reserved for pcc's own tags`, hint: `rename the tag; pcc sets its ${RESERVED_TAG_PREFIX} tags itself` };
  }
  if (key.toLowerCase().startsWith(AWS_TAG_PREFIX)) return { reservedBy: `"${AWS_TAG_PREFIX}", which AWS reserves for its own tags`, hint: 'rename the tag' };
  return undefined;
}
/**
 * The apply run whose create made the relationship, written once, by CreateRelationship, and never changed: the
 * clientToken leaves it out (it stays derived from the address and the desired fields), so when two applies race
 * the service answers the second with the first's relationship (or refuses the mismatch with 409), and this tag
 * on it says whose create landed. Kept as the record of which run created it; removed with the others on release.
 */
export const APPLY_RUN_TAG = 'pcc:apply-run';
/** The last requestedSupportPlan pcc sent, readably and fingerprinted (support-plan-tag.ts): the API never returns it. */
export const SUPPORT_PLAN_TAG = 'pcc:support-plan';

/** JSON with object keys sorted at every depth, so equal values always serialise the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
