/**
 * The `pcc:support-plan` tag: the API never returns requestedSupportPlan, so pcc records what it last sent.
 * The value is readable and exact at once: the plan's words, then its fingerprint, e.g.
 *   `resoldEnterprise coverage=ENTIRE_ORGANIZATION tamLocation=us-east-1 sha256:0123…`
 * A reviewer sees the live plan; pcc compares fingerprints. Where the words cannot be stored (a character the tag
 * value rules refuse, or more than 256 characters), the value is the fingerprint alone, as pcc 0.1 wrote it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './ownership-tags.js';
import { SUPPORT_PLAN_VARIANTS, type SupportPlan, type SupportPlanVariant } from './relationship.js';

/** Service model: TagValue, at most 256 of letters, digits, spaces and `_ . : / = + - @`. */
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
const FINGERPRINT = /^sha256:[0-9a-f]{32}$/;
/** Members in the order they are written; the fingerprint covers all of them whatever the order. */
const MEMBERS = ['coverage', 'tamLocation', 'chargeAccountId', 'provider'] as const;

/** True for a value shaped like {@link supportPlanFingerprint}'s. */
export function isSupportPlanFingerprint(value: string): boolean {
  return FINGERPRINT.test(value);
}

/** `sha256:` and 32 hex digits of the canonical JSON of the plan. */
export function supportPlanFingerprint(plan: SupportPlan): string {
  return `sha256:${createHash('sha256').update(canonicalJson(plan)).digest('hex').slice(0, 32)}`;
}

function variantOf(plan: SupportPlan): SupportPlanVariant {
  return SUPPORT_PLAN_VARIANTS.find((variant) => Object.hasOwn(plan, variant)) as SupportPlanVariant;
}

function membersOf(plan: SupportPlan): Record<string, string> {
  return (plan as unknown as Record<SupportPlanVariant, Record<string, string>>)[variantOf(plan)];
}

/** The tag value for `plan`: words and fingerprint, or the fingerprint alone when the words cannot be stored. */
export function supportPlanTagValue(plan: SupportPlan): string {
  const members = membersOf(plan);
  const words = [variantOf(plan), ...MEMBERS.filter((m) => members[m] !== undefined).map((m) => `${m}=${members[m]}`)];
  const value = `${words.join(' ')} ${supportPlanFingerprint(plan)}`;
  const storable = TAG_VALUE.test(value) && words.every((word) => !/\s/.test(word));
  return storable ? value : supportPlanFingerprint(plan);
}

/** What a `pcc:support-plan` value says: its fingerprint, and the plan when its words match that fingerprint. */
export interface SupportPlanRecord {
  fingerprint?: string;
  plan?: SupportPlan;
}

/** Reads a tag value written by {@link supportPlanTagValue} (or by pcc 0.1: the fingerprint alone). Never throws. */
export function readSupportPlanTag(value: string): SupportPlanRecord {
  const words = value.split(' ');
  const fingerprint = words.pop() ?? '';
  if (!isSupportPlanFingerprint(fingerprint)) return {};
  const [variant, ...pairs] = words;
  if (variant === undefined || !(SUPPORT_PLAN_VARIANTS as readonly string[]).includes(variant)) return { fingerprint };
  const members: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    if (at <= 0 || !(MEMBERS as readonly string[]).includes(name) || Object.hasOwn(members, name)) return { fingerprint };
    members[name] = pair.slice(at + 1);
  }
  const plan = { [variant]: members } as unknown as SupportPlan;
  // The words are trusted only as far as the fingerprint vouches for them.
  return supportPlanFingerprint(plan) === fingerprint ? { fingerprint, plan } : { fingerprint };
}

/** True for a value shaped like the SupportPlan union: one known plan variant holding an object. */
export function isSupportPlan(value: unknown): value is SupportPlan {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const inner = (value as Record<string, unknown>)[keys[0] ?? ''];
  return keys.length === 1 && (SUPPORT_PLAN_VARIANTS as readonly string[]).includes(keys[0] as string) && inner !== null && typeof inner === 'object';
}

/** `resoldEnterprise (ENTIRE_ORGANIZATION, TAM us-east-1, charged to 111122223333)`: a plan for people. */
export function describeSupportPlan(plan: SupportPlan): string {
  const m = membersOf(plan);
  const details = [
    m.coverage,
    `TAM ${m.tamLocation}`,
    ...(m.chargeAccountId ? [`charged to ${m.chargeAccountId}`] : []),
    ...(m.provider ? [`provider ${m.provider}`] : []),
  ];
  return `${variantOf(plan)} (${details.join(', ')})`;
}
