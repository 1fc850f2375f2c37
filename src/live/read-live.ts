import { KINDS, type KindReads } from '../kinds/registry.js';
import type { ChannelApi } from './channel-api.js';
import type { DesiredScopes, ReadLiveOptions } from './kind-reader.js';

export type { ReadLiveOptions, ReadLiveProgress } from './kind-reader.js';

/** The live state as read, with what each kind's read reports (the refresh cache's figures, refused reads). */
export type RefreshedLiveState = KindReads;

/**
 * Reads the live state the plan needs: each kind's part, in registry order (a later kind reads with what the
 * earlier ones read: service periods are those of the listed relationships). The first failure stops the read and
 * is thrown as an ApiError.
 */
export async function readLive(api: ChannelApi, desired: DesiredScopes, options: ReadLiveOptions = {}): Promise<RefreshedLiveState> {
  const live: Partial<KindReads> = {};
  for (const kind of KINDS) Object.assign(live, await kind.reader.read({ api, desired, live, options }));
  return live as RefreshedLiveState;
}
