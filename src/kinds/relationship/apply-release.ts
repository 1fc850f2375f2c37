import type { ChannelApi } from '../../live/channel-api.js';
import { isManaged, liveAddressOf } from '../../live/live-state.js';
import { RESERVED_TAG_PREFIX } from '../../model/ownership-tags.js';
import type { RelationshipChange } from './relationship-change.js';
import { isApiError, MalformedChangeError } from '../../apply/change-context.js';
import { refOf } from './relationship-ref.js';
import { NotManagedError } from './apply-delete.js';
import { readAllowingLag, READ_LAG_DELAYS_MS } from '../../apply/read-lag.js';
import { moveRevision } from './move-revision.js';

export type Released = { alreadyGone: true } | { alreadyReleased: true } | { removed: string[] };

const reservedKeys = (tags: Readonly<Record<string, string>>) =>
  Object.keys(tags)
    .filter((key) => key.startsWith(RESERVED_TAG_PREFIX))
    .sort();

/**
 * Release one relationship: remove its `pcc:` tags (UntagResource) and nothing else. Just before, it must still be
 * the relationship at the change's address and still carry `pcc:managed=true` (only pcc's own are released); the
 * keys removed are the `pcc:` tags it carries now. Done only when a read-back shows none left: a tag write that
 * did not land is never reported as a release. The revision is moved before and after the UntagResource
 * (move-revision.ts), as around every tag write pcc makes: otherwise every other runner's refresh cache would keep
 * `pcc:managed=true` for it (its revision listed unchanged) and plan it as still managed.
 */
export async function releaseRelationship(api: ChannelApi, change: RelationshipChange, lag: readonly number[] = READ_LAG_DELAYS_MS): Promise<Released> {
  let live;
  try {
    live = await api.getRelationship(refOf(change));
  } catch (error) {
    if (isApiError(error, 'not-found')) return { alreadyGone: true };
    throw error;
  }
  if (liveAddressOf(live) !== change.address) throw new MalformedChangeError(`${live.id} is at ${liveAddressOf(live)}, not ${change.address}`);
  const tags = await api.listTags(live.arn);
  const keys = reservedKeys(tags);
  if (keys.length === 0) return { alreadyReleased: true };
  if (!isManaged({ tags })) throw new NotManagedError('released');
  const ref = refOf(change);
  await moveRevision(api, ref, 'before');
  await api.untagResource(live.arn, keys);
  // Tag writes move no revision: only a read of the tags shows whether they went. Reads may lag the write.
  const left = await readAllowingLag(async () => {
    const now = reservedKeys(await api.listTags(live.arn));
    return now.length === 0 ? now : undefined;
  }, lag);
  if (left === undefined) {
    const still = reservedKeys(await api.listTags(live.arn));
    throw new Error(`UntagResource answered, but ${still.join(', ')} ${still.length === 1 ? 'is' : 'are'} still there; apply again`);
  }
  await moveRevision(api, ref);
  return { removed: keys };
}
