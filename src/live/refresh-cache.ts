import { pmaIdOf } from '../model/address.js';
import type { RelationshipSpec } from '../model/relationship.js';
import { CACHED_DETAIL_FIELDS, DETAIL_FIELDS, type CachedDetailField } from '../model/relationship-fields.js';
import type { LiveRelationship } from './channel-api.js';

/**
 * The refresh cache's pure core: which reads a listed relationship can skip, and how entries are kept.
 * It is never state: a lost, corrupt or foreign cache only costs reads (see refresh-cache-file.ts for the file).
 *
 * Entries are keyed by relationship id and must also match the listed `arn` (which names the account that owns
 * the relationship: the API has no caller-identity call, and credentials rotate in CI, so the service's own ARN
 * is what identifies the account), `catalog` and PMA before anything is reused.
 * - Tags are reused only while the listed `revision` AND `updatedAt` both equal the ones they were read under;
 *   without both (optional output members), nothing is reused.
 * - Detail fields that cannot change for an id (CACHED_DETAIL_FIELDS: resaleAccountModel): once GetRelationship
 *   returned them, they are reused for that id, in place of another Get.
 * - pcc's own writes invalidate (`invalidatedAt`): tag writes bump neither revision nor updatedAt, and reads may
 *   lag writes, so tags read earlier than SETTLE_MS after the invalidation are never trusted.
 * - Other runners' writes (another cache file): apply moves the revision after every tag write it makes
 *   (move-revision.ts moveRevision: update, adopt and release alike), so a revision listed unchanged means no pcc
 *   anywhere wrote tags since.
 */
/** The detail fields a cache entry keeps (each under its own name, as in the file). */
export type CachedDetail = Partial<Pick<RelationshipSpec, CachedDetailField>>;

export interface CacheEntry extends CachedDetail {
  id: string;
  arn: string;
  catalog: string;
  /** Bare PMA id (`pma-…`). */
  pmaId: string;
  /** The revision and updatedAt the listed relationship had when `tags` were read. */
  revision?: string;
  updatedAt?: string;
  tags?: Record<string, string>;
  /** ms since the epoch when the tag read started. */
  tagsReadAt?: number;
  /** ms since the epoch when a pcc write to this relationship ended: earlier tag reads are void. */
  invalidatedAt?: number;
}

/** Tag reads must start this long after pcc's last write to count: reads may lag writes. */
export const SETTLE_MS = 60_000;

export type CacheEntries = Map<string, CacheEntry>;

/** Listed fields the cache needs: a relationship without them is never cached. */
function identityOf(item: LiveRelationship): Pick<CacheEntry, 'id' | 'arn' | 'catalog' | 'pmaId'> | undefined {
  if (!item.id || !item.arn || !item.catalog || !item.programManagementAccountId) return undefined;
  return { id: item.id, arn: item.arn, catalog: item.catalog, pmaId: pmaIdOf(item.programManagementAccountId) };
}

function sameRelationship(entry: CacheEntry | undefined, item: LiveRelationship): entry is CacheEntry {
  const identity = identityOf(item);
  return (
    entry !== undefined &&
    identity !== undefined &&
    entry.id === identity.id &&
    entry.arn === identity.arn &&
    entry.catalog === identity.catalog &&
    entry.pmaId === identity.pmaId
  );
}

/** Cached tags that may be reused, with the time they were read (ms since the epoch). */
export interface ReusableTags {
  tags: Record<string, string>;
  readAt: number;
}

/**
 * The cached tags of a listed relationship and when they were read, when they are still what a read would return.
 * `listedAt` is when this refresh's lists started: tags the cache says were read after it (a runner whose clock runs
 * ahead, a foreign or hand-edited file) are never reused, as their read time cannot be trusted to order them among
 * the reads (`--refresh rolling` verifies the oldest first: a future-dated entry would never be the oldest).
 */
export function reusableTags(entries: CacheEntries, item: LiveRelationship, listedAt: number = Date.now()): ReusableTags | undefined {
  const entry = entries.get(item.id);
  if (!sameRelationship(entry, item) || entry.tags === undefined || entry.tagsReadAt === undefined) return undefined;
  if (!Number.isFinite(entry.tagsReadAt) || entry.tagsReadAt > listedAt) return undefined;
  if (!item.revision || !item.updatedAt || entry.revision !== item.revision || entry.updatedAt !== item.updatedAt) return undefined;
  if (entry.invalidatedAt !== undefined && !(entry.tagsReadAt >= entry.invalidatedAt + SETTLE_MS)) return undefined;
  return { tags: entry.tags, readAt: entry.tagsReadAt };
}

/**
 * `--refresh rolling`: which reusable cached tag sets to read again this run, given when each was read
 * (`readAts[i]`) and how many relationships were listed in all (`listed`: reusable ones and misses). The
 * ⌈listed/N⌉ read longest ago (N = `verifyEvery`; all of them when fewer), ties in the given order (the plan's
 * address order), so that a tag edit which moves no revision (the console's) is still seen. Misses (what moved,
 * what the cache lacks) are read anyway, beside these.
 *
 * Why every relationship's tags are then read at least every N runs: take one relationship R, not read this run.
 * Every relationship read longer ago than R is either a miss (read now) or reusable, and then ⌈listed/N⌉ of them
 * are read now (they come before R); what is read becomes newer than R, and a new relationship is read when
 * it first appears. So each run R is not read, the count of relationships read before R falls by ⌈listed/N⌉ at
 * least; it starts below `listed`, so within N runs R is read. (Counting the misses in `listed`, not only the
 * reused, is what keeps this true when many relationships move at once; only relationships deleted faster than
 * they are verified could lengthen it.) Returns the chosen indices into `readAts`, ascending.
 */
export function tagsToVerify(readAts: readonly number[], listed: number, verifyEvery: number): number[] {
  if (!Number.isInteger(verifyEvery) || verifyEvery < 1) throw new RangeError(`verifyEvery must be an integer of at least 1, not ${verifyEvery}`);
  const count = Math.min(readAts.length, Math.ceil(Math.max(listed, readAts.length) / verifyEvery));
  if (count === 0) return [];
  const order = readAts.map((_, index) => index);
  order.sort((a, b) => (readAts[a] as number) - (readAts[b] as number) || a - b);
  return order.slice(0, count).sort((a, b) => a - b);
}

/** The detail fields a cache keeps, from an entry or a GetRelationship answer (absent ones left out). */
export function cachedDetailOf(entry: CachedDetail): CachedDetail {
  return Object.fromEntries(CACHED_DETAIL_FIELDS.flatMap((name) => (entry[name] === undefined ? [] : [[name, entry[name]]])));
}

/**
 * What a GetRelationship would add for a listed relationship, from the cache: only when the cache holds every
 * detail field (a detail field that may change is never cached, so then a Get is always made).
 */
export function cachedDetail(entries: CacheEntries, item: LiveRelationship): CachedDetail | undefined {
  const entry = entries.get(item.id);
  if (!sameRelationship(entry, item)) return undefined;
  const detail = cachedDetailOf(entry);
  return DETAIL_FIELDS.every((name) => Object.hasOwn(detail, name)) ? detail : undefined;
}

/** What a refresh learned about one listed relationship. */
export interface RefreshedRelationship extends CachedDetail {
  /** The relationship as listed (its revision and updatedAt are what the tags were read under). */
  listed: LiveRelationship;
  /** Tags read now (with the time the read started), or reused from the cache. */
  tags?: { value: Record<string, string>; readAt: number } | 'reused';
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
  /** How recent what the refresh gives is (plan.summary.freshness). */
  freshness?: RefreshFreshness;
}

/** How recent a refresh's relationship data is: lists are always made now, tags read now or reused. */
export interface RefreshFreshness {
  /** ms since the epoch when the lists started. */
  listedAt: number;
  /** Tag reads made (ListTagsForResource) that found their relationship. */
  tagsReadNow: number;
  /** Tag sets reused from the refresh cache. */
  tagsReused: number;
  /** The earliest read time (ms since the epoch) of the reused tag sets; absent when none was reused. */
  oldestTagsReadAt?: number;
  /** `--verify-every N` of a rolling refresh: every relationship's tags are read at least every N runs. */
  verifyEvery?: number;
}

/**
 * The entry to keep for a refreshed relationship: fresh reads replace the cached ones, reused ones keep their
 * original read time (so a later invalidation still voids them), and the cached detail fields are carried over.
 */
export function entryAfterRefresh(entries: CacheEntries, refreshed: RefreshedRelationship): CacheEntry | undefined {
  const { listed } = refreshed;
  const identity = identityOf(listed);
  if (!identity) return undefined;
  const old = entries.get(listed.id);
  const previous = sameRelationship(old, listed) ? old : undefined;
  const entry: CacheEntry = { ...identity };
  Object.assign(entry, cachedDetailOf(previous ?? {}), cachedDetailOf(refreshed));
  if (previous?.invalidatedAt !== undefined) entry.invalidatedAt = previous.invalidatedAt;
  if (refreshed.tags === 'reused' && previous?.tags !== undefined) {
    Object.assign(entry, { revision: previous.revision, updatedAt: previous.updatedAt, tags: previous.tags, tagsReadAt: previous.tagsReadAt });
  } else if (refreshed.tags !== undefined && refreshed.tags !== 'reused' && listed.revision && listed.updatedAt) {
    Object.assign(entry, { revision: listed.revision, updatedAt: listed.updatedAt, tags: refreshed.tags.value, tagsReadAt: refreshed.tags.readAt });
  }
  return entry;
}

/**
 * Two versions of one entry (the file on disk, written meanwhile by another pcc, and ours): the later
 * invalidation and the later tag read win, so a concurrent apply's invalidation is never lost. An
 * invalidation may lack the ARN (apply names relationships by id): it still applies. Times after `now` are
 * another clock's (ahead of ours) or no time at all: a tag read dated in the future never beats a real one
 * (it ranks as no read at all), and an invalidation dated in the future counts as made now (it
 * still voids every tag read before it, and no longer voids reads made after `now` + SETTLE_MS).
 */
export function mergeEntry(a: CacheEntry, b: CacheEntry, now: number = Date.now()): CacheEntry {
  const rank = (entry: CacheEntry, none: number) => {
    const at = entry.tagsReadAt;
    return at !== undefined && Number.isFinite(at) && at <= now ? at : none;
  };
  if (a.arn && b.arn && a.arn !== b.arn) return rank(b, 0) >= rank(a, 0) ? b : a;
  const tagsFrom = rank(b, -1) >= rank(a, -1) ? b : a;
  const merged: CacheEntry = { id: a.id, arn: a.arn || b.arn, catalog: a.catalog || b.catalog, pmaId: a.pmaId || b.pmaId };
  if (tagsFrom.tags !== undefined) {
    Object.assign(merged, { revision: tagsFrom.revision, updatedAt: tagsFrom.updatedAt, tags: tagsFrom.tags, tagsReadAt: tagsFrom.tagsReadAt });
  }
  Object.assign(merged, cachedDetailOf(b), cachedDetailOf(a));
  const invalidatedAt = Math.min(Math.max(a.invalidatedAt ?? -Infinity, b.invalidatedAt ?? -Infinity), now);
  if (Number.isFinite(invalidatedAt)) merged.invalidatedAt = invalidatedAt;
  return merged;
}

/** A catalog and PMA that a refresh listed completely: cached entries there that were not listed are gone. */
export const scopeKey = (catalog: string, pmaId: string) => `${catalog}\u0000${pmaIdOf(pmaId)}`;
