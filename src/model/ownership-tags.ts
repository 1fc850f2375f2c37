import { createHash } from 'node:crypto';
import type { SupportPlan } from './relationship.js';

/** Tag keys starting with this prefix belong to pcc; files may not declare them. */
export const RESERVED_TAG_PREFIX = 'pcc:';
/** Marks a relationship pcc owns: only these are ever deleted (with --prune). */
export const MANAGED_TAG = 'pcc:managed';
export const MANAGED_TAG_VALUE = 'true';
/** Tag keys starting with this prefix (in any case) belong to AWS: never planned for change, never written. */
export const AWS_TAG_PREFIX = 'aws:';

/** Keys that are not the user's to declare or pcc's to diff as user tags: `pcc:` and `aws:` ones. */
export function isReservedTagKey(key: string): boolean {
  return key.startsWith(RESERVED_TAG_PREFIX) || key.toLowerCase().startsWith(AWS_TAG_PREFIX);
}
/** Fingerprint of the last requestedSupportPlan pcc sent: the API never returns the plan itself. */
export const SUPPORT_PLAN_TAG = 'pcc:support-plan';

/** JSON with object keys sorted at every depth, so equal values always serialise the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * `sha256:` and 32 hex digits of the canonical JSON of the plan: fits the API's tag value rules
 * (at most 256 of letters, digits, spaces and `_.:/=+-@`).
 */
export function supportPlanFingerprint(plan: SupportPlan): string {
  return `sha256:${createHash('sha256').update(canonicalJson(plan)).digest('hex').slice(0, 32)}`;
}
