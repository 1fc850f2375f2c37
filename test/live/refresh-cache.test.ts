import { describe, expect, it } from 'vitest';
import type { LiveRelationship } from '../../src/live/channel-api.js';
import { cachedDetail, entryAfterRefresh, mergeEntry, reusableTags, SETTLE_MS, type CacheEntries, type CacheEntry } from '../../src/live/refresh-cache.js';
import { liveEntry } from '../support/state-builders.js';

/** The reusable cached tags alone, as the planner uses them. */
const cachedTags = (entries: CacheEntries, item: Parameters<typeof reusableTags>[1]) => reusableTags(entries, item)?.tags;

const T0 = 1_700_000_000_000;

function listed(overrides: Partial<LiveRelationship> = {}): LiveRelationship {
  const { tags: _tags, ...item } = liveEntry('111122223333', 'rs-aaaaaaaaaaaaa', { revision: '3', updatedAt: '2026-01-01T00:00:00.000Z', ...overrides });
  return item;
}

function cacheOf(item: LiveRelationship, tags: Record<string, string>, extra: Partial<CacheEntry> = {}): CacheEntries {
  const entry = entryAfterRefresh(new Map(), { listed: item, tags: { value: tags, readAt: T0 }, resaleAccountModel: 'END_CUSTOMER' });
  if (!entry) throw new Error('expected an entry');
  return new Map([[item.id, { ...entry, ...extra }]]);
}

describe('refresh cache entries', () => {
  it('reuses tags only while revision and updatedAt both match, and never when either is absent', () => {
    const item = listed();
    const cache = cacheOf(item, { team: 'a' });
    expect(cachedTags(cache, item)).toEqual({ team: 'a' });
    expect(cachedTags(cache, { ...item, revision: '4' })).toBeUndefined();
    expect(cachedTags(cache, { ...item, updatedAt: '2026-01-02T00:00:00.000Z' })).toBeUndefined();
    const { updatedAt: _u, ...withoutUpdatedAt } = item;
    expect(cachedTags(cache, withoutUpdatedAt)).toBeUndefined();
    expect(cachedTags(cache, { ...item, revision: '' })).toBeUndefined();
    // An entry read without them is never stored with tags at all.
    const noRevision = entryAfterRefresh(new Map(), { listed: withoutUpdatedAt, tags: { value: { team: 'a' }, readAt: T0 } });
    expect(noRevision?.tags).toBeUndefined();
  });

  it('matches the ARN (the owning account), catalog and PMA as well as the id', () => {
    const item = listed();
    const cache = cacheOf(item, { team: 'a' });
    const otherAccount = { ...item, arn: item.arn.replace('123456789012', '210987654321') };
    expect(cachedTags(cache, otherAccount)).toBeUndefined();
    expect(cachedDetail(cache, otherAccount)).toBeUndefined();
    expect(cachedTags(cache, { ...item, catalog: 'Sandbox' })).toBeUndefined();
    expect(cachedTags(cache, { ...item, programManagementAccountId: 'pma-bbbbbbbbbbbbb' })).toBeUndefined();
  });

  it('keeps resaleAccountModel across revisions (it never changes for an id)', () => {
    const item = listed();
    const cache = cacheOf(item, {});
    expect(cachedDetail(cache, { ...item, revision: '9', updatedAt: '2027-01-01T00:00:00.000Z' })).toEqual({ resaleAccountModel: 'END_CUSTOMER' });
    const next = entryAfterRefresh(cache, { listed: { ...item, revision: '9' }, tags: { value: {}, readAt: T0 + 1 } });
    expect(next?.resaleAccountModel).toBe('END_CUSTOMER');
  });

  it('stands in for a GetRelationship only when it holds every detail field (none read: a Get)', () => {
    const item = listed();
    const withoutDetail = entryAfterRefresh(new Map(), { listed: item, tags: { value: {}, readAt: T0 } });
    expect(withoutDetail?.resaleAccountModel).toBeUndefined();
    expect(cachedDetail(new Map([[item.id, withoutDetail as CacheEntry]]), item)).toBeUndefined();
  });

  it('voids tags read before pcc wrote, or too soon after (reads may lag writes)', () => {
    const item = listed();
    expect(cachedTags(cacheOf(item, { a: '1' }, { invalidatedAt: T0 + 5 }), item)).toBeUndefined();
    expect(cachedTags(cacheOf(item, { a: '1' }, { invalidatedAt: T0 - SETTLE_MS + 1 }), item)).toBeUndefined();
    expect(cachedTags(cacheOf(item, { a: '1' }, { invalidatedAt: T0 - SETTLE_MS }), item)).toEqual({ a: '1' });
  });

  it('merging keeps the later invalidation and the later tag read, whichever side has them', () => {
    const item = listed();
    const ours = cacheOf(item, { a: 'ours' }).get(item.id) as CacheEntry;
    const invalidation: CacheEntry = { id: item.id, arn: '', catalog: 'AWS', pmaId: item.programManagementAccountId, invalidatedAt: T0 + 10 };
    for (const merged of [mergeEntry(ours, invalidation), mergeEntry(invalidation, ours)]) {
      expect(merged).toMatchObject({ arn: item.arn, tags: { a: 'ours' }, invalidatedAt: T0 + 10 });
      expect(cachedTags(new Map([[item.id, merged]]), item)).toBeUndefined();
    }
    const later = { ...ours, tags: { a: 'later' }, tagsReadAt: T0 + 20 };
    expect(mergeEntry(ours, later).tags).toEqual({ a: 'later' });
    expect(mergeEntry(later, ours).tags).toEqual({ a: 'later' });
  });

  it('never reuses tags the cache says were read after the lists started (a clock ahead, a foreign or hand-edited file)', () => {
    const item = listed();
    const cache = cacheOf(item, { team: 'a' });
    expect(reusableTags(cache, item, T0)).toEqual({ tags: { team: 'a' }, readAt: T0 });
    expect(reusableTags(cache, item, T0 + 1)).toEqual({ tags: { team: 'a' }, readAt: T0 });
    expect(reusableTags(cache, item, T0 - 1)).toBeUndefined();
    for (const odd of [Number.NaN, Number.POSITIVE_INFINITY, 1e300]) expect(reusableTags(cacheOf(item, {}, { tagsReadAt: odd }), item, T0)).toBeUndefined();
    // An invalidation that is no number at all voids the tags (never a reuse on a comparison with NaN).
    expect(reusableTags(cacheOf(item, {}, { invalidatedAt: Number.NaN }), item, T0)).toBeUndefined();
  });

  it('merging never lets a time after now win: a future-dated tag read loses to a real one, a future invalidation counts as now', () => {
    const item = listed();
    const now = T0 + 1000;
    const real = cacheOf(item, { a: 'real' }).get(item.id) as CacheEntry;
    const future = { ...real, tags: { a: 'future' }, tagsReadAt: now + 24 * 3600_000 };
    expect(mergeEntry(real, future, now).tags).toEqual({ a: 'real' });
    expect(mergeEntry(future, real, now).tags).toEqual({ a: 'real' });
    // Another account's entry at the same id: the real read wins there too.
    const foreign = { ...future, arn: item.arn.replace('123456789012', '210987654321') };
    expect(mergeEntry(real, foreign, now)).toBe(real);
    expect(mergeEntry(foreign, real, now)).toBe(real);
    // A future invalidation still voids every read before it, and is clamped to now: reads settled after now count.
    const invalidation: CacheEntry = { id: item.id, arn: '', catalog: 'AWS', pmaId: item.programManagementAccountId, invalidatedAt: now + 24 * 3600_000 };
    const merged = mergeEntry(real, invalidation, now);
    expect(merged.invalidatedAt).toBe(now);
    expect(reusableTags(new Map([[item.id, merged]]), item, now)).toBeUndefined();
    const settled = { ...merged, tagsReadAt: now + SETTLE_MS };
    expect(reusableTags(new Map([[item.id, settled]]), item, now + SETTLE_MS)).toBeDefined();
  });
});
