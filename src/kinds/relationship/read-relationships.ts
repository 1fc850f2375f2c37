import type { DesiredRelationship, DesiredScope } from '../../desired/types.js';
import { pmaIdOf } from '../../model/address.js';
import { DETAIL_FIELDS } from '../../model/relationship-fields.js';
import { ApiError } from '../../live/api-error.js';
import { missingMembers, type ChannelApi, type LiveRelationship } from '../../live/channel-api.js';
import type { DesiredScopes, ReadContext, ReadLiveOptions } from '../../live/kind-reader.js';
import { liveAddressOf, matchedByEntries, type LiveRelationshipState } from '../../live/live-state.js';
import {
  cachedDetail,
  cachedDetailOf,
  reusableTags,
  scopeKey,
  tagsToVerify,
  type CacheEntries,
  type RefreshedRelationship,
  type RefreshReport,
} from '../../live/refresh-cache.js';
import { runBounded } from '../../live/run-bounded.js';
import type { RelationshipLiveState } from './relationship-live-state.js';
import { isUnresolved, resolveDeclaredPmas } from '../../model/declared-pmas.js';

/** What the relationship read takes beside the engine's options (ReadLiveOptions). */
export interface RelationshipReadOptions {
  /** PMAs to list besides those the files name (`pcc import --pma`). */
  extraScopes?: readonly DesiredScope[];
  /** Earlier reads to reuse where the listed revision and updatedAt still match (refresh-cache.ts). */
  cache?: CacheEntries;
  /**
   * `--refresh rolling --verify-every N`: with `cache`, also read again the tags of the ⌈L/N⌉ reusable cached
   * entries read longest ago (L: the relationships listed; refresh-cache.ts tagsToVerify), so that every
   * relationship's tags are read at least every N runs. Absent: reusable tags are always reused.
   */
  verifyEvery?: number;
  /** The clock for the cache's read times, ms since the epoch. Default Date.now. */
  now?: () => number;
  /** Also read GetRelationship for these listed relationships (`pcc import`: each one it writes out). */
  detailsOf?: (live: LiveRelationship) => boolean;
}

/** What the relationship read gives: its part of the live state, and what the refresh cost and learned. */
export interface RelationshipRead extends RelationshipLiveState {
  refresh: RefreshReport;
}

/** One read of a listed relationship: its tags or its GetRelationship detail. */
type Job = { read: 'tags' | 'detail'; index: number };

/**
 * Sorted by address, then id. Each sort key is built once: built inside the comparator, 50,000 relationships
 * would make two strings per comparison, some 1.6 million, and the plan's peak memory with them.
 */
function sortByAddressThenId(items: LiveRelationship[]): LiveRelationship[] {
  const keyed = items.map((item) => ({ item, key: `${liveAddressOf(item)}\u0000${item.id}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ item }) => item);
}

/** Catalog → the bare PMA ids the files name in it (documents' defaults and entries) and any extra ones. */
function scopesOf(desired: DesiredScopes, extra: readonly DesiredScope[] = []): Map<string, Set<string>> {
  const scopes = new Map<string, Set<string>>();
  for (const entry of [...(desired.scopes ?? []), ...desired.relationships, ...extra]) {
    const pmas = scopes.get(entry.catalog) ?? new Set<string>();
    pmas.add(pmaIdOf(entry.pmaId));
    scopes.set(entry.catalog, pmas);
  }
  return scopes;
}

/**
 * Which live relationships need a GetRelationship: those the list answer left a compared member out of (every
 * member is optional in the model), and those a file entry matches (by address or `id` pin) whose entry
 * declares a field only GetRelationship returns (DETAIL_FIELDS: resaleAccountModel). An entry that omits
 * them does not manage them, so nothing is compared and no Get is spent.
 */
function needsDetail(desired: readonly DesiredRelationship[], also: RelationshipReadOptions['detailsOf']): (live: LiveRelationship) => boolean {
  const declaresDetail = matchedByEntries(desired, (entry) => DETAIL_FIELDS.some((name) => entry[name] !== undefined));
  return (live) => missingMembers(live).length > 0 || declaresDetail(live) || (also?.(live) ?? false);
}

async function listScoped(api: ChannelApi, scopes: Map<string, Set<string>>, options: ReadLiveOptions) {
  // One list per PMA: an answer that leaves out programManagementAccountId still names it by the request.
  const lists = [...scopes.keys()].sort().flatMap((catalog) => [...(scopes.get(catalog) ?? [])].sort().map((pma) => ({ catalog, pma })));
  let done = 0;
  options.onProgress?.({ stage: 'list', done, total: lists.length, saved: 0 });
  const pages = await runBounded(lists, options.concurrency ?? 8, async ({ catalog, pma }) => {
    const items = await api.listRelationships({ catalog, programManagementAccountIdentifiers: [pma] });
    options.onProgress?.({ stage: 'list', done: ++done, total: lists.length, saved: 0 });
    // Filter again on our side: the result must hold only the PMA asked for, whatever the server sent.
    return items.filter((item) => item.catalog === catalog && pmaIdOf(item.programManagementAccountId) === pma);
  });
  // A relationship seen twice (the list moved under the pager) is kept once.
  const byId = new Map<string, LiveRelationship>();
  for (const item of pages.flat()) byId.set(item.id, item);
  return [...byId.values()];
}

const NO_TAGS: Record<string, string> = Object.freeze({});

/** A relationship deleted between the list and a later read is simply gone, not a failure of the refresh. */
const isGone = (error: unknown) => error instanceof ApiError && error.category === 'not-found';

/**
 * Reads the relationships the plan needs: every relationship in the PMAs the files name (per catalog, all pages),
 * the tags of each (to know `pcc:managed` and `pcc:support-plan`), and GetRelationship only where a matched
 * entry declares a field only it returns. With `cache`, tags and details it still holds are taken from it instead
 * (see refresh-cache.ts for when). Tag and detail reads run concurrently, `concurrency` at a time; the first
 * failure stops the refresh and is thrown as an ApiError.
 */
export async function readRelationships({ api, desired: loaded, live, options }: ReadContext): Promise<RelationshipRead> {
  // Named PMAs are read under their live id; one not created yet has nothing to read.
  const resolved = resolveDeclaredPmas(loaded, live);
  const desired = { relationships: resolved.relationships.filter((entry) => !isUnresolved(entry)), scopes: resolved.scopes.filter((scope) => !isUnresolved(scope)) };
  const scopes = scopesOf(desired, options.extraScopes);
  const now = options.now ?? Date.now;
  const listedAt = now();
  const listed = sortByAddressThenId(await listScoped(api, scopes, options));
  const wantsDetail = needsDetail(desired.relationships, options.detailsOf);
  const cache = options.cache ?? new Map();

  // The listed objects become the states (the adapter made them for us): at 50,000 relationships a copy of
  // each is memory a plan cannot spare. Every state's tags are replaced (cached or read) before they are used.
  const states: (LiveRelationshipState | undefined)[] = listed.map((item) => {
    const state = item as LiveRelationshipState;
    state.tags = NO_TAGS;
    return state;
  });
  const refreshed: RefreshedRelationship[] = listed.map((item) => ({ listed: item }));
  const jobs: Job[] = [];
  let saved = 0;
  // Tags the cache dates after these lists started are never reused (reusableTags): read again, as misses.
  const reusable = listed.map((item) => reusableTags(cache, item, listedAt));
  const verify = new Set<number>();
  if (options.verifyEvery !== undefined) {
    const candidates = reusable.flatMap((tags, index) => (tags ? [index] : []));
    const chosen = tagsToVerify(
      candidates.map((index) => (reusable[index] as { readAt: number }).readAt),
      listed.length,
      options.verifyEvery,
    );
    for (const at of chosen) verify.add(candidates[at] as number);
  }
  let tagsReused = 0;
  let oldestTagsReadAt: number | undefined;
  listed.forEach((item, index) => {
    const state = states[index] as LiveRelationshipState;
    const record = refreshed[index] as RefreshedRelationship;
    const tags = verify.has(index) ? undefined : reusable[index];
    if (tags) {
      state.tags = tags.tags;
      record.tags = 'reused';
      saved++;
      tagsReused++;
      if (oldestTagsReadAt === undefined || tags.readAt < oldestTagsReadAt) oldestTagsReadAt = tags.readAt;
    } else jobs.push({ read: 'tags', index });
    if (!wantsDetail(item)) return;
    // The cache holds the unchanging detail fields only: members the list left out are read afresh every time.
    const detail = missingMembers(item).length === 0 ? cachedDetail(cache, item) : undefined;
    if (detail) {
      Object.assign(state, detail, { detailRead: true });
      saved++;
    } else jobs.push({ read: 'detail', index }); // interleaved with the tag reads: both rate budgets used at once
  });

  let done = 0;
  let tagsReadNow = 0;
  options.onProgress?.({ stage: 'read', done, total: jobs.length, saved });
  await runBounded(jobs, options.concurrency ?? 8, async (job) => {
    const item = listed[job.index] as LiveRelationship;
    const record = refreshed[job.index] as RefreshedRelationship;
    try {
      if (job.read === 'tags') {
        const readAt = now();
        const tags = await api.listTags(item.arn);
        const state = states[job.index];
        if (state) state.tags = tags;
        record.tags = { value: tags, readAt };
        tagsReadNow++;
      } else {
        const detail = await api.getRelationship({
          catalog: item.catalog,
          programManagementAccountIdentifier: item.programManagementAccountId,
          identifier: item.id,
        });
        const state = states[job.index];
        // The detail is at least as fresh as the list entry (its revision too); the tags stay ours. Members the
        // detail lacks too stay as listed, or unknown.
        if (state) states[job.index] = { ...state, ...detail, tags: state.tags, detailRead: true };
        // `listed` (what the cache records) keeps the revision and updatedAt the list gave.
        // Only a present value is worth keeping: an absent optional member is not proof of "none".
        if (detail.id === item.id) Object.assign(record, cachedDetailOf(detail));
      }
    } catch (error) {
      if (!isGone(error)) throw error;
      states[job.index] = undefined;
    }
    // Counted apart from the report: `?.` skips its arguments, and `refresh.reads` must not depend on a listener.
    done++;
    options.onProgress?.({ stage: 'read', done, total: jobs.length, saved });
  });

  const present = (_: unknown, index: number) => states[index] !== undefined;
  const scopeKeys = [...scopes].flatMap(([catalog, pmas]) => [...pmas].map((pma) => scopeKey(catalog, pma)));
  const relationships = states.filter((s): s is LiveRelationshipState => s !== undefined);
  const freshness = {
    listedAt,
    tagsReadNow,
    tagsReused,
    ...(oldestTagsReadAt !== undefined ? { oldestTagsReadAt } : {}),
    ...(options.verifyEvery !== undefined ? { verifyEvery: options.verifyEvery } : {}),
  };
  return { relationships, refresh: { reads: done, readsSaved: saved, refreshed: refreshed.filter(present), scopes: scopeKeys, freshness } };
}
