import { loadDesired } from '../desired/load-desired.js';
import { checkPruneRoot } from '../desired/set-root.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { ApiError } from '../live/api-error.js';
import type { ChannelApi } from '../live/channel-api.js';
import { describeApiError } from '../live/describe-api-error.js';
import { readLive, type RefreshedLiveState } from '../live/read-live.js';
import type { RefreshCacheStore } from '../live/refresh-cache-store.js';
import { buildPlan } from '../plan/build-plan.js';
import { recordedOptions, type PlanShapingValues } from '../plan/plan-options.js';
import type { Plan, PlanFreshness } from '../plan/plan-types.js';
import type { CacheEntries, CacheEntry, RefreshFreshness } from '../live/refresh-cache.js';
import { channelApiFromOptions } from './channel-api-from-options.js';
import type { CommandContext } from './context.js';
import type { GlobalOptions } from './global-options.js';
import { reportInvalidFiles, reportPlanErrors } from './plan-report.js';
import { createProgressReporter } from './progress-bar.js';
import { DEFAULT_VERIFY_EVERY, openCommandCache, writeCache, type CacheOptions, type PlanRefreshMode } from './refresh-cache-options.js';
import { explainUnknownPmas } from './unknown-pmas.js';
import { blockedFieldPositions } from './blocked-field-positions.js';

/** The plan-shaping options (src/plan/plan-options.ts) are planned with and recorded in the plan. */
export interface PlanFromFilesOptions extends GlobalOptions, CacheOptions, PlanShapingValues {
  /**
   * `full` reads everything and still updates the refresh cache; `cached` reuses what it may; `rolling` reuses
   * it too but reads again the tags read longest ago (⌈listed/verifyEvery⌉ of them: refresh-cache.ts tagsToVerify).
   */
  refresh: PlanRefreshMode;
  /** With `refresh: 'rolling'`: every relationship's tags are read at least every this many runs. Default 10. */
  verifyEvery?: number;
  /**
   * The API to read through. Default: an SDK client from the global options, destroyed when planning ends.
   * A caller that goes on to apply passes its own, so both share one set of rate limits.
   */
  api?: ChannelApi;
  /**
   * With `refresh: cached`: given the plan built from the cache, whether some of it must be read again (pcc apply).
   * Then the live state is read again, without the cache's tags and details of the relationships `only` names (all
   * of them without `only`), and the plan built anew; `why` is said on stderr.
   */
  rereadNeeded?: (plan: Plan) => Reread | undefined;
  /**
   * With `refresh: cached`: relationships whose cached tags and details even the first read must not use (pcc apply:
   * what a saved or reviewed plan replaces or deletes), and those whose cached tags it must not use (what it writes
   * otherwise). So what a seen plan writes is planned from tags read now, as a full refresh reads them.
   */
  uncached?: ReadonlySet<string>;
  tagsUncached?: ReadonlySet<string>;
}

/** What must be read again, and why (for stderr). */
export interface Reread {
  why: string;
  /** Relationship ids whose cached tags and details are not to be used; absent: none are. */
  only?: ReadonlySet<string>;
}

export interface PlanFromFilesResult {
  /** Absent when the files are invalid or the live state could not be read. */
  plan?: Plan;
  /** 1 on invalid files, a failed read, or a plan that is not `applyable`; else 0. Never 2. */
  exitCode: number;
  /** The refresh cache, already updated with what this refresh read (apply invalidates what it writes). */
  cache?: RefreshCacheStore;
  /** The relationships whose tags the plan's read read now (not reused from the refresh cache): every one under `full`. */
  tagsReadNow?: ReadonlySet<string>;
}

/**
 * Load and validate the files, read the live state, build the plan: everything `pcc plan` does before it
 * renders, and what `pcc apply` without a plan file runs first. Problems go to the run's reporter here;
 * stdout is left to the caller. Invalid files stop before any API call.
 */
export async function planFromFiles(ctx: CommandContext, options: PlanFromFilesOptions): Promise<PlanFromFilesResult> {
  const loaded = await loadDesired({ dir: options.dir, cwd: ctx.cwd });
  // --prune deletes what no file declares: only the whole set (its root's folder) may decide that.
  const diagnostics = [...loaded.diagnostics, ...(options.prune ? await checkPruneRoot(options.dir, ctx.cwd) : [])];
  ctx.reporter.problems(diagnostics);
  if (hasErrors(diagnostics)) {
    reportInvalidFiles(ctx, diagnostics);
    return { exitCode: 1 };
  }

  const ownApi = options.api === undefined ? await channelApiFromOptions(options, ctx) : undefined;
  const api = options.api ?? (ownApi as ChannelApi);
  try {
    let refresh = options.refresh;
    let uncached: Set<string> | undefined = options.uncached ? new Set(options.uncached) : undefined;
    let built = await readAndBuild(ctx, api, loaded.desired, options, refresh, uncached);
    // At most twice: the relationships a plan differs on, then (should those bring a delete) everything.
    for (let round = 0; round < 2 && built.plan && refresh === 'cached' && (built.plan.summary.readsSaved ?? 0) > 0; round++) {
      const reread = options.rereadNeeded?.(built.plan);
      if (reread === undefined || (reread.only && uncached && [...reread.only].every((id) => uncached?.has(id)))) break;
      if (reread.only) uncached = new Set([...(uncached ?? []), ...reread.only]);
      else refresh = 'full';
      ctx.sink.err(`pcc: ${reread.why}: ${reread.only ? 'reading their tags and details again' : 'reading every tag and detail again (as --refresh full)'}\n`);
      built = await readAndBuild(ctx, api, loaded.desired, options, refresh, uncached);
    }
    if (!built.plan) return { exitCode: 1 };
    const { plan, cache, tagsReadNow } = built;
    reportPlanErrors(ctx, plan, plan.applyable ? undefined : await blockedFieldPositions(plan, loaded.desired, ctx.cwd));
    return { plan, exitCode: plan.applyable ? 0 : 1, ...(cache ? { cache } : {}), ...(tagsReadNow ? { tagsReadNow } : {}) };
  } finally {
    ownApi?.destroy();
  }
}

/** Reads the live state (`refresh` says how) and builds the plan; no plan when the read failed (reported here). */
async function readAndBuild(
  ctx: CommandContext,
  api: ChannelApi,
  desired: Awaited<ReturnType<typeof loadDesired>>['desired'],
  options: PlanFromFilesOptions,
  refresh: PlanRefreshMode,
  uncached?: ReadonlySet<string>,
): Promise<{ plan?: Plan; cache?: RefreshCacheStore; tagsReadNow?: ReadonlySet<string> }> {
  const progress = createProgressReporter(ctx.sink);
  let live: RefreshedLiveState;
  let cache: RefreshCacheStore | undefined;
  // Reads change nothing: an interrupt may end the process at once, once the bar has given the terminal back.
  const release = ctx.onInterrupt(() => {
    progress.stop();
    ctx.sink.err('pcc: interrupted while reading the live state; nothing was changed (a plan only reads)\n');
    return 'exit';
  });
  try {
    cache = await openCommandCache(ctx, options);
    live = await readLive(api, desired, {
      concurrency: options.parallelism,
      ...(cache && refresh !== 'full' ? { cache: withoutEntries(cache.entries, uncached, options.tagsUncached) } : {}),
      ...(refresh === 'rolling' ? { verifyEvery: options.verifyEvery ?? DEFAULT_VERIFY_EVERY } : {}),
      onProgress: ({ stage, done, total, saved }) => progress.update(stage === 'list' ? 'Listing relationships' : 'Reading tags and details', done, total, saved),
    });
  } catch (error) {
    progress.stop();
    if (!(error instanceof ApiError)) throw error;
    // A 404 names no PMA; where pcc can tell which, the entries naming it are annotated instead.
    const unknownPmas = await explainUnknownPmas(api, desired, error);
    if (unknownPmas) ctx.reporter.problems(unknownPmas);
    // Marked (an annotation in Actions) unless the unknown PMAs above are: the likeliest first failure (a role
    // without a permission) should not hide in a CI log.
    const problem = { code: 'live-read-failed', severity: 'error' as const, message: `cannot read the live state: ${describeApiError(error)}` };
    ctx.reporter.stopped('pcc', problem, { mark: !unknownPmas });
    return {};
  } finally {
    release();
    progress.stop();
  }

  const { refresh: report } = live;
  if (cache) await writeCache(ctx, cache, (store) => store.saveRefresh(report));
  const built = buildPlan(desired, live, { ...recordedOptions(options), dir: options.dir, now: Date.now() });
  const freshness = report.freshness ? { freshness: freshnessOf(report.freshness) } : {};
  const plan = { ...built, summary: { ...built.summary, reads: report.reads, readsSaved: report.readsSaved, ...freshness } };
  const tagsReadNow = new Set(report.refreshed.flatMap(({ listed, tags }) => (tags !== undefined && tags !== 'reused' ? [listed.id] : [])));
  return { plan, tagsReadNow, ...(cache ? { cache } : {}) };
}

/** The cache's entries but those of `ids`, and without the tags of `tagIds` (their details kept). */
function withoutEntries(entries: CacheEntries, ids: ReadonlySet<string> | undefined, tagIds: ReadonlySet<string> | undefined): CacheEntries {
  if (!ids?.size && !tagIds?.size) return entries;
  return new Map(
    [...entries].flatMap(([id, entry]): Array<[string, CacheEntry]> => {
      if (ids?.has(id)) return [];
      if (!tagIds?.has(id)) return [[id, entry]];
      const { tags: _tags, tagsReadAt: _readAt, ...rest } = entry;
      return [[id, rest]];
    }),
  );
}

/** The refresh's freshness in the plan's terms (ISO times). */
function freshnessOf(freshness: RefreshFreshness): PlanFreshness {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    listedAt: iso(freshness.listedAt),
    tagsReadNow: freshness.tagsReadNow,
    tagsReused: freshness.tagsReused,
    ...(freshness.oldestTagsReadAt !== undefined ? { oldestTagsReadAt: iso(freshness.oldestTagsReadAt) } : {}),
    ...(freshness.verifyEvery !== undefined ? { verifyEvery: freshness.verifyEvery } : {}),
  };
}
