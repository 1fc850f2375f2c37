import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHED_DETAIL_FIELDS } from '../model/relationship-fields.js';
import type { CacheEntries, CacheEntry } from './refresh-cache.js';

/**
 * The refresh cache on disk: one JSON file per API endpoint and signing region, in the user's cache folder
 * (refreshCacheDir). The file is a convenience, never state: a missing one is empty, and a corrupt one, one
 * written by another pcc version, or one made for another endpoint is ignored with a warning. Writes are
 * atomic (a temp file renamed over it) and private (mode 0600, folder 0700).
 */

const FORMAT = 'pcc-refresh-cache';
const VERSION = 1;

/** Which API a cache file belongs to: its file name and contents name both. */
export interface CacheTarget {
  /** `--endpoint-url`, else the SDK's endpoint variables, else `default` (the SDK's own resolution). */
  endpoint: string;
  region: string;
}

/**
 * The default cache folder: `$XDG_CACHE_HOME/pcc`, else `~/Library/Caches/pcc` on macOS, `%LOCALAPPDATA%\pcc\cache`
 * on Windows, `~/.cache/pcc` elsewhere. Undefined when none of them can be known (no home): no cache then.
 */
export function refreshCacheDir(env: Readonly<Record<string, string | undefined>>, platform: string, home: string | undefined): string | undefined {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'pcc');
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'pcc', 'cache');
  if (!home) return undefined;
  return platform === 'darwin' ? join(home, 'Library', 'Caches', 'pcc') : join(home, '.cache', 'pcc');
}

/** `refresh-<16 hex>.json`: a hash, so an endpoint URL never becomes a path. */
export function refreshCacheFile(dir: string, target: CacheTarget): string {
  const hash = createHash('sha256').update(`${target.endpoint}\u0000${target.region}`).digest('hex').slice(0, 16);
  return join(dir, `refresh-${hash}.json`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const isTime = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isTags = (v: unknown) => isObject(v) && Object.values(v).every(isString);

/**
 * The range a cache file's times (`tagsReadAt`, `invalidatedAt`, ms since the epoch) must fall in: the file is
 * untrusted input (restored from another runner, copied, hand-edited), and its times decide what is reused and what
 * is verified first. Not before 2020-01-01 (no pcc cache is older; a negative or huge number is no time at all),
 * and not more than a day ahead of this machine's clock (runners' clocks differ by seconds; a day allows for a
 * badly set one while bounding how long a future-dated entry could outlive real reads). Within the range, an entry
 * read after this run's lists started is still never reused (refresh-cache.ts reusableTags).
 */
export const EARLIEST_CACHE_TIME = Date.UTC(2020, 0, 1);
export const CACHE_CLOCK_AHEAD_MS = 24 * 3600_000;
const inRange = (v: unknown, now: number) => v === undefined || (isTime(v) && (v as number) >= EARLIEST_CACHE_TIME && (v as number) <= now + CACHE_CLOCK_AHEAD_MS);

function isEntry(v: unknown): v is CacheEntry {
  return (
    isObject(v) &&
    [v.id, v.arn, v.catalog, v.pmaId].every(isString) &&
    (v.id as string).length > 0 &&
    optional(v.revision, isString) &&
    optional(v.updatedAt, isString) &&
    optional(v.tags, isTags) &&
    optional(v.tagsReadAt, isTime) &&
    CACHED_DETAIL_FIELDS.every((name) => optional(v[name], isString)) &&
    optional(v.invalidatedAt, isTime)
  );
}

export interface LoadedCache {
  entries: CacheEntries;
  warning?: string;
  /** Size and mtime of the file read, to tell later whether it changed since (fileStamp). */
  stamp?: string;
}

/** Size and modification time of the file, or undefined when there is none. */
export async function fileStamp(path: string): Promise<string | undefined> {
  try {
    const { size, mtimeMs } = await stat(path);
    return `${size}:${mtimeMs}`;
  } catch {
    return undefined;
  }
}

/**
 * Reads the cache file; never throws. A file that is not exactly ours comes back empty with a warning, as does one
 * with a time out of range (EARLIEST_CACHE_TIME, CACHE_CLOCK_AHEAD_MS of `now`): it only costs reads.
 */
export async function loadRefreshCache(path: string, target: CacheTarget, now: number = Date.now()): Promise<LoadedCache> {
  let text: string;
  const stamp = await fileStamp(path);
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { entries: new Map() } : { entries: new Map(), warning: `cannot read it (${code ?? String(error)})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { entries: new Map(), warning: 'it is not valid JSON (corrupt or cut short)' };
  }
  if (!isObject(value) || value.format !== FORMAT) return { entries: new Map(), warning: 'it is not a pcc refresh cache' };
  if (value.version !== VERSION) return { entries: new Map(), warning: `it has version ${JSON.stringify(value.version)}, this pcc reads ${VERSION}` };
  if (value.endpoint !== target.endpoint || value.region !== target.region) {
    return { entries: new Map(), warning: 'it was made for another endpoint or region' };
  }
  if (!Array.isArray(value.entries) || !value.entries.every(isEntry)) return { entries: new Map(), warning: 'its entries are malformed' };
  if (!value.entries.every((entry) => inRange(entry.tagsReadAt, now) && inRange(entry.invalidatedAt, now))) {
    return { entries: new Map(), warning: 'an entry has a read or write time before 2020 or over a day ahead of this clock (a clock far off, or a hand edit)' };
  }
  return { entries: new Map(value.entries.map((entry) => [entry.id, entry])), ...(stamp ? { stamp } : {}) };
}

/** Writes the cache file atomically: a private temp file in the same folder, renamed over the old one. */
export async function saveRefreshCache(path: string, target: CacheTarget, entries: CacheEntries): Promise<void> {
  const dir = join(path, '..');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const body = { format: FORMAT, version: VERSION, endpoint: target.endpoint, region: target.region, entries: [...entries.values()] };
  const temp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(body), { mode: 0o600 });
    // The mode given to writeFile is masked by the umask; the cache holds tags, so make sure.
    await chmod(temp, 0o600);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
