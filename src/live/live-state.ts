import { addressOf } from '../model/address.js';
import { MANAGED_TAG, MANAGED_TAG_VALUE } from '../model/ownership-tags.js';
import type { DesiredRelationship } from '../desired/types.js';
import type { KindLiveStates } from '../kinds/registry.js';
import type { LiveRelationship } from './channel-api.js';
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
 * The live state the planner diffs against: each kind's part (KindLiveStates, declared in its folder), e.g. every
 * relationship in the catalogs and PMAs the files name. `readLive` produces it; golden-file fixtures spell it out
 * as `live.json`.
 */
export type LiveState = KindLiveStates;

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
