import { addressOf } from '../model/address.js';
import { MANAGED_TAG, MANAGED_TAG_VALUE } from '../model/ownership-tags.js';
import type { LiveRelationship } from './channel-api.js';

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
}

/** The address of a live relationship, in the same form as a desired entry's (see model/address.ts). */
export function liveAddressOf(live: Pick<LiveRelationship, 'catalog' | 'programManagementAccountId' | 'associatedAccountId'>): string {
  return addressOf(live.catalog, live.programManagementAccountId, live.associatedAccountId);
}

/** pcc owns it: it carries `pcc:managed` (whatever the value; the key is the mark). */
export function isManaged(live: Pick<LiveRelationshipState, 'tags'>): boolean {
  return Object.hasOwn(live.tags, MANAGED_TAG);
}

/**
 * pcc may delete it (prune, or the delete half of a replace): `pcc:managed` is exactly `true` (SPEC "Ownership
 * and state"). Any other value (`false`, say: someone telling pcc to keep off) is reported, never deleted.
 */
export function isDeletable(tags: Readonly<Record<string, string>>): boolean {
  return Object.hasOwn(tags, MANAGED_TAG) && tags[MANAGED_TAG] === MANAGED_TAG_VALUE;
}
