/**
 * Wording and value formatting shared by the renderers (and by apply's output, so the two read alike).
 * Everything here reads the plan value only. Strings returned are NOT sanitised: each renderer escapes for
 * its own medium (terminal or markdown) at the last step.
 */
import { type Action } from '../plan/actions.js';
import { KINDS, kindOf } from '../kinds/registry.js';
import type { FieldChange, Plan, PlannedChange, PlanSummary } from '../plan/plan-types.js';
import { formatFieldName, formatValue } from './format-value.js';
import type { CountWords, ExtraLine } from './kind-words.js';

/** The order actions are counted in on the summary line. */
export const SUMMARY_ACTIONS = ['create', 'adopt', 'update', 'replace', 'delete'] as const satisfies readonly Action[];

/** Always on the summary line, like Terraform's "to add, to change, to destroy"; the others only when non-zero. */
const ALWAYS_COUNTED: ReadonlySet<Action> = new Set<Action>(['create', 'update', 'delete']);

export const NO_CHANGES_LINE = 'No changes. Live state matches the files.';
const NOTHING_DECLARED_LINE = 'No changes: the files declare no relationship, and none is live in a PMA they name.';

/** How many of a plan's no-ops stand for changes held back (their kind's heldBack). */
const heldBackCount = (plan: Plan): number => plan.changes.filter((change) => change.action === 'no-op' && kindOf(change).words.heldBack?.(change) === true).length;

/** The closing line of a plan without changes whose no-ops hold changes back (undefined: none): it never says the live state matches. */
export function heldBackLine(plan: Plan): string | undefined {
  const held = heldBackCount(plan);
  if (held === 0) return undefined;
  return `No changes to apply: ${held} held back, none attempted until their program management account is ACTIVE.`;
}

/** The closing line of a plan without changes: it says so when nothing is declared at all (an empty folder), or when changes are held back. */
export function noChangesLine(plan: Plan): string {
  const held = heldBackLine(plan);
  if (held !== undefined) return held;
  const nothing = plan.changes.length === 0 && plan.unmanaged.length === 0 && (plan.pruneCandidates ?? []).length === 0;
  return nothing ? NOTHING_DECLARED_LINE : NO_CHANGES_LINE;
}

/** What a partial plan (`--target`) takes in with its targets and leaves out, after the list of its targets. */
export function partialPlanTail(targets: number): string {
  const withThem = KINDS.flatMap((kind) => (kind.words.targetedWith === undefined ? [] : [kind.words.targetedWith[targets === 1 ? 0 : 1]]));
  const taken = withThem.length === 0 ? '' : `with ${withThem.join(' and ')}; `;
  return `${taken}anything else the files call for is neither shown nor applied.`;
}

/** A partial plan's note (`--target`), or undefined for a whole plan. Plain text: the terminal's. */
export function partialPlanLine(plan: Plan): string | undefined {
  const targets = plan.options.targets ?? [];
  return targets.length === 0 ? undefined : `Partial plan (--target): only ${targets.join(', ')}, ${partialPlanTail(targets.length)}`;
}

/** A summary count's line words, when it is non-zero. */
const counted = <S>(summary: S, words: readonly CountWords<S>[]): string[] =>
  words.flatMap((word) => {
    const count = (summary[word.key] as number | undefined) ?? 0;
    return count > 0 ? [word.line(count)] : [];
  });

/**
 * `Plan: 2 to create, 1 to update, 0 to delete.`, with adopt and replace counts when there are any, then each kind's
 * own counts (`2 service periods to request`), the releases, and each kind's notes, kinds in registry order.
 * Blocked replacements are counted among the replaces and named: `1 to replace (1 blocked)`. With `deletesFirst`
 * (the markdown headline) a non-zero delete count leads: `Plan: 25 to delete, 0 to create, 0 to update.`
 */
export function summaryLine(summary: PlanSummary, options: { deletesFirst?: boolean } = {}): string {
  const order = options.deletesFirst && summary.delete > 0 ? ['delete' as const, ...SUMMARY_ACTIONS.filter((a) => a !== 'delete')] : SUMMARY_ACTIONS;
  const parts = order
    .filter((action) => ALWAYS_COUNTED.has(action) || summary[action] > 0)
    .map((action) => (action === 'replace' && summary.blocked > 0 ? `${summary.replace} to replace (${summary.blocked} blocked)` : `${summary[action]} to ${action}`));
  parts.push(...KINDS.flatMap((kind) => counted(summary, kind.words.planCounts)));
  const releases = summary.release ?? 0;
  if (releases > 0) parts.push(`${releases} to release`);
  parts.push(...KINDS.flatMap((kind) => counted(summary, kind.words.planNotes)));
  return `Plan: ${parts.join(', ')}.`;
}

/**
 * `Refresh: 12 tag and detail reads made, 1,988 avoided by the refresh cache.`, when the plan says what the
 * refresh cost (plans made from live state do; hand-built ones need not).
 */
export function refreshLine(summary: PlanSummary): string | undefined {
  if (summary.reads === undefined || summary.readsSaved === undefined) return undefined;
  return `Refresh: ${thousands(summary.reads)} tag and detail reads made, ${thousands(summary.readsSaved)} avoided by the refresh cache.`;
}

/**
 * 49488 → `49,488`. Not toLocaleString: loading ICU for a few numbers costs a warm plan more than its own work.
 * A saved plan is a file: anything but a whole number (the schema allows no other) shows as `?`, never as given.
 */
const thousands = (count: number) => (Number.isSafeInteger(count) ? String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '?');

/** A time as plans write it (toISOString; schema/plan.schema.json `utcTime`). */
const UTC_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,3})?)?Z$/;

/**
 * `2026-12-01T06:23:45.120Z` → `2026-12-01T06:23Z`. A saved plan is a file: anything else (escape sequences, HTML)
 * is never shown as given, but as `an unknown time`.
 */
const toMinute = (iso: string) => (typeof iso === 'string' && UTC_TIME.test(iso) ? `${iso.slice(0, 16)}Z` : 'an unknown time');

/**
 * How recent the plan's live state is, when the plan says (plans made from live state do): `Freshness: listed
 * 2026-12-08T01:40Z; 512 tag sets read then, 49,488 reused (read since 2026-12-01T06:23Z; each read again at least
 * every 10 runs).` The parenthesis only when tags were reused; its second half only for a rolling refresh.
 */
export function freshnessLine(summary: PlanSummary): string | undefined {
  const freshness = summary.freshness;
  if (!freshness) return undefined;
  const since = freshness.oldestTagsReadAt === undefined ? [] : [`read since ${toMinute(freshness.oldestTagsReadAt)}`];
  const every =
    freshness.verifyEvery === undefined ? [] : [`each read again at least every ${thousands(freshness.verifyEvery)} ${freshness.verifyEvery === 1 ? 'run' : 'runs'}`];
  const detail = freshness.tagsReused > 0 && since.length + every.length > 0 ? ` (${[...since, ...every].join('; ')})` : '';
  const reused = `${thousands(freshness.tagsReused)} reused from the refresh cache${detail}`;
  const read = `${thousands(freshness.tagsReadNow)} ${freshness.tagsReadNow === 1 ? 'tag set' : 'tag sets'}`;
  return `Freshness: listed ${toMinute(freshness.listedAt)}; ${read} read then, ${reused}.`;
}

/** True when applying would change something, or a blocked replacement needs the reviewer. */
export function hasChanges(summary: PlanSummary): boolean {
  return (
    SUMMARY_ACTIONS.some((action) => summary[action] > 0) ||
    summary.blocked > 0 ||
    (summary.release ?? 0) > 0 ||
    KINDS.some((kind) => counted(summary, kind.words.planCounts).length > 0)
  );
}

/** The line under the summary when replacements are blocked. */
export function blockedLine(count: number): string {
  const what = count === 1 ? '1 replacement is' : `${count} replacements are`;
  return `${what} blocked and will not be applied: see the reasons above.`;
}

/**
 * The changes worth showing, deletions first, each group in plan order (sorted by address): every change but the no-ops, except a no-op
 * that carries a warning (e.g. a support plan removed from the file, which the API cannot remove).
 */
export function visibleChanges(plan: Plan): PlannedChange[] {
  const visible = plan.changes.filter((change) => change.action !== 'no-op' || (change.warnings?.length ?? 0) > 0 || isShownThoughUnchanged(change));
  // Deletions first: what goes away must be the first thing a reviewer reads, not the last.
  return [...visible.filter((change) => change.action === 'delete'), ...visible.filter((change) => change.action !== 'delete')];
}

/** A no-op its kind shows though it changes nothing (e.g. a service period waiting for the customer). */
function isShownThoughUnchanged(change: PlannedChange): boolean {
  return kindOf(change).words.shownThoughUnchanged(change);
}

/** The symbol before a change's address, as its kind says: `+`, `~`, `-/+`, `!` for a blocked replacement, `>>`, … */
export function changeSymbol(change: PlannedChange): string {
  return kindOf(change).words.symbol(change);
}

/** What happens to the change, after its address, as its kind says: `will be created`, `must be replaced (…)`, … */
export function describeChange(change: PlannedChange): string {
  return kindOf(change).words.describe(change);
}

/** The lines its kind shows under a change after its fields (e.g. the service period a delete ends). */
export function extraLines(change: PlannedChange): readonly ExtraLine[] {
  return kindOf(change).words.extraLines(change);
}

/**
 * `relationships/acme.yaml:4, id rs-…`: where the entry is declared and which live resource it is. An adopt says
 * where it is adopted from, as terraform's `# (imported from "…")` does: `relationships/acme.yaml:4, adopted from rs-…`.
 */
export function locationOf(change: Pick<PlannedChange, 'source' | 'id' | 'action'>): string | undefined {
  const id = change.id === undefined ? undefined : `${change.action === 'adopt' ? 'adopted from' : 'id'} ${change.id}`;
  const parts = [change.source ? `${change.source.file}:${change.source.line}` : undefined, id].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** A field's value for people: in its kind's words where it has some (a support plan), else as {@link formatValue}. */
function formatFieldValue(change: PlannedChange, field: FieldChange, side: 'before' | 'after'): string {
  return kindOf(change).words.fieldValue(field, side) ?? formatValue(field[side]);
}

/** The new value of a field, as {@link formatFieldValue}. */
export function formatAfter(change: PlannedChange, field: FieldChange): string {
  return formatFieldValue(change, field, 'after');
}

/** The old value of a field, as {@link formatFieldValue} (its kind words a `before` no API returns, `beforeUnknown`). */
export function formatBefore(change: PlannedChange, field: FieldChange): string {
  return formatFieldValue(change, field, 'before');
}

/** What happens to one field: added, removed or changed (not "kind": that word is the resource kind's). */
export type FieldChangeType = 'add' | 'remove' | 'change';

/** A field (or tag) that did not exist is added; one whose `after` is absent goes away; others change. */
export function fieldChangeType(field: FieldChange): FieldChangeType {
  if (field.before === undefined && !field.beforeUnknown) return 'add';
  if (field.after === undefined) return 'remove';
  return 'change';
}

export const FORCES_REPLACEMENT = '# forces replacement';

/**
 * One line per field, terraform-like: `+ name = value`, `- name = value`, `~ name: before → after`,
 * with `# forces replacement` when the field cannot change in place.
 */
export function formatFieldLine(change: PlannedChange, field: FieldChange): { symbol: '+' | '-' | '~'; text: string } {
  const suffix = field.forcesReplace ? `  ${FORCES_REPLACEMENT}` : '';
  switch (fieldChangeType(field)) {
    case 'add':
      return { symbol: '+', text: `${formatFieldName(field.name)} = ${formatAfter(change, field)}${suffix}` };
    case 'remove':
      return { symbol: '-', text: `${formatFieldName(field.name)} = ${formatBefore(change, field)}${suffix}` };
    case 'change':
      return { symbol: '~', text: `${formatFieldName(field.name)}: ${formatBefore(change, field)} → ${formatAfter(change, field)}${suffix}` };
  }
}
