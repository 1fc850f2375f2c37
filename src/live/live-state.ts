import { addressOf } from '../model/address.js';
import { MANAGED_TAG, MANAGED_TAG_VALUE } from '../model/ownership-tags.js';
import type { DesiredRelationship } from '../desired/types.js';
import type { LiveRelationship, LiveServicePeriodHandshake, ServicePeriodHandshakeType } from './channel-api.js';
import { ownValue } from '../model/string-keyed.js';

/**
 * One live relationship as the planner sees it: the ListRelationships fields, its tags (user and `pcc:`), and,
 * where the plan needed it, the GetRelationship detail.
 */
export interface LiveRelationshipState extends LiveRelationship {
  /** Every tag ListTagsForResource returned, `pcc:` tags included. */
  tags: Record<string, string>;
  /**
   * GetRelationship was called, so `resaleAccountModel` is authoritative: absent then means the relationship has
   * none. Without it, an absent `resaleAccountModel` means "not read" (ListRelationships never returns it).
   */
  detailRead?: boolean;
}

/**
 * The live state the planner diffs against: every relationship in the catalogs and PMAs the files name.
 * `readLive` produces it; golden-file fixtures spell it out as `live.json`.
 */
export interface LiveState {
  relationships: LiveRelationshipState[];
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

/** The address of a live relationship, in the same form as a desired entry's (see model/address.ts). */
export function liveAddressOf(live: Pick<LiveRelationship, 'catalog' | 'programManagementAccountId' | 'associatedAccountId'>): string {
  return addressOf(live.catalog, live.programManagementAccountId, live.associatedAccountId);
}

/**
 * pcc owns it: `pcc:managed` is exactly `true`, as the shipped IAM prune policy requires. Any other value is
 * someone's mark pcc does not understand: reported (see `managedTagOf`), never deleted.
 */
export function isManaged(live: Pick<LiveRelationshipState, 'tags'>): boolean {
  return ownValue(live.tags, MANAGED_TAG) === MANAGED_TAG_VALUE;
}

/** The value of a `pcc:managed` tag that does not mark ownership (not `true`), or undefined. */
export function managedTagOf(live: Pick<LiveRelationshipState, 'tags'>): string | undefined {
  return Object.hasOwn(live.tags, MANAGED_TAG) && !isManaged(live) ? ownValue(live.tags, MANAGED_TAG) : undefined;
}

/**
 * A test for the live relationships that a file entry chosen by `chosen` matches, by address or by its `id` pin:
 * those whose reads depend on what the entry declares (a Get for resaleAccountModel, handshakes for servicePeriod).
 */
export function matchedByEntries(desired: readonly DesiredRelationship[], chosen: (entry: DesiredRelationship) => boolean): (live: LiveRelationship) => boolean {
  const addresses = new Set<string>();
  const ids = new Set<string>();
  for (const entry of desired) {
    if (!chosen(entry)) continue;
    addresses.add(entry.address);
    if (entry.id !== undefined) ids.add(entry.id);
  }
  return (live) => ids.has(live.id) || addresses.has(liveAddressOf(live));
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
