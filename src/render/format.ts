/**
 * Wording and value formatting shared by the renderers (and by apply's output, so the two read alike).
 * Everything here reads the plan value only. Strings returned are NOT sanitised: each renderer escapes for
 * its own medium (terminal or markdown) at the last step.
 */
import { ACTION_SYMBOLS, type Action } from '../plan/actions.js';
import { SUPPORT_PLAN_TAG } from '../model/ownership-tags.js';
import { escapeHiddenCharacters } from '../model/hidden-characters.js';
import { fieldRow, isFieldName } from '../model/relationship-fields.js';
import { describeTerms } from '../model/service-period.js';
import { describeSupportPlan, isSupportPlan, isSupportPlanFingerprint } from '../model/support-plan-tag.js';
import type { ServicePeriodChange } from '../kinds/service-period/service-period-change.js';
import type { FieldChange, Plan, PlannedChange, PlanSummary } from '../plan/plan-types.js';
import { describeWithdrawn } from '../kinds/service-period/plan-service-period-withdraw.js';
import { ACKNOWLEDGE_FLAG, describeCommitment } from '../kinds/service-period/service-period-commitment.js';

/** The order actions are counted in on the summary line. */
export const SUMMARY_ACTIONS = ['create', 'adopt', 'update', 'replace', 'delete'] as const satisfies readonly Action[];

/** Always on the summary line, like Terraform's "to add, to change, to destroy"; the others only when non-zero. */
const ALWAYS_COUNTED: ReadonlySet<Action> = new Set<Action>(['create', 'update', 'delete']);

export const NO_CHANGES_LINE = 'No changes. Live state matches the files.';
export const NOTHING_DECLARED_LINE = 'No changes: the files declare no relationship, and none is live in a PMA they name.';

/** The closing line of a plan without changes: it says so when nothing is declared at all (an empty folder). */
export function noChangesLine(plan: Plan): string {
  const nothing = plan.changes.length === 0 && plan.unmanaged.length === 0 && (plan.pruneCandidates ?? []).length === 0;
  return nothing ? NOTHING_DECLARED_LINE : NO_CHANGES_LINE;
}

/** What a partial plan (`--target`) leaves out, after the list of its targets. */
export function partialPlanTail(targets: number): string {
  return `with ${targets === 1 ? 'its service period' : 'their service periods'}; anything else the files call for is neither shown nor applied.`;
}

/** A partial plan's note (`--target`), or undefined for a whole plan. Plain text: the terminal's. */
export function partialPlanLine(plan: Plan): string | undefined {
  const targets = plan.options.targets ?? [];
  return targets.length === 0 ? undefined : `Partial plan (--target): only ${targets.join(', ')}, ${partialPlanTail(targets.length)}`;
}

/**
 * `Plan: 2 to create, 1 to update, 0 to delete.`, with adopt and replace counts when there are any.
 * Blocked replacements are counted among the replaces and named: `1 to replace (1 blocked)`. With `deletesFirst`
 * (the markdown headline) a non-zero delete count leads: `Plan: 25 to delete, 0 to create, 0 to update.`
 */
export function summaryLine(summary: PlanSummary, options: { deletesFirst?: boolean } = {}): string {
  const order = options.deletesFirst && summary.delete > 0 ? ['delete' as const, ...SUMMARY_ACTIONS.filter((a) => a !== 'delete')] : SUMMARY_ACTIONS;
  const parts = order
    .filter((action) => ALWAYS_COUNTED.has(action) || summary[action] > 0)
    .map((action) => (action === 'replace' && summary.blocked > 0 ? `${summary.replace} to replace (${summary.blocked} blocked)` : `${summary[action]} to ${action}`));
  const requests = summary.request ?? 0;
  if (requests > 0) parts.push(`${requests} service period${requests === 1 ? '' : 's'} to request`);
  const revokes = summary.revoke ?? 0;
  if (revokes > 0) parts.push(`${revokes} service period${revokes === 1 ? '' : 's'} to revoke`);
  const withdraws = summary.withdraw ?? 0;
  if (withdraws > 0) parts.push(`${withdraws} pending service-period handshake${withdraws === 1 ? '' : 's'} to withdraw`);
  const releases = summary.release ?? 0;
  if (releases > 0) parts.push(`${releases} to release`);
  const under = summary.underServicePeriod ?? 0;
  if (under > 0) parts.push(`${under} of the deletes under an accepted service period`);
  return `Plan: ${parts.join(', ')}.`;
}

/**
 * `Refresh: 12 tag and detail reads made, 1,988 avoided by the refresh cache.`, when the plan says what the
 * refresh cost (plans made from live state do; hand-built ones need not).
 */
export function refreshLine(summary: PlanSummary): string | undefined {
  if (summary.reads === undefined || summary.readsSaved === undefined) return undefined;
  // Not toLocaleString: loading ICU for two numbers costs a warm plan more than its own work.
  const n = (count: number) => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `Refresh: ${n(summary.reads)} tag and detail reads made, ${n(summary.readsSaved)} avoided by the refresh cache.`;
}

/** True when applying would change something, or a blocked replacement needs the reviewer. */
export function hasChanges(summary: PlanSummary): boolean {
  return (
    SUMMARY_ACTIONS.some((action) => summary[action] > 0) ||
    summary.blocked > 0 ||
    (summary.request ?? 0) > 0 ||
    (summary.revoke ?? 0) > 0 ||
    (summary.withdraw ?? 0) > 0 ||
    (summary.release ?? 0) > 0
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
  const visible = plan.changes.filter((change) => change.action !== 'no-op' || (change.warnings?.length ?? 0) > 0 || isWaiting(change));
  // Deletions first: what goes away must be the first thing a reviewer reads, not the last.
  return [...visible.filter((change) => change.action === 'delete'), ...visible.filter((change) => change.action !== 'delete')];
}

/** A service period (or its revoke) that waits for the customer: shown (so the reviewer knows), though not a change. */
function isWaiting(change: PlannedChange): boolean {
  return change.kind === 'servicePeriod' && (change.reasonCode === 'service-period-pending' || change.reasonCode === 'service-period-revoke-pending');
}

/**
 * A service-period request is sent to the customer (`>>`), a revoke of the accepted period (`<<`), both (`<>`,
 * a replace); pending handshakes are withdrawn and the period in force kept (`~~`, an update in place); one that is
 * not acted on is only reported (`..`).
 */
export const SERVICE_PERIOD_SYMBOLS = { request: '>>', revoke: '<<', replace: '<>', withdraw: '~~', report: '..' } as const;

/** The symbol of a servicePeriod change or outcome by its action. */
export function servicePeriodSymbol(action: Action): string {
  if (action === 'create') return SERVICE_PERIOD_SYMBOLS.request;
  if (action === 'delete') return SERVICE_PERIOD_SYMBOLS.revoke;
  if (action === 'update') return SERVICE_PERIOD_SYMBOLS.withdraw;
  return action === 'replace' ? SERVICE_PERIOD_SYMBOLS.replace : SERVICE_PERIOD_SYMBOLS.report;
}

/** `+`, `~`, `<=`, `-/+`, `-`, `!` for a blocked replacement, or a service period's own symbol. */
export function changeSymbol(change: PlannedChange): string {
  if (change.kind === 'servicePeriod') return servicePeriodSymbol(change.action);
  return change.blocked ? '!' : ACTION_SYMBOLS[change.action];
}

function describeServicePeriod(change: ServicePeriodChange): string {
  const terms = change.servicePeriod?.terms ?? {};
  const cancel = change.servicePeriod?.cancel;
  const revoke = change.servicePeriod?.revoke;
  if (change.action === 'delete')
    return `accepted service period ${revoke ?? ''} will be revoked (REVOKE_SERVICE_PERIOD, the customer must accept): ${describeTerms(terms)}`;
  if (change.action === 'replace') return `accepted service period ${revoke ?? ''} will be revoked and the declared terms requested: ${describeTerms(terms)}`;
  if (change.action === 'update')
    return `pending ${describeWithdrawn(change.servicePeriod?.withdraw ?? [])} will be withdrawn (CancelChannelHandshake): the accepted service period ${change.servicePeriod?.handshakeId ?? ''} stays: ${describeTerms(terms)}`;
  if (change.action === 'create' && cancel) return `pending request ${cancel} will be canceled and the service period requested again: ${describeTerms(terms)}`;
  if (change.action === 'create') return `service period will be requested from the customer: ${describeTerms(terms)}`;
  return `service period ${describeTerms(terms)}: ${change.reason ?? change.servicePeriod?.status ?? 'no change'}`;
}

/**
 * The service-period lines of a delete or replace: the accepted terms it ends (and whether the operator acknowledged
 * them), and each handshake still pending on the relationship.
 */
export function commitmentLines(change: PlannedChange): string[] {
  const commitment = change.kind === 'relationship' ? change.servicePeriodCommitment : undefined;
  if (!commitment) return [];
  const lines: string[] = [];
  if (commitment.accepted) {
    const ack = commitment.acknowledged
      ? `acknowledged (${ACKNOWLEDGE_FLAG} ${change.address})`
      : change.blocked
        ? 'not acknowledged'
        : `NOT acknowledged: needs ${ACKNOWLEDGE_FLAG} ${change.address}`;
    lines.push(`agreed with the customer, ends with this ${change.action}: ${describeCommitment(commitment)}; ${ack}`);
  }
  for (const pending of commitment.pending) {
    const what = pending.handshakeType === 'REVOKE_SERVICE_PERIOD' ? 'revoke' : 'request';
    const sent = pending.since === undefined ? '' : `, sent ${pending.since.slice(0, 10)}`;
    lines.push(`pending ${what} ${pending.id} (${describeTerms(pending.terms)}${sent}) is left unanswerable`);
  }
  return lines;
}

/** What happens to the relationship, after its address: `will be created`, `must be replaced (…)`, … */
export function describeChange(change: PlannedChange): string {
  if (change.kind === 'servicePeriod') return describeServicePeriod(change);
  const because = change.reason ? ` (${change.reason})` : '';
  // The planner's reason says what to do (re-run with --allow-replace, or why that would not help).
  if (change.blocked) return `replacement blocked: ${change.reason ?? 'a field cannot change in place'}`;
  switch (change.action) {
    case 'create':
      return 'will be created';
    case 'update':
      return 'will be updated in place';
    case 'adopt':
      return change.fields.length > 0 ? 'will be adopted (updated, then tagged as managed)' : 'will be adopted (tagged as managed)';
    case 'replace':
      return `must be replaced${because}`;
    case 'delete':
      return 'will be deleted';
    case 'release':
      return 'will be released (its pcc: tags removed, nothing else changed; then unmanaged)';
    case 'no-op':
      return change.reasonCode === 'release-not-found' || change.reasonCode === 'release-not-managed' ? 'has nothing to release' : 'has no changes';
  }
}

/** `relationships/acme.yaml:4, id rs-…`: where the entry is declared and which live relationship it is. */
export function locationOf(change: Pick<PlannedChange, 'source' | 'id'>): string | undefined {
  const parts = [change.source ? `${change.source.file}:${change.source.line}` : undefined, change.id ? `id ${change.id}` : undefined].filter(
    (part): part is string => part !== undefined,
  );
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * A field value as one line: strings quoted (JSON), objects as compact JSON, absence as `(none)`. A character
 * nobody sees for what it is (a bidirectional override, a zero-width space) is shown as its JSON escape, so two
 * values that differ only there never read the same.
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  return escapeHiddenCharacters(JSON.stringify(value) ?? String(value), 'json');
}

/** A field's name as shown (`tags.<key>`: a tag key may hold hidden characters too, shown escaped). */
export function formatFieldName(name: string): string {
  return escapeHiddenCharacters(name, 'json');
}

/** A field's value for people: a support plan in words, e.g. `resoldEnterprise (ENTIRE_ORGANIZATION, TAM us-east-1)`. */
function formatFieldValue(name: string, value: unknown): string {
  const supportPlan = isFieldName(name) && fieldRow(name).render === 'supportPlan';
  return supportPlan && isSupportPlan(value) ? describeSupportPlan(value) : formatValue(value);
}

/** The new value of a field, as {@link formatFieldValue}. */
export function formatAfter(field: FieldChange): string {
  return formatFieldValue(field.name, field.after);
}

/**
 * The old value of a field. The API never returns requestedSupportPlan, so its `before` (`beforeUnknown`) is
 * "unknown", the plan pcc last sent as its tag recorded it, or only that plan's fingerprint where the tag could
 * not hold the words (or a value pcc did not write, said to be one).
 */
export function formatBefore(field: FieldChange): string {
  if (!field.beforeUnknown || isSupportPlan(field.before)) return formatFieldValue(field.name, field.before);
  if (field.before === undefined || field.before === 'unknown') return '(unknown)';
  if (typeof field.before === 'string' && isSupportPlanFingerprint(field.before)) return `(fingerprint ${field.before})`;
  // Not pcc's format: someone else set the tag. Shown quoted, for what it is, and not taken for a plan.
  return `(unknown: ${SUPPORT_PLAN_TAG} holds ${formatValue(field.before)}, which pcc did not write)`;
}

export type FieldKind = 'add' | 'remove' | 'change';

/** A field (or tag) that did not exist is added; one whose `after` is absent goes away; others change. */
export function fieldKind(field: FieldChange): FieldKind {
  if (field.before === undefined && !field.beforeUnknown) return 'add';
  if (field.after === undefined) return 'remove';
  return 'change';
}

export const FORCES_REPLACEMENT = '# forces replacement';

/**
 * One line per field, terraform-like: `+ name = value`, `- name = value`, `~ name: before → after`,
 * with `# forces replacement` when the field cannot change in place.
 */
export function formatFieldLine(field: FieldChange): { symbol: '+' | '-' | '~'; text: string } {
  const suffix = field.forcesReplace ? `  ${FORCES_REPLACEMENT}` : '';
  switch (fieldKind(field)) {
    case 'add':
      return { symbol: '+', text: `${formatFieldName(field.name)} = ${formatAfter(field)}${suffix}` };
    case 'remove':
      return { symbol: '-', text: `${formatFieldName(field.name)} = ${formatBefore(field)}${suffix}` };
    case 'change':
      return { symbol: '~', text: `${formatFieldName(field.name)}: ${formatBefore(field)} → ${formatAfter(field)}${suffix}` };
  }
}
