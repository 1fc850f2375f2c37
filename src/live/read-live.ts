import type { DesiredRelationship, DesiredScope } from '../desired/types.js';
import { pmaIdOf } from '../model/address.js';
import { ApiError } from './api-error.js';
import { missingMembers, type ChannelApi, type LiveRelationship } from './channel-api.js';
import { liveAddressOf, matchedByEntries, type LiveRelationshipState, type LiveState } from './live-state.js';
import { DETAIL_FIELDS } from '../model/relationship-fields.js';
import { cachedDetail, cachedDetailOf, cachedTags, scopeKey, type CacheEntries, type RefreshedRelationship } from './refresh-cache.js';
import { periodHandshakesOf, readServicePeriods, type ServicePeriodReads } from './read-service-periods.js';
import { runBounded } from './run-bounded.js';

/**
 * Progress of a refresh: `list` while pages are read (per PMA), then `read` for tag and detail reads;
 * `saved` counts the tag and detail reads the refresh cache made unnecessary.
 */
export interface ReadLiveProgress {
  stage: 'list' | 'read';
  done: number;
  total: number;
  saved: number;
}

/** What a refresh cost and learned, for the plan's figures and for updating the refresh cache. */
export interface RefreshReport {
  /** Tag and detail reads made (ListTagsForResource, GetRelationship); list pages not counted. */
  reads: number;
  /** Tag and detail reads the refresh cache made unnecessary. */
  readsSaved: number;
  /** Every listed relationship still there after the reads, with what was read of it. */
  refreshed: RefreshedRelationship[];
  /** `scopeKey(catalog, pma)` of every PMA listed completely. */
  scopes: string[];
}

export interface RefreshedLiveState extends LiveState {
  refresh: RefreshReport;
  /** Set when `servicePeriodsOptional` let a refused ListChannelHandshakes pass: no service period was read. */
  servicePeriodsDenied?: true;
}

export interface ReadLiveOptions {
  /** Reads in flight at once (the adapter rate-limits each operation on its own). Default 8. */
  concurrency?: number;
  onProgress?: (progress: ReadLiveProgress) => void;
  /** PMAs to list besides those the files name (`pcc import --pma`). */
  extraScopes?: readonly DesiredScope[];
  /** Earlier reads to reuse where the listed revision and updatedAt still match (refresh-cache.ts). */
  cache?: CacheEntries;
  /** The clock for the cache's read times, ms since the epoch. Default Date.now. */
  now?: () => number;
  /** Also read GetRelationship for these listed relationships (`pcc import`: each one it writes out). */
  detailsOf?: (live: LiveRelationship) => boolean;
  /** Read only the service-period handshakes of these, not what a plan reads (`pcc import`: the period in force it writes out). */
  servicePeriodsOf?: (live: LiveRelationship) => boolean;
  /**
   * Without permission to list handshakes (AccessDenied), go on without service periods and say so in
   * `servicePeriodsDenied`, instead of failing the read. For `pcc import`, which can write entries without them;
   * a plan must not (it would request periods again).
   */
  servicePeriodsOptional?: boolean;
}

/** What readLive needs of the desired state: the entries, and the PMAs the files name (DesiredState.scopes). */
interface DesiredScopes {
  relationships: readonly DesiredRelationship[];
  scopes?: readonly DesiredScope[];
}

type Job = { kind: 'tags'; index: number } | { kind: 'detail'; index: number };

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
function needsDetail(desired: readonly DesiredRelationship[], also: ReadLiveOptions['detailsOf']): (live: LiveRelationship) => boolean {
  const declaresDetail = matchedByEntries(desired, (entry) => DETAIL_FIELDS.some((name) => entry[name] !== undefined));
  return (live) => missingMembers(live).length > 0 || declaresDetail(live) || (also?.(live) ?? false);
}

/** The service periods readLive reads (see ReadLiveOptions), or none with `denied` where they may be refused. */
async function readPeriods(
  api: ChannelApi,
  desired: readonly DesiredRelationship[],
  live: readonly LiveRelationshipState[],
  options: ReadLiveOptions,
): Promise<ServicePeriodReads & { denied?: true }> {
  try {
    if (options.servicePeriodsOf) {
      return await periodHandshakesOf(api, live.filter(options.servicePeriodsOf));
    }
    return await readServicePeriods(api, desired, live);
  } catch (error) {
    if (options.servicePeriodsOptional && error instanceof ApiError && error.category === 'access-denied') {
      return { servicePeriods: [], handshakes: [], pendingHandshakes: [], denied: true };
    }
    throw error;
  }
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
 * Reads the live state the plan needs: every relationship in the PMAs the files name (per catalog, all pages),
 * the tags of each (to know `pcc:managed` and `pcc:support-plan`), and GetRelationship only where a matched
 * entry declares a field only it returns. With `cache`, tags and details it still holds are taken from it instead
 * (see refresh-cache.ts for when). Tag and detail reads run concurrently, `concurrency` at a time; the first
 * failure stops the refresh and is thrown as an ApiError.
 */
export async function readLive(api: ChannelApi, desired: DesiredScopes, options: ReadLiveOptions = {}): Promise<RefreshedLiveState> {
  const scopes = scopesOf(desired, options.extraScopes);
  const listed = sortByAddressThenId(await listScoped(api, scopes, options));
  const wantsDetail = needsDetail(desired.relationships, options.detailsOf);
  const cache = options.cache ?? new Map();
  const now = options.now ?? Date.now;

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
  listed.forEach((item, index) => {
    const state = states[index] as LiveRelationshipState;
    const record = refreshed[index] as RefreshedRelationship;
    const tags = cachedTags(cache, item);
    if (tags) {
      state.tags = tags;
      record.tags = 'reused';
      saved++;
    } else jobs.push({ kind: 'tags', index });
    if (!wantsDetail(item)) return;
    // The cache holds the unchanging detail fields only: members the list left out are read afresh every time.
    const detail = missingMembers(item).length === 0 ? cachedDetail(cache, item) : undefined;
    if (detail) {
      Object.assign(state, detail, { detailRead: true });
      saved++;
    } else jobs.push({ kind: 'detail', index }); // interleaved with the tag reads: both rate budgets used at once
  });

  let done = 0;
  options.onProgress?.({ stage: 'read', done, total: jobs.length, saved });
  await runBounded(jobs, options.concurrency ?? 8, async (job) => {
    const item = listed[job.index] as LiveRelationship;
    const record = refreshed[job.index] as RefreshedRelationship;
    try {
      if (job.kind === 'tags') {
        const readAt = now();
        const tags = await api.listTags(item.arn);
        const state = states[job.index];
        if (state) state.tags = tags;
        record.tags = { value: tags, readAt };
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
    options.onProgress?.({ stage: 'read', done: ++done, total: jobs.length, saved });
  });

  const present = (_: unknown, index: number) => states[index] !== undefined;
  const scopeKeys = [...scopes].flatMap(([catalog, pmas]) => [...pmas].map((pma) => scopeKey(catalog, pma)));
  const relationships = states.filter((s): s is LiveRelationshipState => s !== undefined);
  const { servicePeriods, handshakes, pendingHandshakes, sentHandshakes, denied } = await readPeriods(api, desired.relationships, relationships, options);
  return {
    relationships,
    ...(servicePeriods.length > 0 ? { servicePeriods } : {}),
    ...(handshakes.length > 0 ? { handshakes } : {}),
    ...(pendingHandshakes.length > 0 ? { pendingHandshakes } : {}),
    ...(sentHandshakes ? { sentHandshakes } : {}),
    refresh: { reads: done, readsSaved: saved, refreshed: refreshed.filter(present), scopes: scopeKeys },
    ...(denied ? { servicePeriodsDenied: denied } : {}),
  };
}
