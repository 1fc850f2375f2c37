/**
 * What the live handshakes say about one relationship's service period: the latest START_SERVICE_PERIOD request,
 * the period in force (the latest accepted start), and the latest revoke sent after it. PURE.
 */
import type { LiveServicePeriodHandshake } from '../../live/channel-api.js';
import type { LiveState } from '../../live/live-state.js';
import { latestPerRelationship } from './service-period-live-state.js';

export interface PeriodHistory {
  /** The latest START_SERVICE_PERIOD handshake, whatever its status. */
  latest?: LiveServicePeriodHandshake;
  /** The latest ACCEPTED start: the period in force, unless `revoke` is ACCEPTED. */
  accepted?: LiveServicePeriodHandshake;
  /** The latest REVOKE_SERVICE_PERIOD sent after `accepted` was sent. */
  revoke?: LiveServicePeriodHandshake;
}

const sentAfter = (a: LiveServicePeriodHandshake, b: LiveServicePeriodHandshake) => (a.createdAt ?? '') > (b.createdAt ?? '');

/** The history of each relationship the live state read handshakes for, by relationship id. */
export function periodHistories(live: LiveState): Map<string, PeriodHistory> {
  const all = live.handshakes ?? live.servicePeriods ?? [];
  const starts = all.filter((h) => h.handshakeType === 'START_SERVICE_PERIOD');
  const histories = new Map<string, PeriodHistory>();
  const at = (id: string) => histories.get(id) ?? histories.set(id, {}).get(id)!;
  for (const h of latestPerRelationship(starts)) at(h.relationshipId).latest = h;
  for (const h of latestPerRelationship(starts.filter((s) => s.status === 'ACCEPTED'))) at(h.relationshipId).accepted = h;
  for (const h of all) {
    if (h.handshakeType !== 'REVOKE_SERVICE_PERIOD') continue;
    const history = at(h.relationshipId);
    if (history.accepted && sentAfter(h, history.accepted) && (!history.revoke || sentAfter(h, history.revoke))) history.revoke = h;
  }
  return histories;
}

/** The accepted period still in force: accepted and not revoked (a revoke the customer accepted ends it). */
export function periodInForce(history: PeriodHistory | undefined): LiveServicePeriodHandshake | undefined {
  return history?.accepted && history.revoke?.status !== 'ACCEPTED' ? history.accepted : undefined;
}
