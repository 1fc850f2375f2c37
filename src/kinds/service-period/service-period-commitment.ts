/**
 * A relationship deleted (by --prune) or replaced while a service period is agreed on it breaks a commitment to the
 * customer: the change carries the terms (`servicePeriodCommitment`), the delete guard counts it, and the plan is
 * applyable only when the operator acknowledged that relationship (`--acknowledge-service-period ADDRESS`).
 * Service-period handshakes still pending on it are shown too (deleting it leaves them unanswerable). PURE.
 */
import type { LiveServicePeriodHandshake } from '../../live/channel-api.js';
import type { LiveState } from '../../live/live-state.js';
import { describeTerms } from '../../model/service-period.js';
import type { ServicePeriodCommitment, WithdrawnHandshake } from './service-period-change.js';
import type { PlanError, PlannedChange } from '../../plan/plan-types.js';
import { periodHistories, periodInForce } from './service-period-history.js';

/** The flag that acknowledges a commitment, as the hint names it. */
export const ACKNOWLEDGE_FLAG = '--acknowledge-service-period';

/** A relationship change that removes the live relationship (a blocked replace removes nothing, but is shown). */
const removesRelationship = (change: PlannedChange) =>
  change.kind === 'relationship' && change.id !== undefined && (change.action === 'delete' || change.action === 'replace');

/** Whether the change deletes a relationship under an accepted service period: what the delete guard counts. */
export function deletesUnderServicePeriod(change: PlannedChange): boolean {
  return change.kind === 'relationship' && removesRelationship(change) && !change.blocked && change.servicePeriodCommitment?.accepted !== undefined;
}

/** `MINIMUM_NOTICE_PERIOD, 60 days notice (accepted hs-…, requested 2026-05-01)`: the terms as an error or a render states them. */
export function describeCommitment(commitment: ServicePeriodCommitment): string {
  const accepted = commitment.accepted;
  if (!accepted) return 'no accepted service period';
  const sent = accepted.since === undefined ? '' : `, requested ${accepted.since.slice(0, 10)}`;
  const note = accepted.terms.note === undefined || accepted.terms.note === '' ? '' : `, note ${JSON.stringify(accepted.terms.note)}`;
  return `${describeTerms(accepted.terms)} (accepted ${accepted.handshakeId}${sent}${note})`;
}

function pendingOf(handshakes: readonly LiveServicePeriodHandshake[], id: string): WithdrawnHandshake[] {
  return handshakes
    .filter((h) => h.relationshipId === id && h.status === 'PENDING')
    .sort((a, b) => ((a.createdAt ?? '') < (b.createdAt ?? '') ? -1 : (a.createdAt ?? '') > (b.createdAt ?? '') ? 1 : a.id < b.id ? -1 : 1))
    .map((h) => ({ id: h.id, handshakeType: h.handshakeType, terms: h.terms, ...(h.createdAt ? { since: h.createdAt } : {}) }));
}

function notAcknowledged(change: PlannedChange, commitment: ServicePeriodCommitment): PlanError {
  const what = change.action === 'delete' ? 'deleting' : 'replacing';
  return {
    code: 'service-period-not-acknowledged',
    message: `${change.address}: ${what} ${change.id ?? 'it'} ends the service period agreed with the customer: ${describeCommitment(commitment)}`,
    address: change.address,
    hint: `make sure the customer has been told and the terms allow it; then plan and apply with ${ACKNOWLEDGE_FLAG} ${change.address}`,
    ...(change.source ? { source: change.source } : {}),
  };
}

function unusedAcknowledgement(address: string): PlanError {
  return {
    code: 'service-period-acknowledgement-unused',
    message: `${ACKNOWLEDGE_FLAG} ${address}: the plan deletes or replaces no relationship under an accepted service period there`,
    address,
    hint: `check the address against the plan; drop ${ACKNOWLEDGE_FLAG} ${address} if nothing there needs it`,
  };
}

/**
 * `changes` with each relationship delete or replace carrying its service-period commitment (when it has an accepted
 * period or pending handshakes), and the errors: a commitment not acknowledged, an acknowledgement nothing needs.
 * Inputs are not mutated.
 */
export function attachCommitments(
  changes: readonly PlannedChange[],
  live: LiveState,
  acknowledged: readonly string[],
): { changes: PlannedChange[]; errors: PlanError[] } {
  const histories = periodHistories(live);
  const handshakes = live.handshakes ?? live.servicePeriods ?? [];
  const acks = new Set(acknowledged);
  const used = new Set<string>();
  const errors: PlanError[] = [];
  const out = changes.map((change) => {
    if (!removesRelationship(change) || change.id === undefined) return change;
    const inForce = periodInForce(histories.get(change.id));
    const pending = pendingOf(handshakes, change.id);
    if (!inForce && pending.length === 0) return change;
    const commitment: ServicePeriodCommitment = {
      ...(inForce ? { accepted: { handshakeId: inForce.id, terms: inForce.terms, ...(inForce.createdAt ? { since: inForce.createdAt } : {}) } } : {}),
      pending,
      acknowledged: inForce !== undefined && acks.has(change.address),
    };
    if (inForce) used.add(change.address);
    if (inForce && !commitment.acknowledged && !change.blocked) errors.push(notAcknowledged(change, commitment));
    return { ...change, servicePeriodCommitment: commitment };
  });
  for (const address of [...acks].sort()) if (!used.has(address)) errors.push(unusedAcknowledgement(address));
  return { changes: out, errors };
}
