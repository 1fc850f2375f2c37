import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveRelationship } from '../../src/live/channel-api.js';
import type { RefreshReport } from '../../src/live/refresh-cache.js';
import { reusableTags, scopeKey } from '../../src/live/refresh-cache.js';
import { openRefreshCache } from '../../src/live/refresh-cache-store.js';
import { liveEntry, OTHER_PMA, PMA } from '../support/state-builders.js';

const TARGET = { endpoint: 'http://127.0.0.1:1', region: 'us-east-1' };
/** An hour ago: the cache file never holds times ahead of the real clock (refresh-cache-file.ts). */
const T0 = Date.now() - 3600_000;

function listed(n: number, pma = PMA): LiveRelationship {
  const { tags: _tags, ...item } = liveEntry(String(111100000000 + n), `rs-${String(n).padStart(13, '0')}`, {
    programManagementAccountId: pma,
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
  return item;
}

function report(items: LiveRelationship[], tags: 'read' | 'reused', pmas = [PMA]): RefreshReport {
  const refreshed = items.map((item) => ({ listed: item, tags: tags === 'reused' ? ('reused' as const) : { value: { n: item.id }, readAt: T0 } }));
  return { reads: tags === 'read' ? items.length : 0, readsSaved: 0, refreshed, scopes: pmas.map((p) => scopeKey('AWS', p)) };
}

describe('refresh cache store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcc-cache-store-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps an invalidation written meanwhile by another pcc when a plan saves what it reused', async () => {
    const [a, b] = [listed(1), listed(2)];
    await (await openRefreshCache(dir, TARGET)).saveRefresh(report([a, b], 'read'));
    const plan = await openRefreshCache(dir, TARGET); // a plan starts and loads the cache
    await (await openRefreshCache(dir, TARGET)).invalidate([{ id: a.id, catalog: 'AWS', pmaId: PMA }], T0 + 1); // an apply writes
    const reusedA = report([a], 'reused').refreshed;
    await plan.saveRefresh({ ...report([b], 'read'), refreshed: [...reusedA, ...report([b], 'read').refreshed] });
    const after = await openRefreshCache(dir, TARGET);
    expect(reusableTags(after.entries, a)).toBeUndefined();
    expect(reusableTags(after.entries, b)?.tags).toEqual({ n: b.id });
  });

  it('drops relationships a listed PMA no longer holds, keeps those of PMAs not listed this time', async () => {
    const [a, b, other] = [listed(1), listed(2), listed(3, OTHER_PMA)];
    await (await openRefreshCache(dir, TARGET)).saveRefresh(report([a, b, other], 'read', [PMA, OTHER_PMA]));
    await (await openRefreshCache(dir, TARGET)).saveRefresh(report([a], 'read'));
    const after = await openRefreshCache(dir, TARGET);
    expect([...after.entries.keys()].sort()).toEqual([a.id, other.id].sort());
  });

  it('leaves no temporary file behind', async () => {
    await (await openRefreshCache(dir, TARGET)).saveRefresh(report([listed(1)], 'read'));
    expect(await readdir(dir)).toEqual([expect.stringMatching(/^refresh-[0-9a-f]{16}\.json$/)]);
  });
});
