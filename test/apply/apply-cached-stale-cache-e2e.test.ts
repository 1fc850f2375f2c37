/**
 * `pcc apply --refresh cached` where the refresh cache is wrong or behind (a hand-edited or foreign cache file, a
 * tag edited by hand in the console, which moves no revision), through the built CLI and the emulator over HTTP.
 * Each test states what a full-refresh apply does and asserts the cached apply writes the same: what a saved or
 * reviewed plan changes is read now by apply's plan, a plan of apply's own reads again what it replaces, and an
 * update re-checks the cached detail fields against its pre-write read (from breakit22 findings 1–3).
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { editRefreshCache } from '../support/refresh-cache-edit.js';
import { entry, managedSeed, mutatingCalls, pcc, relationshipAt, workspaceForTest, type Workspace } from '../support/e2e-helpers.js';

const N = 6;
const declared = (i: number) => entry(i, { displayName: `Customer ${i}`, resaleAccountModel: 'END_CUSTOMER', tags: { team: 'a' } });
const all = () => Array.from({ length: N }, (_, i) => declared(i));

describe('pcc apply --refresh cached on a wrong or stale cache', () => {
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

  it('a cached resaleAccountModel that is wrong (hand-edited or foreign cache) never makes apply delete and re-create a relationship a full read leaves alone', async () => {
    const victim = relationshipAt(emu.emulator, 2);
    expect(victim?.resaleAccountModel).toBe('END_CUSTOMER');
    await editRefreshCache(cacheDir, (entries) => {
      const hit = entries.find((e) => e.id === victim?.id);
      expect(hit?.resaleAccountModel).toBe('END_CUSTOMER');
      if (hit) hit.resaleAccountModel = 'DISTRIBUTOR';
    });
    // What a full read says: nothing to do (the live relationship matches the files).
    const full = await pcc(ws, emu.env, ['plan', '--refresh', 'full', '--detailed-exitcode']);
    expect(full.code, full.stderr).toBe(0);

    emu.emulator.resetStats();
    const applied = await pcc(ws, emu.env, ['apply', '--auto-approve', '--allow-replace', '--max-deletes', '5', '--cache', cacheDir, '--format', 'json']);
    // The docs: "a lost, corrupt or foreign cache only costs reads". A full-refresh apply makes no write here.
    expect(mutatingCalls(emu.emulator), applied.stderr).toBe(0);
    expect(relationshipAt(emu.emulator, 2)?.id).toBe(victim?.id);
  });

  it('a replace that a full read finds blocked (pcc:managed removed by hand) refuses the whole plan in a cached apply too: no other change is written', async () => {
    const target = relationshipAt(emu.emulator, 2)!;
    // Someone takes relationship 2 out of pcc's hands in the console: no revision moves, the cache still says managed.
    emu.state.setTags(target.arn, { team: 'a' });
    const files = Array.from({ length: N }, (_, i) =>
      entry(i, {
        displayName: i === 4 ? 'Renamed 4' : `Customer ${i}`,
        resaleAccountModel: 'END_CUSTOMER',
        tags: { team: 'a' },
        ...(i === 2 ? { sector: 'GOVERNMENT' } : {}),
      }),
    );
    await ws.write(files);
    const args = ['apply', '--auto-approve', '--allow-replace', '--max-deletes', '5', '--format', 'json'];

    // A full read: replacing an unmanaged relationship is blocked for good, so the whole plan is refused.
    emu.emulator.resetStats();
    const full = await pcc(ws, emu.env, [...args, '--refresh', 'full', '--cache', join(ws.cwd, 'cache-full')]);
    expect(full.code, full.stderr).toBe(1);
    expect(mutatingCalls(emu.emulator)).toBe(0);

    emu.emulator.resetStats();
    const cached = await pcc(ws, emu.env, [...args, '--cache', cacheDir]);
    expect(mutatingCalls(emu.emulator), cached.stderr).toBe(0);
    expect(relationshipAt(emu.emulator, 4)?.displayName).toBe('Customer 4');
    expect(cached.code).toBe(1);
  });

  it('--reviewed refuses everything when a pre-write read sees an unreviewed change (a tag edited by hand on a reviewed relationship), as a full read does; nothing else is written', async () => {
    const renamed = (names: Record<number, string>) =>
      Array.from({ length: N }, (_, i) => entry(i, { displayName: names[i] ?? `Customer ${i}`, resaleAccountModel: 'END_CUSTOMER', tags: { team: 'a' } }));
    await ws.write(renamed({ 1: 'Renamed 1', 4: 'Renamed 4' }));
    const reviewed = await pcc(ws, emu.env, ['plan', '--out', 'reviewed.plan.json', '--cache', cacheDir]);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    // After the review, someone edits relationship 1's user tag in the console (no revision moves).
    const target = relationshipAt(emu.emulator, 1)!;
    emu.state.setTags(target.arn, { ...emu.state.tagsOf(target.arn), team: 'z' });

    // A full read plans reverting the tag: unreviewed, so everything is refused and nothing written.
    emu.emulator.resetStats();
    const full = await pcc(ws, emu.env, ['apply', '--reviewed', 'reviewed.plan.json', '--auto-approve', '--refresh', 'full', '--cache', join(ws.cwd, 'cache-full')]);
    expect(full.code, full.stderr).toBe(1);
    expect(mutatingCalls(emu.emulator)).toBe(0);

    // The cached apply: its pre-write read of relationship 1 sees the same edit; it must not apply the other
    // reviewed change either ("--reviewed still refuses everything when anything the lists and those reads can see is unreviewed").
    emu.emulator.resetStats();
    const cached = await pcc(ws, emu.env, ['apply', '--reviewed', 'reviewed.plan.json', '--auto-approve', '--cache', cacheDir]);
    expect(mutatingCalls(emu.emulator), cached.stderr).toBe(0);
    expect(relationshipAt(emu.emulator, 4)?.displayName).toBe('Customer 4');
    expect(cached.code).toBe(1);
  });

  it('a cached resaleAccountModel that is wrong never lets an update through where a full read plans a replace: the pre-write read checks it', async () => {
    // The files now ask relationship 2 for DISTRIBUTOR (a replace) and rename it; the cache claims it holds DISTRIBUTOR already.
    const victim = relationshipAt(emu.emulator, 2)!;
    await ws.write(all().map((e, i) => (i === 2 ? { ...e, displayName: 'Renamed 2', resaleAccountModel: 'DISTRIBUTOR' } : e)));
    await editRefreshCache(cacheDir, (entries) => {
      const hit = entries.find((e) => e.id === victim.id);
      if (hit) hit.resaleAccountModel = 'DISTRIBUTOR';
    });
    // A full read plans a replace, which needs --allow-replace: refused, nothing written.
    emu.emulator.resetStats();
    const full = await pcc(ws, emu.env, ['apply', '--auto-approve', '--refresh', 'full', '--cache', join(ws.cwd, 'cache-full')]);
    expect(full.code, full.stderr).toBe(1);
    expect(mutatingCalls(emu.emulator)).toBe(0);

    // The cached plan sees a rename only; the update's own GetRelationship shows resaleAccountModel is not what it planned on.
    emu.emulator.resetStats();
    const cached = await pcc(ws, emu.env, ['apply', '--auto-approve', '--cache', cacheDir, '--format', 'json']);
    expect(cached.code).toBe(1);
    expect(JSON.parse(cached.stdout).outcomes).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.stringContaining('changed since the plan; plan again (resaleAccountModel is "END_CUSTOMER" now') }),
    ]);
    expect(mutatingCalls(emu.emulator)).toBe(0);
    expect(relationshipAt(emu.emulator, 2)).toMatchObject({ id: victim.id, displayName: 'Customer 2' });
  });
});
