import type { ChannelApi } from '../live/channel-api.js';
import { isDeletable, liveAddressOf } from '../live/live-state.js';
import { MANAGED_TAG } from '../model/ownership-tags.js';
import type { PlannedChange } from '../plan/plan-types.js';
import { isApiError, MalformedChangeError, refOf } from './change-context.js';
import { deleteClientToken } from './client-token.js';
import { StaleChangeError } from './apply-update.js';

export type Deleted = { alreadyGone: false; afterRetry?: boolean } | { alreadyGone: true };

/** Deleting something pcc does not own is never right, whatever the plan says. */
export class NotManagedError extends Error {
  constructor() {
    super(`no longer carries the ${MANAGED_TAG} tag with the value true: pcc deletes only what it manages; not deleted`);
  }
}

/**
 * Delete one relationship pcc manages, after checking, just before the call, that it is still the one the plan
 * saw (same revision) and still carries `pcc:managed`. Used by prune and by the first half of a replace.
 */
export async function deleteRelationship(api: ChannelApi, change: PlannedChange): Promise<Deleted> {
  if (change.revision === undefined) throw new MalformedChangeError('the plan gives no revision for the delete');
  const ref = refOf(change);
  let live;
  try {
    live = await api.getRelationship(ref);
  } catch (error) {
    if (isApiError(error, 'not-found')) return { alreadyGone: true };
    throw error;
  }
  if (liveAddressOf(live) !== change.address) {
    throw new MalformedChangeError(`${live.id} is at ${liveAddressOf(live)}, not ${change.address}`);
  }
  if (live.revision !== change.revision) {
    throw new StaleChangeError(`revision ${change.revision} in the plan, ${live.revision} now`);
  }
  const tags = await api.listTags(live.arn);
  // Only the exact value true allows a delete: the planner reads it the same way (live-state.ts isDeletable).
  if (!isDeletable(tags)) throw new NotManagedError();
  try {
    await api.deleteRelationship({ ...ref, clientToken: deleteClientToken(change.address, live.id, change.revision) });
    return { alreadyGone: false };
  } catch (error) {
    // After a retry, "not found" means our first attempt deleted it and its answer was lost.
    if (isApiError(error, 'not-found') && error.attempts > 1) return { alreadyGone: false, afterRetry: true };
    throw error;
  }
}
