/**
 * The service period a file declares is the one in force, yet handshakes that contradict it wait for the customer:
 * a revoke of that period (the user declared it again after `--revoke`) or a request for other terms (the user
 * went back to the accepted terms after `--replace-service-periods`). If the customer accepted either, the file's
 * period would end or change. A withdraw (action `update`) cancels them and sends nothing: the customer already
 * agreed to the declared terms, so asking again would only spam them. PURE.
 */
import type { DesiredRelationship } from '../../desired/types.js';
import type { LiveServicePeriodHandshake } from '../../live/channel-api.js';
import { describeTerms, sameTerms } from '../../model/service-period.js';
import type { ServicePeriodChange, WithdrawnHandshake } from './service-period-change.js';
import { periodInForce, type PeriodHistory } from './service-period-history.js';

/** The pending handshakes that contradict `entry` while its declared terms are the period in force; a revoke first. */
function contradictingHandshakes(entry: DesiredRelationship, history: PeriodHistory | undefined): LiveServicePeriodHandshake[] {
  const period = entry.servicePeriod;
  const inForce = periodInForce(history);
  if (!period || !history || !inForce || !sameTerms(period, inForce.terms)) return [];
  const { revoke, latest } = history;
  return [
    ...(revoke?.status === 'PENDING' ? [revoke] : []),
    ...(latest?.status === 'PENDING' && latest.id !== inForce.id && !sameTerms(period, latest.terms) ? [latest] : []),
  ];
}

const kindOf = (h: WithdrawnHandshake) => (h.handshakeType === 'REVOKE_SERVICE_PERIOD' ? 'revoke' : 'request');

/** `revoke ch-1 and request ch-2`: the handshakes a withdraw cancels, for the plan's sentences. */
export function describeWithdrawn(withdraw: readonly WithdrawnHandshake[]): string {
  return withdraw.map((h) => `${kindOf(h)} ${h.id}`).join(' and ');
}

/** The withdraw change for an entry whose declared period is in force and contradicted by pending handshakes; else undefined. */
export function planServicePeriodWithdraw(entry: DesiredRelationship, relationship: { id: string }, history: PeriodHistory | undefined): ServicePeriodChange | undefined {
  const pending = contradictingHandshakes(entry, history);
  const inForce = periodInForce(history);
  if (pending.length === 0 || !inForce) return undefined;
  const withdraw: WithdrawnHandshake[] = pending.map((h) => ({
    id: h.id,
    handshakeType: h.handshakeType,
    terms: h.terms,
    ...(h.createdAt ? { since: h.createdAt } : {}),
  }));
  return {
    kind: 'servicePeriod',
    address: entry.address,
    action: 'update',
    id: relationship.id,
    source: { file: entry.source.file, line: entry.source.line },
    // What the customer could still agree to goes away; the period in force stays.
    fields: withdraw.map((h) => (h.handshakeType === 'REVOKE_SERVICE_PERIOD' ? { name: 'pendingRevoke', before: h.id } : { name: 'pendingRequest', before: h.terms })),
    reason: `the declared terms are the accepted period ${inForce.id} (${describeTerms(inForce.terms)}): the pending ${describeWithdrawn(withdraw)} ${withdraw.length === 1 ? 'contradicts the file and is' : 'contradict the file and are'} withdrawn; nothing is requested`,
    reasonCode: 'service-period-withdraw',
    servicePeriod: {
      catalog: entry.catalog,
      programManagementAccountIdentifier: entry.programManagementAccountIdentifier,
      terms: inForce.terms,
      handshakeId: inForce.id,
      status: 'ACCEPTED',
      ...(inForce.createdAt ? { since: inForce.createdAt } : {}),
      withdraw,
    },
  };
}
