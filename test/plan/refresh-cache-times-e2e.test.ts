/**
 * The refresh cache file's times are untrusted input (restored from another runner, copied, hand-edited), through
 * the built CLI against the emulator over HTTP: a time out of range only costs reads (never a crash), and an entry
 * dated after the run's lists (a clock ahead) is never reused, so `--refresh rolling` keeps its guarantee.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { editRefreshCache } from '../support/refresh-cache-edit.js';
import { entry, managedSeed, pcc, relationshipAt, workspaceForTest, type Workspace } from '../support/e2e-helpers.js';

const N = 6;
const all = () => Array.from({ length: N }, (_, i) => entry(i, { displayName: `Customer ${i}`, resaleAccountModel: 'END_CUSTOMER', tags: { team: 'a' } }));

describe('refresh cache times', () => {
  const emu = withEmulator({}, { per: 'test' });
  let ws: Workspace;
  let cacheDir: string;

  beforeEach(async () => {
    for (let i = 0; i < N; i++) emu.state.seedRelationship(managedSeed(i));
    ws = await workspaceForTest(all());
    cacheDir = join(ws.cwd, 'cache');
    const warm = await pcc(ws, emu.env, ['plan', '--cache', cacheDir]);
    expect(warm.code, warm.stderr).toBe(0);
  });

  for (const [field, at] of [
    ['tagsReadAt', -1e17],
    ['tagsReadAt', 1e17],
    ['tagsReadAt', Date.UTC(2100, 0, 1)],
    ['invalidatedAt', -1e17],
    ['invalidatedAt', Date.UTC(2100, 0, 1)],
  ] as const) {
    it(`a cache entry whose ${field} is ${at} (out of range: corrupt or hand-edited) only costs reads: pcc plan warns, reads everything, does not crash`, async () => {
      await editRefreshCache(cacheDir, (entries) => {
        for (const e of entries) e[field] = at;
      });
      emu.emulator.resetStats();
      const planned = await pcc(ws, emu.env, ['plan', '--cache', cacheDir, '--format', 'json', '--detailed-exitcode']);
      expect(planned.stderr).not.toMatch(/RangeError|Invalid time value|internal error/);
      expect(planned.code, planned.stderr).toBe(0);
      expect(planned.stderr).toContain('pcc: warning: ignoring the refresh cache');
      expect(planned.stderr).toContain('over a day ahead of this clock');
      expect(emu.emulator.stats.calls.ListTagsForResource).toBe(N);
      expect(JSON.parse(planned.stdout).summary.freshness).toMatchObject({ tagsReadNow: N, tagsReused: 0 });
      // The file is rewritten clean: the next plan reuses it without a warning.
      const again = await pcc(ws, emu.env, ['plan', '--cache', cacheDir, '--detailed-exitcode']);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).not.toContain('warning');
    });
  }

  it('--refresh rolling --verify-every 2 finds a console tag edit within 2 runs even when a cache entry claims a read time in the future (clock skew, foreign cache)', async () => {
    const target = relationshipAt(emu.emulator, 3)!;
    await editRefreshCache(cacheDir, (entries) => {
      const hit = entries.find((e) => e.id === target.id);
      // A runner whose clock ran a day ahead read these tags.
      if (hit) hit.tagsReadAt = Date.now() + 23 * 3600_000;
    });
    emu.state.setTags(target.arn, { ...emu.state.tagsOf(target.arn), team: 'z' });
    const codes: Array<number | null> = [];
    for (let run = 0; run < 2; run++) {
      const drift = await pcc(ws, emu.env, ['plan', '--refresh', 'rolling', '--verify-every', '2', '--cache', cacheDir, '--detailed-exitcode']);
      codes.push(drift.code);
    }
    // "every relationship's tags are verified at least every N runs": the edit shows as drift (exit 2) by run 2.
    expect(codes).toContain(2);
  });

  it('an entry dated after the lists (within the day a clock may run ahead) is never reused: it is read as a miss, and its read time is corrected', async () => {
    const target = relationshipAt(emu.emulator, 3)!;
    const ahead = Date.now() + 3600_000;
    await editRefreshCache(cacheDir, (entries) => {
      const hit = entries.find((e) => e.id === target.id);
      if (hit) hit.tagsReadAt = ahead;
    });
    emu.emulator.resetStats();
    const planned = await pcc(ws, emu.env, ['plan', '--cache', cacheDir, '--format', 'json', '--detailed-exitcode']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stderr).not.toContain('warning');
    expect(emu.emulator.stats.calls.ListTagsForResource).toBe(1);
    expect(JSON.parse(planned.stdout).summary.freshness).toMatchObject({ tagsReadNow: 1, tagsReused: N - 1 });
    let saved: number | undefined;
    await editRefreshCache(cacheDir, (entries) => {
      saved = entries.find((e) => e.id === target.id)?.tagsReadAt;
    });
    expect(saved).toBeLessThan(ahead);
  });
});
