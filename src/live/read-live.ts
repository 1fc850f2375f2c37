import type { DesiredRelationship, DesiredScope } from '../desired/types.js';
import { pmaIdOf } from '../model/address.js';
import { ApiError } from './api-error.js';
import { missingMembers, type ChannelApi, type LiveRelationship } from './channel-api.js';
import { liveAddressOf, type LiveRelationshipState, type LiveState } from './live-state.js';
import { runBounded } from './run-bounded.js';

/** Progress of a refresh: `list` while pages are read (per PMA), then `read` for tag and detail reads. */
export interface ReadLiveProgress {
  stage: 'list' | 'read';
  done: number;
  total: number;
}

export interface ReadLiveOptions {
  /** Reads in flight at once (the adapter rate-limits each operation on its own). Default 8. */
  concurrency?: number;
  onProgress?: (progress: ReadLiveProgress) => void;
  /** PMAs to list besides those the files name (`pcc import --pma`). */
  extraScopes?: readonly DesiredScope[];
}

/** What readLive needs of the desired state: the entries, and the PMAs the files name (DesiredState.scopes). */
interface DesiredScopes {
  relationships: readonly DesiredRelationship[];
  scopes?: readonly DesiredScope[];
}

type Job = { kind: 'tags'; index: number } | { kind: 'detail'; index: number };

const byAddressThenId = (a: LiveRelationship, b: LiveRelationship) => {
  const ka = `${liveAddressOf(a)}\u0000${a.id}`;
  const kb = `${liveAddressOf(b)}\u0000${b.id}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

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
 * declares `resaleAccountModel`, the one compared field ListRelationships never returns. An entry that omits
 * it does not manage it, so nothing is compared and no Get is spent.
 */
function needsDetail(desired: readonly DesiredRelationship[]): (live: LiveRelationship) => boolean {
  const addresses = new Set<string>();
  const ids = new Set<string>();
  for (const entry of desired) {
    if (entry.resaleAccountModel === undefined) continue;
    addresses.add(entry.address);
    if (entry.id !== undefined) ids.add(entry.id);
  }
  return (live) => missingMembers(live).length > 0 || ids.has(live.id) || addresses.has(liveAddressOf(live));
}

async function listScoped(api: ChannelApi, scopes: Map<string, Set<string>>, options: ReadLiveOptions) {
  // One list per PMA: an answer that leaves out programManagementAccountId still names it by the request.
  const lists = [...scopes.keys()].sort().flatMap((catalog) => [...(scopes.get(catalog) ?? [])].sort().map((pma) => ({ catalog, pma })));
  let done = 0;
  options.onProgress?.({ stage: 'list', done, total: lists.length });
  const pages = await runBounded(lists, options.concurrency ?? 8, async ({ catalog, pma }) => {
    const items = await api.listRelationships({ catalog, programManagementAccountIdentifiers: [pma] });
    options.onProgress?.({ stage: 'list', done: ++done, total: lists.length });
    // Filter again on our side: the result must hold only the PMA asked for, whatever the server sent.
    return items.filter((item) => item.catalog === catalog && pmaIdOf(item.programManagementAccountId) === pma);
  });
  // A relationship seen twice (the list moved under the pager) is kept once.
  const byId = new Map<string, LiveRelationship>();
  for (const item of pages.flat()) byId.set(item.id, item);
  return [...byId.values()];
}

/** A relationship deleted between the list and a later read is simply gone, not a failure of the refresh. */
const isGone = (error: unknown) => error instanceof ApiError && error.kind === 'not-found';

/**
 * Reads the live state the plan needs: every relationship in the PMAs the files name (per catalog, all pages),
 * the tags of each (to know `pcc:managed` and `pcc:support-plan`), and GetRelationship only where a matched
 * entry declares `resaleAccountModel`. Tag and detail reads run concurrently, `concurrency` at a time; the
 * first failure stops the refresh and is thrown as an ApiError.
 */
export async function readLive(
  api: ChannelApi,
  desired: DesiredScopes,
  options: ReadLiveOptions = {},
): Promise<LiveState> {
  const scopes = scopesOf(desired, options.extraScopes);
  const listed = (await listScoped(api, scopes, options)).sort(byAddressThenId);
  const wantsDetail = needsDetail(desired.relationships);

  const states: (LiveRelationshipState | undefined)[] = listed.map((item) => ({ ...item, tags: {} }));
  const jobs: Job[] = [];
  listed.forEach((item, index) => {
    jobs.push({ kind: 'tags', index });
    // Interleaved with the tag reads so both operations' rate budgets are used at once.
    if (wantsDetail(item)) jobs.push({ kind: 'detail', index });
  });

  let done = 0;
  options.onProgress?.({ stage: 'read', done, total: jobs.length });
  await runBounded(jobs, options.concurrency ?? 8, async (job) => {
    const item = listed[job.index] as LiveRelationship;
    try {
      if (job.kind === 'tags') {
        const tags = await api.listTags(item.arn);
        const state = states[job.index];
        if (state) state.tags = tags;
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
      }
    } catch (error) {
      if (!isGone(error)) throw error;
      states[job.index] = undefined;
    }
    options.onProgress?.({ stage: 'read', done: ++done, total: jobs.length });
  });

  return { relationships: states.filter((s): s is LiveRelationshipState => s !== undefined) };
}
