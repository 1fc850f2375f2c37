import type { LiveServicePeriodHandshake, ServicePeriodHandshakeType } from '../../live/channel-api.js';

/**
 * The service periods' part of the live state (LiveState, src/live/live-state.ts). Every member is absent when
 * nothing was read; golden-file fixtures spell it out in `live.json`.
 */
export interface ServicePeriodLiveState {
  /** The latest service-period handshake of each relationship whose entry declares one (absent: none read). */
  servicePeriods?: LiveServicePeriodHandshake[];
  /**
   * Every service-period handshake read (START_ and REVOKE_SERVICE_PERIOD, any status) about the relationships
   * whose entry declares a period or whose accepted period an entry no longer declares (absent: none read).
   */
  handshakes?: LiveServicePeriodHandshake[];
  /** PENDING handshakes this account has sent in all, per catalog and type (absent: not read). */
  pendingHandshakes?: PendingHandshakeCount[];
  /**
   * Every service-period handshake this account sent in the catalogs where the plan may send one, about any
   * relationship (files name it or not, any PMA): what the per-day quota counts (absent: not read).
   */
  sentHandshakes?: SentHandshake[];
}

/** A handshake this account sent, as the per-day quota counts it. */
export interface SentHandshake extends LiveServicePeriodHandshake {
  catalog: string;
}

/** How many handshakes of one type this account has PENDING in a catalog (the service's "active" handshakes). */
export interface PendingHandshakeCount {
  catalog: string;
  handshakeType: ServicePeriodHandshakeType;
  pending: number;
}

/** Later first: by createdAt, then updatedAt, then id (an answer may lack the times). */
function isLater(a: LiveServicePeriodHandshake, b: LiveServicePeriodHandshake): boolean {
  const key = (h: LiveServicePeriodHandshake) => `${h.createdAt ?? ''}\u0000${h.updatedAt ?? ''}\u0000${h.id}`;
  return key(a) > key(b);
}

/** The latest of these handshakes per relationship, sorted by relationship id. */
export function latestPerRelationship(handshakes: readonly LiveServicePeriodHandshake[]): LiveServicePeriodHandshake[] {
  const latest = new Map<string, LiveServicePeriodHandshake>();
  for (const handshake of handshakes) {
    const seen = latest.get(handshake.relationshipId);
    if (!seen || isLater(handshake, seen)) latest.set(handshake.relationshipId, handshake);
  }
  return [...latest.values()].sort((a, b) => (a.relationshipId < b.relationshipId ? -1 : 1));
}
