/**
 * How a relationship change and its outcome read (the render engine's KindWords): terraform's symbols and verbs,
 * an adopt shown as terraform shows an import (no symbol of its own, `~` when it also updates fields), and the
 * service period a delete or replace ends.
 */
import { ACTION_PAST_TENSE, ACTION_SYMBOLS } from '../../plan/actions.js';
import { SUPPORT_PLAN_TAG } from '../../model/ownership-tags.js';
import { fieldRow, isFieldName } from '../../model/relationship-fields.js';
import { describeTerms } from '../../model/service-period.js';
import { describeSupportPlan, isSupportPlan, isSupportPlanFingerprint } from '../../model/support-plan-tag.js';
import { ACKNOWLEDGE_FLAG, describeCommitment } from '../service-period/service-period-commitment.js';
import type { RelationshipOutcome } from './relationship-outcome.js';
import type { FieldChange } from '../../plan/plan-types.js';
import { formatValue } from '../../render/format-value.js';
import type { ExtraLine, KindWords } from '../../render/kind-words.js';
import type { RelationshipChange } from './relationship-change.js';
import { isHeldByPma } from './plan-pma-waiting.js';

/**
 * `+`, `~`, `-/+`, `-`, `=>`; `!` for a blocked replacement. An adopt reads as terraform shows an import: no symbol
 * of its own, `~` when it also updates fields.
 */
function symbol(change: RelationshipChange): string {
  if (change.blocked) return '!';
  if (change.action === 'adopt' && change.fields.length > 0) return ACTION_SYMBOLS.update;
  return ACTION_SYMBOLS[change.action];
}

/** What happens to the relationship, after its address: `will be created`, `must be replaced (…)`, … */
function describe(change: RelationshipChange): string {
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
      if (change.reasonCode === 'pma-not-active') return `is ${change.reason ?? 'waiting for its program management account'}`;
      if (change.reasonCode === 'pma-inactive' || change.reasonCode === 'pma-status-unknown')
        return `is left as it is: ${change.reason ?? 'its program management account is INACTIVE'}`;
      return change.reasonCode === 'release-not-found' || change.reasonCode === 'release-not-managed' ? 'has nothing to release' : 'has no changes';
  }
}

/**
 * A field's value in words: a support plan, e.g. `resoldEnterprise (ENTIRE_ORGANIZATION, TAM us-east-1)`. The API
 * never returns requestedSupportPlan, so its `before` (`beforeUnknown`) is "unknown", the plan pcc last sent as its
 * tag recorded it, or only that plan's fingerprint where the tag could not hold the words (or a value pcc did not
 * write, said to be one). Anything else: undefined (the value as JSON).
 */
function fieldValue(field: FieldChange, side: 'before' | 'after'): string | undefined {
  const value = field[side];
  if (side === 'before' && field.beforeUnknown && !isSupportPlan(value)) {
    if (value === undefined || value === 'unknown') return '(unknown)';
    if (typeof value === 'string' && isSupportPlanFingerprint(value)) return `(fingerprint ${value})`;
    // Not pcc's format: someone else set the tag. Shown quoted, for what it is, and not taken for a plan.
    return `(unknown: ${SUPPORT_PLAN_TAG} holds ${formatValue(value)}, which pcc did not write)`;
  }
  const supportPlan = isFieldName(field.name) && fieldRow(field.name).render === 'supportPlan';
  return supportPlan && isSupportPlan(value) ? describeSupportPlan(value) : undefined;
}

/**
 * The service-period lines of a delete or replace: the accepted terms it ends (and whether the operator acknowledged
 * them), and each handshake still pending on the relationship.
 */
function commitmentLines(change: RelationshipChange): ExtraLine[] {
  const commitment = change.servicePeriodCommitment;
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
  return lines.map((text) => ({ label: 'Service period', text }));
}

export const relationshipWords: KindWords<RelationshipChange, RelationshipOutcome> = {
  noun: ['relationship', 'relationships'],
  symbol,
  describe,
  fieldValue,
  extraLines: commitmentLines,
  // Waiting for its PMA, or held under an INACTIVE one: shown so the reviewer knows (not drift).
  shownThoughUnchanged: (change) => isHeldByPma(change.reasonCode),
  heldBack: (change) => isHeldByPma(change.reasonCode),
  planCounts: [],
  planNotes: [
    {
      key: 'underServicePeriod',
      line: (count) => `${count} of the deletes under an accepted service period`,
      row: { label: 'deletes under an accepted service period' },
    },
  ],
  outcome: (action) => ({ symbol: ACTION_SYMBOLS[action].trim(), done: ACTION_PAST_TENSE[action], destroys: action === 'delete' || action === 'replace' }),
  outcomeIds: (outcome) => (outcome.replacedId && outcome.id ? `${outcome.replacedId} → ${outcome.id}` : (outcome.id ?? outcome.replacedId)),
  outcomeMembers: (outcome) => ({ afterId: outcome.replacedId === undefined ? {} : { replacedId: outcome.replacedId }, afterNote: {} }),
  applyCounts: [],
  replaceWarning: {
    consequence: 'The new relationship gets a new id; anything that refers to the old id must be updated.',
  },
};
