/**
 * breakit22: attacks on `pcc apply --refresh cached` through the built CLI and the emulator over HTTP.
 * Each test here failed when written: it states what a full-refresh apply does and asserts the cached apply
 * does the same (or, where the docs promise it, that a bad cache only costs reads).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { accountId, entry, managedSeed, mutatingCalls, pcc, PMA, relationshipAt, workspaceForTest, type Entry, type Workspace } from '../support/e2e-helpers.js';

const N = 6;
const declared = (i: number) => entry(i, { displayName: `Customer ${i}`, resaleAccountModel: 'END_CUSTOMER', tags: { team: 'a' } });
const all = () => Array.from({ length: N }, (_, i) => declared(i));

interface CacheFileEntry {
  id: string;
  resaleAccountModel?: string;
  tags?: Record<string, string>;
  tagsReadAt?: number;
}

/** The one refresh-cache file under `dir`, edited in place (a hand edit, or a file restored from elsewhere). */
async function editCache(dir: string, edit: (entries: CacheFileEntry[]) => void): Promise<void> {
  const files = (await readdir(dir)).filter((name) => name.startsWith('refresh-') && name.endsWith('.json'));
  expect(files).toHaveLength(1);
  const path = join(dir, files[0] as string);
  const body = JSON.parse(await readFile(path, 'utf8')) as { entries: CacheFileEntry[] };
  edit(body.entries);
  await writeFile(path, JSON.stringify(body));
}

describe('breakit22: pcc apply --refresh cached on a bad cache', () => {
  const emu = withEmulator({}, { per: 'test' });
  let ws: Workspace;
  let cacheDir: string;

  beforeEach(async () => {
    for (let i = 0; i < N; i++) emu.state.seedRelationship(managedSeed(i));
    ws = await workspaceForTest(all());
    cacheDir = join(ws.cwd, 'cache');
    // Warms the cache: every tag and (the files declare resaleAccountModel) every detail read once.
    const warm = await pcc(ws, emu.env, ['plan', '--cache', cacheDir]);
    expect(warm.code, warm.stderr).toBe(0);
  });

  it('a release made with one cache leaves no other cache believing the relationship is still managed (pcc moves the revision around its own tag writes)', async () => {
    // Runner B (another machine, or the default branch's cache while a release ran on a laptop) warmed its cache too.
    const otherCache = join(ws.cwd, 'cache-b');
    const warmB = await pcc(ws, emu.env, ['plan', '--cache', otherCache]);
    expect(warmB.code, warmB.stderr).toBe(0);
    const kept = all().filter((_, i) => i !== 2);
    const writeSet = (entries: Entry[], released: string[]) =>
      writeFile(
        join(ws.cwd, 'relationships', 'main.yaml'),
        stringify({ catalog: 'AWS', programManagementAccountIdentifier: PMA, relationships: entries, released }),
        'utf8',
      );

    // Runner A releases relationship 2 (reviewed in a pull request like any change).
    await writeSet(kept, [`AWS/${PMA}/${accountId(2)}`]);
    const released = await pcc(ws, emu.env, ['apply', '--auto-approve', '--cache', cacheDir]);
    expect(released.code, released.stderr).toBe(0);
    expect(released.stderr).toContain('1 released');
    const victim = relationshipAt(emu.emulator, 2);
    expect(emu.state.tagsOf(victim!.arn)).toEqual({ team: 'a' });

    // The released: list is dropped later; a prune with runner B's cache. A full read: nothing to do.
    await writeSet(kept, []);
    const full = await pcc(ws, emu.env, ['plan', '--prune', '--max-deletes', '5', '--refresh', 'full', '--detailed-exitcode']);
    expect(full.code, full.stdout + full.stderr).toBe(0);
    const cachedPlan = await pcc(ws, emu.env, ['plan', '--prune', '--max-deletes', '5', '--cache', otherCache, '--detailed-exitcode']);
    emu.emulator.resetStats();
    const applied = await pcc(ws, emu.env, ['apply', '--auto-approve', '--prune', '--max-deletes', '5', '--cache', otherCache, '--format', 'json']);
    // Same outcome as --refresh full: nothing planned, nothing failed, exit 0 (runner B's plan must not show a delete either).
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(mutatingCalls(emu.emulator)).toBe(0);
    expect(cachedPlan.code, cachedPlan.stdout).toBe(0);
  });

  it('a cache entry whose tagsReadAt is out of the Date range (corrupt or hand-edited) only costs reads: pcc plan does not crash', async () => {
    await editCache(cacheDir, (entries) => {
      for (const e of entries) e.tagsReadAt = -1e17;
    });
    const planned = await pcc(ws, emu.env, ['plan', '--cache', cacheDir, '--detailed-exitcode']);
    expect(planned.stderr).not.toMatch(/RangeError|Invalid time value/);
    expect(planned.code, planned.stderr).toBe(0);
  });

  it('--refresh rolling --verify-every 2 finds a console tag edit within 2 runs even when a cache entry claims a read time in the future (clock skew, foreign cache)', async () => {
    const target = relationshipAt(emu.emulator, 3)!;
    await editCache(cacheDir, (entries) => {
      const hit = entries.find((e) => e.id === target.id);
      // A runner whose clock ran a day ahead read these tags.
      if (hit) hit.tagsReadAt = Date.now() + 24 * 3600_000;
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
});
