/**
 * A release and the refresh caches of other runners, end to end (built CLI → SDK → emulator over HTTP): pcc moves
 * a relationship's revision around every tag write it makes (move-revision.ts), a release's UntagResource included,
 * so a cache warmed elsewhere before the release never keeps `pcc:managed=true` for the released relationship.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { accountId, entry, managedSeed, mutatingCalls, pcc, PMA, relationshipAt, workspaceForTest, type Entry, type Workspace } from '../support/e2e-helpers.js';

const N = 6;
const declared = (i: number) => entry(i, { displayName: `Customer ${i}`, resaleAccountModel: 'END_CUSTOMER', tags: { team: 'a' } });
const all = () => Array.from({ length: N }, (_, i) => declared(i));

describe('a release and the refresh caches of other runners', () => {
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
    const before = relationshipAt(emu.emulator, 2)!;
    await writeSet(kept, [`AWS/${PMA}/${accountId(2)}`]);
    const released = await pcc(ws, emu.env, ['apply', '--auto-approve', '--cache', cacheDir]);
    expect(released.code, released.stderr).toBe(0);
    expect(released.stderr).toContain('1 released');
    const victim = relationshipAt(emu.emulator, 2)!;
    expect(emu.state.tagsOf(victim.arn)).toEqual({ team: 'a' });
    expect(victim.revision).not.toBe(before.revision);

    // The released: list is dropped later; a prune with runner B's cache. A full read: nothing to do.
    await writeSet(kept, []);
    const full = await pcc(ws, emu.env, ['plan', '--prune', '--max-deletes', '5', '--refresh', 'full', '--detailed-exitcode']);
    expect(full.code, full.stdout + full.stderr).toBe(0);
    // Runner B's cached plan and apply agree: no delete planned, nothing written, exit 0.
    const cachedPlan = await pcc(ws, emu.env, ['plan', '--prune', '--max-deletes', '5', '--cache', otherCache, '--detailed-exitcode']);
    expect(cachedPlan.code, cachedPlan.stdout).toBe(0);
    emu.emulator.resetStats();
    const applied = await pcc(ws, emu.env, ['apply', '--auto-approve', '--prune', '--max-deletes', '5', '--cache', otherCache, '--format', 'json']);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(mutatingCalls(emu.emulator)).toBe(0);
    expect(relationshipAt(emu.emulator, 2)?.id).toBe(victim.id);
  });

  it('re-declaring a relationship released with another cache is planned as an adopt there, not as an update of a managed one', async () => {
    const otherCache = join(ws.cwd, 'cache-b');
    expect((await pcc(ws, emu.env, ['plan', '--cache', otherCache])).code).toBe(0);
    const kept = all().filter((_, i) => i !== 2);
    await writeFile(
      join(ws.cwd, 'relationships', 'main.yaml'),
      stringify({ catalog: 'AWS', programManagementAccountIdentifier: PMA, relationships: kept, released: [`AWS/${PMA}/${accountId(2)}`] }),
      'utf8',
    );
    expect((await pcc(ws, emu.env, ['apply', '--auto-approve', '--cache', cacheDir])).code).toBe(0);

    // Declared again: with runner B's cache, the plan sees it unmanaged (as a full read does) and adopts it.
    await writeFile(join(ws.cwd, 'relationships', 'main.yaml'), stringify({ catalog: 'AWS', programManagementAccountIdentifier: PMA, relationships: all() }), 'utf8');
    const fullPlan = JSON.parse((await pcc(ws, emu.env, ['plan', '--refresh', 'full', '--format', 'json'])).stdout);
    const cachedPlan = JSON.parse((await pcc(ws, emu.env, ['plan', '--cache', otherCache, '--format', 'json'])).stdout);
    const actions = (plan: { changes: Array<{ address: string; action: string }> }) => plan.changes.filter((c) => c.action !== 'no-op').map((c) => [c.address, c.action]);
    expect(actions(fullPlan)).toEqual([[`AWS/${PMA}/${accountId(2)}`, 'adopt']]);
    expect(actions(cachedPlan)).toEqual(actions(fullPlan));
  });
});
