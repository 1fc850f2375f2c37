import type { ChannelApi } from '../../live/channel-api.js';
import { isManaged, liveAddressOf } from '../../live/live-state.js';
import { MANAGED_TAG } from '../../model/ownership-tags.js';
import type { RelationshipChange } from './relationship-change.js';
import { isApiError, MalformedChangeError } from '../../apply/change-context.js';
import { refOf, requireRevision } from './relationship-ref.js';
import { deleteClientToken } from './client-token.js';
import { StaleChangeError } from './apply-update.js';

export type Deleted = { alreadyGone: false; afterRetry?: boolean } | { alreadyGone: true };

/** Deleting something pcc does not own is never right, whatever the plan says. */
export class NotManagedError extends Error {
  constructor(what: 'deleted' | 'released' = 'deleted') {
    super(`no longer carries ${MANAGED_TAG}=true: pcc ${what === 'deleted' ? 'deletes' : 'releases'} only what it manages; not ${what}`);
  }
}

/**
 * Delete one relationship pcc manages, after checking, just before the call, that it is still the one the plan
 * saw (same revision) and still carries `pcc:managed`. Used by prune and by the first half of a replace.
 */
export async function deleteRelationship(api: ChannelApi, change: RelationshipChange): Promise<Deleted> {
  const revision = requireRevision(change);
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
  if (live.revision !== revision) {
    throw new StaleChangeError(`revision ${revision} in the plan, ${live.revision} now`);
  }
  const tags = await api.listTags(live.arn);
  // Only the exact value `true` marks ownership, as the planner reads it (live/live-state.ts isManaged).
  if (!isManaged({ tags })) throw new NotManagedError();
  try {
    await api.deleteRelationship({ ...ref, clientToken: deleteClientToken(change.address, live.id, revision) });
    return { alreadyGone: false };
  } catch (error) {
    // After a retry, "not found" means our first attempt deleted it and its answer was lost.
    if (isApiError(error, 'not-found') && error.attempts > 1) return { alreadyGone: false, afterRetry: true };
    throw error;
  }
}
