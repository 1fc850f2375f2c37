import { entryAfterRefresh, mergeEntry, scopeKey, type CacheEntries, type CacheEntry, type RefreshReport } from './refresh-cache.js';
import { fileStamp, loadRefreshCache, refreshCacheFile, saveRefreshCache, type CacheTarget } from './refresh-cache-file.js';

/** A relationship pcc wrote to (or tried to): its cached tags are void from now on. */
export interface TouchedRelationship {
  id: string;
  catalog: string;
  pmaId: string;
  arn?: string;
}

/**
 * One command's view of the refresh cache file. Every save re-reads the file first and merges (mergeEntry), so
 * two pcc processes sharing a cache never lose each other's invalidations. Failures to save are the caller's to
 * report as warnings: the cache is never state.
 */
export interface RefreshCacheStore {
  readonly path: string;
  /** The entries as loaded (empty when the file was missing or ignored, and after saveRefresh). */
  readonly entries: CacheEntries;
  /** Why the file was ignored, when it was. */
  readonly warning?: string;
  /**
   * Records what a refresh read; drops entries of listed PMAs that the list no longer holds. Then lets go of
   * the loaded entries (tens of MB at 50,000 relationships), so the plan that follows has that memory.
   */
  saveRefresh(report: RefreshReport): Promise<void>;
  /** Voids the cached tags of relationships pcc wrote to, as of `at` (ms since the epoch). */
  invalidate(touched: readonly TouchedRelationship[], at: number): Promise<void>;
}

export async function openRefreshCache(dir: string, target: CacheTarget): Promise<RefreshCacheStore> {
  const path = refreshCacheFile(dir, target);
  let loaded = await loadRefreshCache(path, target);
  // What is on disk now: re-read (another pcc may have written since), unless it is still the file loaded.
  const onDisk = async (): Promise<CacheEntries> => {
    const unchanged = loaded.stamp !== undefined && (await fileStamp(path)) === loaded.stamp;
    return new Map(unchanged ? loaded.entries : (await loadRefreshCache(path, target)).entries);
  };
  const put = (entries: CacheEntries, entry: CacheEntry) => {
    const other = entries.get(entry.id);
    entries.set(entry.id, other ? mergeEntry(other, entry) : entry);
  };
  return {
    path,
    get entries() {
      return loaded.entries;
    },
    ...(loaded.warning ? { warning: loaded.warning } : {}),
    async saveRefresh(report) {
      const before = loaded.entries;
      const disk = learnedNothing(before, report) ? undefined : await onDisk();
      // Released either way; a later invalidate() reads the file again.
      loaded = { entries: new Map() };
      if (!disk) return;
      const listed = new Set(report.scopes);
      const next: CacheEntries = new Map([...disk].filter(([, entry]) => !listed.has(scopeKey(entry.catalog, entry.pmaId))));
      for (const refreshed of report.refreshed) {
        const entry = entryAfterRefresh(before, refreshed);
        if (!entry) continue;
        const other = disk.get(entry.id);
        next.set(entry.id, other ? mergeEntry(other, entry) : entry);
      }
      await saveRefreshCache(path, target, next);
    },
    async invalidate(touched, at) {
      if (touched.length === 0) return;
      const disk = await onDisk();
      for (const { id, catalog, pmaId, arn } of touched) put(disk, { id, arn: arn ?? '', catalog, pmaId, invalidatedAt: at });
      await saveRefreshCache(path, target, disk);
    },
  };
}

/**
 * A refresh that read nothing and found every cached relationship of its PMAs still listed adds nothing to the
 * file (a warm plan of 50,000 unchanged relationships): not writing it saves the time and memory of a rewrite.
 */
function learnedNothing(entries: CacheEntries, report: RefreshReport): boolean {
  if (report.reads > 0) return false;
  const listed = new Set(report.scopes);
  let cachedInScope = 0;
  for (const entry of entries.values()) if (listed.has(scopeKey(entry.catalog, entry.pmaId))) cachedInScope++;
  return cachedInScope === report.refreshed.length && report.refreshed.every((r) => entries.has(r.listed.id));
}
