import { describe, expect, it } from 'vitest';
import type { LiveRelationship } from '../../src/live/channel-api.js';
import { readLive } from '../../src/live/read-live.js';
import { entryAfterRefresh, tagsToVerify, type CacheEntries } from '../../src/live/refresh-cache.js';
import { PLAN_REFRESH_MODES, REFRESH_MODES, type RefreshMode } from '../../src/commands/refresh-cache-options.js';
import { createFakeChannelApi } from '../support/fake-channel-api.js';
import { desiredEntry, desiredState, liveEntry } from '../support/state-builders.js';

const rs = (n: number) => `rs-${String(n).padStart(13, '0')}`;
const account = (n: number) => String(n).padStart(12, '1');
const T0 = 1_700_000_000_000;

/** A small seeded generator (mulberry32): the same runs every time, the seed printed on failure. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the refresh modes', () => {
  it('are cached and full for every command; pcc plan alone also rolls (apply never reads less than it writes on)', () => {
    const applyModes: readonly RefreshMode[] = REFRESH_MODES;
    expect([...applyModes]).toEqual(['cached', 'full']);
    expect([...PLAN_REFRESH_MODES]).toEqual(['cached', 'full', 'rolling']);
  });
});

describe('tagsToVerify (the rolling refresh choice)', () => {
  it('chooses the ⌈listed/N⌉ read longest ago, ties in the given order, returned ascending', () => {
    expect(tagsToVerify([50, 10, 30, 20, 40], 5, 2)).toEqual([1, 2, 3]);
    expect(tagsToVerify([50, 10, 30, 20, 40], 5, 5)).toEqual([1]);
    expect(tagsToVerify([7, 7, 7, 7], 4, 3)).toEqual([0, 1]);
    expect(tagsToVerify([3, 2, 1], 3, 1)).toEqual([0, 1, 2]);
    expect(tagsToVerify([], 10, 3)).toEqual([]);
  });

  it('counts the misses among the listed (they are read anyway), never choosing more than are reusable', () => {
    // 10 listed, 2 reusable: ⌈10/4⌉ = 3, so both.
    expect(tagsToVerify([9, 4], 10, 4)).toEqual([0, 1]);
    // 10 listed, 6 reusable, N = 5: 2 of them.
    expect(tagsToVerify([6, 5, 4, 3, 2, 1], 10, 5)).toEqual([4, 5]);
  });

  it('still reads every relationship within N runs when what it read last run moves (the reused fall to the oldest)', () => {
    // 4 relationships, N = 2: run 1 reads 0 and 1; then both move (misses). Counting only the reusable (2) would
    // read 1 of them in run 2, and leave the other unread for 2 runs.
    expect(tagsToVerify([0, 0, 0, 0], 4, 2)).toEqual([0, 1]);
    expect(tagsToVerify([0, 0], 4, 2)).toEqual([0, 1]);
  });

  it('refuses an N that is not a whole number of at least 1', () => {
    expect(() => tagsToVerify([1], 1, 0)).toThrow(RangeError);
    expect(() => tagsToVerify([1], 1, 1.5)).toThrow(RangeError);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('over simulated runs, leaves no relationship unread for N runs (seed %i)', (seed) => {
    const next = random(seed);
    const verifyEvery = 1 + Math.floor(next() * 6);
    // lastRead: the run that last read each relationship's tags (the cache's tagsReadAt, one run = one unit).
    const lastRead: number[] = Array.from({ length: 20 + Math.floor(next() * 60) }, () => 0);
    for (let run = 1; run <= 40; run++) {
      // What moved since the last run (a revision bump: a miss, read anyway): a few at random, or, in some runs,
      // every one read in the last run (the newest: the reusable then are only the oldest, and fewer).
      const youngestMove = next() < 0.3;
      const moveRate = next() * 0.3;
      const moved = lastRead.map((read) => (youngestMove ? read === run - 1 : next() < moveRate));
      const reusable = lastRead.flatMap((_, index) => (moved[index] ? [] : [index]));
      const chosen = tagsToVerify(
        reusable.map((index) => lastRead[index] as number),
        lastRead.length,
        verifyEvery,
      );
      expect(chosen.length).toBeLessThanOrEqual(Math.ceil(lastRead.length / verifyEvery));
      for (const at of chosen) lastRead[reusable[at] as number] = run;
      moved.forEach((isMoved, index) => {
        if (isMoved) lastRead[index] = run;
      });
      // New relationships appear now and then: read when they first appear.
      if (next() < 0.3) lastRead.push(run);
      const stalest = Math.min(...lastRead);
      expect(run - stalest, `seed ${seed}, N ${verifyEvery}, run ${run}`).toBeLessThan(verifyEvery);
    }
  });
});

describe('readLive with verifyEvery (a rolling refresh)', () => {
  const relationships = Array.from({ length: 10 }, (_, i) => {
    const { tags: _tags, ...item } = liveEntry(account(i + 1), rs(i + 1), { revision: '1', updatedAt: '2026-01-01T00:00:00.000Z' });
    return { ...item, tags: { n: String(i + 1) } };
  });
  const desired = desiredState(relationships.map((r) => desiredEntry(r.associatedAccountId)));
  /** A cache holding every relationship's tags, the one numbered n read at T0 + readOrder(n). */
  function warmCache(readOrder: (n: number) => number, tagsOf: (n: number) => Record<string, string> = (n) => ({ n: String(n) })): CacheEntries {
    const entries: CacheEntries = new Map();
    relationships.forEach((item, i) => {
      const { tags: _tags, ...listed } = item;
      const entry = entryAfterRefresh(new Map(), { listed: listed as LiveRelationship, tags: { value: tagsOf(i + 1), readAt: T0 + readOrder(i + 1) } });
      if (entry) entries.set(item.id, entry);
    });
    return entries;
  }

  it('reads what moved and the ⌈L/N⌉ oldest reusable tags, reuses the rest, and says how recent they are', async () => {
    const api = createFakeChannelApi({ relationships: relationships.map((r, i) => (i === 4 ? { ...r, revision: '2' } : r)) });
    // Read longest ago: 10, 9, 8, … (reverse order); number 5 moved (a miss).
    const cache = warmCache((n) => (11 - n) * 1000);
    const now = T0 + 60_000_000;
    const live = await readLive(api, desired, { cache, verifyEvery: 3, now: () => now });
    // ⌈10/3⌉ = 4 oldest reusable: 10, 9, 8, 7; and 5, which moved.
    expect(api.tagCalls.sort()).toEqual([5, 7, 8, 9, 10].map((n) => relationships[n - 1]?.arn).sort());
    expect(live.refresh.freshness).toEqual({ listedAt: now, tagsReadNow: 5, tagsReused: 5, oldestTagsReadAt: T0 + 5000, verifyEvery: 3 });
    expect(live.refresh.readsSaved).toBe(5);
  });

  it('finds a tag edit that moved no revision within N runs, where `cached` never does', async () => {
    const edited = relationships.map((r, i) => (i === 2 ? { ...r, tags: { n: '3', 'pcc:managed': 'true' } } : r));
    // Without verifyEvery (refresh cached), the stale cached tags are reused run after run.
    const cached = createFakeChannelApi({ relationships: edited });
    const stale = await readLive(cached, desired, { cache: warmCache(() => 0), now: () => T0 + 1 });
    expect(cached.tagCalls).toEqual([]);
    expect(stale.relationships.find((r) => r.id === rs(3))?.tags).toEqual({ n: '3' });

    // Rolling with N = 3: carry the cache from run to run as the store would (entryAfterRefresh).
    let cache = warmCache(() => 0);
    const seenAt: number[] = [];
    for (let run = 1; run <= 3; run++) {
      const api = createFakeChannelApi({ relationships: edited });
      const live = await readLive(api, desired, { cache, verifyEvery: 3, now: () => T0 + run * 1000 });
      if (live.relationships.find((r) => r.id === rs(3))?.tags['pcc:managed'] === 'true') seenAt.push(run);
      const next: CacheEntries = new Map();
      for (const refreshed of live.refresh.refreshed) {
        const entry = entryAfterRefresh(cache, refreshed);
        if (entry) next.set(entry.id, entry);
      }
      cache = next;
    }
    expect(seenAt.length).toBeGreaterThan(0);
    expect(seenAt[0]).toBeLessThanOrEqual(3);
  });
});
