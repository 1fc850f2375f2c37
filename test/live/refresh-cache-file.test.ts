/**
 * The refresh cache file's times are untrusted input (a file restored from another runner, copied, hand-edited):
 * loadRefreshCache (src/live/refresh-cache-file.ts) ignores a file with a read or write time that is no date pcc
 * could have written (before 2020, over a day ahead of this clock, or out of a Date's range), with a warning: it
 * only costs reads, never a crash or a guarantee broken.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_CLOCK_AHEAD_MS, EARLIEST_CACHE_TIME, loadRefreshCache, refreshCacheFile, type CacheTarget } from '../../src/live/refresh-cache-file.js';

const target: CacheTarget = { endpoint: 'http://127.0.0.1:1', region: 'us-east-1' };
const NOW = Date.UTC(2026, 11, 8);
const entry = (extra: Record<string, unknown>) => ({
  id: 'rs-aaaaaaaaaaaaa',
  arn: 'arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/relationship/rs-aaaaaaaaaaaaa',
  catalog: 'AWS',
  pmaId: 'pma-aaaaaaaaaaaaa',
  revision: '3',
  updatedAt: '2026-01-01T00:00:00.000Z',
  tags: { team: 'a' },
  ...extra,
});

describe('refresh cache file: times', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcc-cache-file-'));
    path = refreshCacheFile(dir, target);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Writes the file as text (so that numbers JSON.stringify would not write, as 1e400, can be tested too). */
  const load = async (entries: string) => {
    await writeFile(path, `{"format":"pcc-refresh-cache","version":1,"endpoint":${JSON.stringify(target.endpoint)},"region":"us-east-1","entries":[${entries}]}`);
    return loadRefreshCache(path, target, NOW);
  };

  it('loads entries whose times are dates pcc could have written (a clock a little ahead included)', async () => {
    const good = [EARLIEST_CACHE_TIME, NOW - 3600_000, NOW, NOW + 3600_000, NOW + CACHE_CLOCK_AHEAD_MS];
    for (const at of good) {
      const loaded = await load(JSON.stringify(entry({ tagsReadAt: at, invalidatedAt: at })));
      expect(loaded.warning, String(at)).toBeUndefined();
      expect(loaded.entries.get('rs-aaaaaaaaaaaaa')?.tagsReadAt).toBe(at);
    }
  });

  it('ignores the file, with a warning, when a tagsReadAt or invalidatedAt is out of range or no time at all', async () => {
    const bad = ['-1e17', '1e17', '-1', '0', String(EARLIEST_CACHE_TIME - 1), String(NOW + CACHE_CLOCK_AHEAD_MS + 1), String(Date.UTC(2100, 0, 1))];
    for (const field of ['tagsReadAt', 'invalidatedAt']) {
      for (const at of bad) {
        const others = JSON.stringify(entry({ id: 'rs-bbbbbbbbbbbbb', tagsReadAt: NOW - 1000 }));
        const text = JSON.stringify(entry({ [field]: 0 })).replace(`"${field}":0`, `"${field}":${at}`);
        const loaded = await load(`${others},${text}`);
        expect(loaded.entries.size, `${field} ${at}`).toBe(0);
        expect(loaded.warning, `${field} ${at}`).toMatch(/before 2020 or over a day ahead/);
      }
    }
    // Not a finite number at all (1e400 parses as Infinity): malformed, as before.
    for (const at of ['"2026-12-08T00:00:00Z"', '1e400', '-1e400']) {
      const loaded = await load(JSON.stringify(entry({ tagsReadAt: 0 })).replace('"tagsReadAt":0', `"tagsReadAt":${at}`));
      expect(loaded, at).toMatchObject({ warning: 'its entries are malformed' });
      expect(loaded.entries.size).toBe(0);
    }
  });
});
