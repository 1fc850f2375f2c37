/**
 * `pcc apply --refresh cached` (the default), through the built CLI and the emulator over HTTP: apply lists
 * everything, reuses the refresh cache's tags as pcc plan does, and reads only what each change writes. A tag edited
 * by hand after the plan (tag edits move no revision, so no list shows them) is caught by the read before the
 * first write: the change fails as stale and nothing is written.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { entry, managedSeed, mutatingCalls, pcc, relationshipAt, workspaceForTest, type Workspace } from '../support/e2e-helpers.js';

const N = 20;
const declared = (i: number, name = `Customer ${i}`) => entry(i, { displayName: name, resaleAccountModel: 'END_CUSTOMER', tags: { team: 'a' } });
const all = (renamed?: number) => Array.from({ length: N }, (_, i) => declared(i, i === renamed ? 'Renamed' : `Customer ${i}`));

describe('pcc apply --refresh cached', () => {
  const emu = withEmulator({}, { per: 'test' });
  let ws: Workspace;
  let cache: string[];

  beforeEach(async () => {
    for (let i = 0; i < N; i++) emu.state.seedRelationship(managedSeed(i));
    ws = await workspaceForTest(all());
    cache = ['--cache', join(ws.cwd, 'cache')];
    // Warms the cache: every tag read once.
    const warm = await pcc(ws, emu.env, ['plan', ...cache]);
    expect(warm.code, warm.stderr).toBe(0);
  });

  async function run(args: string[]) {
    emu.emulator.resetStats();
    const result = await pcc(ws, emu.env, [...args, ...cache]);
    return { ...result, calls: { ...emu.emulator.stats.calls } };
  }

  async function savePlan() {
    await ws.write(all(5));
    const saved = await run(['plan', '--out', 'saved.plan.json']);
    expect(saved.code, saved.stderr).toBe(0);
  }

  it('applies a saved plan with the lists and the per-change reads and writes only', async () => {
    await savePlan();
    const applied = await run(['apply', 'saved.plan.json', '--format', 'json']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout).summary).toMatchObject({ updated: 1, failed: 0 });
    expect(relationshipAt(emu.emulator, 5)?.displayName).toBe('Renamed');
    // The lists (relationships, the accepted service periods of the catalog, its PMAs), then the one change: its
    // read (revision), its tags (as the plan saw them?) and its write.
    expect(applied.calls).toEqual({
      ListRelationships: 1,
      ListChannelHandshakes: 1,
      ListProgramManagementAccounts: 1,
      GetRelationship: 1,
      ListTagsForResource: 1,
      UpdateRelationship: 1,
    });
  });

  it('plans and applies (--auto-approve) with the same reads', async () => {
    await ws.write(all(5));
    const applied = await run(['apply', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.calls).toEqual({
      ListRelationships: 1,
      ListChannelHandshakes: 1,
      ListProgramManagementAccounts: 1,
      GetRelationship: 1,
      ListTagsForResource: 1,
      UpdateRelationship: 1,
    });
  });

  it('--refresh full still reads every tag and detail before applying', async () => {
    await savePlan();
    const applied = await run(['apply', 'saved.plan.json', '--refresh', 'full']);
    expect(applied.code, applied.stderr).toBe(0);
    // Every tag read now, in the plan: the change's tags are not read again before its write.
    expect(applied.calls.ListTagsForResource).toBe(N);
    expect(applied.calls.GetRelationship).toBe(N + 1);
    expect(applied.calls.UpdateRelationship).toBe(1);
  });

  it('refuses --refresh modes other than cached and full', async () => {
    const refused = await run(['apply', '--auto-approve', '--refresh', 'rolling']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--refresh.*rolling.*(cached|full)/s);
    expect(Object.keys(refused.calls)).toEqual([]);
  });

  const handEdits: Array<[string, (tags: Record<string, string>) => Record<string, string>, string]> = [
    ['pcc:managed removed', ({ 'pcc:managed': _gone, ...rest }) => rest, 'pcc:managed'],
    ['a user tag changed', (tags) => ({ ...tags, team: 'z' }), 'team'],
    ['pcc:support-plan added', (tags) => ({ ...tags, 'pcc:support-plan': 'set-by-hand' }), 'pcc:support-plan'],
  ];

  // A plan of apply's own, from the cache's tags: the read before the write catches the edit.
  it.each(handEdits)('a tag edited by hand after a cached plan (%s) fails the change as stale; nothing is written', async (_name, edit, key) => {
    await ws.write(all(5));
    // A cached plan that reuses the tag of relationship 5 (as apply's own plan does).
    expect((await run(['plan'])).calls.ListTagsForResource).toBeUndefined();
    const target = relationshipAt(emu.emulator, 5);
    if (!target) throw new Error('relationship 5 is not there');
    // The hand edit moves no revision: the listed relationship looks unchanged, so the cache's tags are reused.
    emu.state.setTags(target.arn, edit(target.tags));
    const applied = await run(['apply', '--auto-approve', '--format', 'json']);
    expect(applied.code).toBe(1);
    const outcome = JSON.parse(applied.stdout).outcomes[0];
    expect(outcome).toMatchObject({ status: 'failed', address: expect.stringContaining(target.associatedAccountId) });
    expect(outcome.error).toContain(`changed since the plan; plan again (tags changed: ${key})`);
    expect(mutatingCalls(emu.emulator)).toBe(0);
    expect(relationshipAt(emu.emulator, 5)).toMatchObject({ displayName: 'Customer 5', revision: target.revision, tags: edit(target.tags) });
  });

  /**
   * A saved plan: apply reads the tags of what the plan changes now, as a full refresh does, so the edit shows in the
   * fresh plan itself. Where it changes what the plan calls for, the saved change is refused before any call that
   * writes; where it does not (a support-plan fingerprint the files declare no support plan for), the saved change is
   * what a full read plans and is applied, as `--refresh full` applies it.
   */
  it.each([
    ['pcc:managed removed', 'refused, not sent: the files and live state now call for a(n) adopt instead: changed since the plan; plan again'],
    ['a user tag changed', 'refused, not sent: the files and live state now call for it with other values: changed since the plan; plan again'],
  ])('saved plan: a tag edited by hand after the plan (%s) refuses the saved change; nothing is written', async (name, error) => {
    const edit = handEdits.find(([n]) => n === name)?.[1];
    if (!edit) throw new Error(`no hand edit ${name}`);
    await savePlan();
    const target = relationshipAt(emu.emulator, 5);
    if (!target) throw new Error('relationship 5 is not there');
    emu.state.setTags(target.arn, edit(target.tags));
    const applied = await run(['apply', 'saved.plan.json', '--format', 'json']);
    expect(applied.code).toBe(1);
    expect(JSON.parse(applied.stdout).outcomes).toEqual([
      expect.objectContaining({ status: 'failed', address: expect.stringContaining(target.associatedAccountId), error }),
    ]);
    expect(mutatingCalls(emu.emulator)).toBe(0);
    expect(relationshipAt(emu.emulator, 5)).toMatchObject({ displayName: 'Customer 5', revision: target.revision, tags: edit(target.tags) });
  });

  it('saved plan: a tag edit that changes nothing the plan calls for (pcc:support-plan added) is applied as a full read applies it', async () => {
    await savePlan();
    const target = relationshipAt(emu.emulator, 5);
    if (!target) throw new Error('relationship 5 is not there');
    const edited = { ...target.tags, 'pcc:support-plan': 'set-by-hand' };
    emu.state.setTags(target.arn, edited);
    const full = await pcc(ws, emu.env, ['plan', '--refresh', 'full', '--out', 'full.plan.json', '--cache', join(ws.cwd, 'cache-full')]);
    expect(full.code, full.stderr).toBe(0);
    // A full read after the edit plans the very change saved before it.
    const changesIn = async (file: string) =>
      (JSON.parse(await readFile(join(ws.cwd, file), 'utf8')) as { changes: Array<Record<string, unknown>> }).changes
        .filter((c) => c.action !== 'no-op')
        .map(({ action, address, id, fields, desired }) => ({ action, address, id, fields, desired }));
    expect(await changesIn('full.plan.json')).toEqual(await changesIn('saved.plan.json'));
    const applied = await run(['apply', 'saved.plan.json', '--format', 'json']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout).summary).toMatchObject({ updated: 1, failed: 0 });
    expect(relationshipAt(emu.emulator, 5)).toMatchObject({ displayName: 'Renamed', tags: expect.objectContaining({ 'pcc:support-plan': 'set-by-hand' }) });
    expect(applied.calls).toEqual({
      ListRelationships: 1,
      ListChannelHandshakes: 1,
      ListProgramManagementAccounts: 1,
      GetRelationship: 1,
      ListTagsForResource: 1,
      UpdateRelationship: 1,
    });
  });
});

describe('pcc apply --refresh cached: a saved or reviewed plan made from fresher reads than the cache', () => {
  const emu = withEmulator({}, { per: 'test' });

  /**
   * The plan someone saw was made elsewhere (a pull request's runner, its own cache, or --refresh full) after a tag
   * was edited by hand; apply's cache still holds the tag as it was (no revision moved). Apply reads the tags of what
   * the seen plan changes now, not from its cache, so it plans what the seen plan holds and applies it, instead of
   * skipping the change as done (saved) or refusing everything as unreviewed (reviewed).
   */
  it.each([
    ['saved', (file: string) => [file]],
    ['reviewed', (file: string) => ['--reviewed', file, '--auto-approve']],
  ])('%s: the relationships it changes are read now and the change is applied as a full read would', async (_how, args) => {
    for (let i = 0; i < N; i++) emu.state.seedRelationship(managedSeed(i));
    const ws = await workspaceForTest(all());
    const applyCache = ['--cache', join(ws.cwd, 'apply-cache')];
    expect((await pcc(ws, emu.env, ['plan', ...applyCache])).code).toBe(0);
    const target = relationshipAt(emu.emulator, 5);
    if (!target) throw new Error('relationship 5 is not there');
    emu.state.setTags(target.arn, { ...target.tags, team: 'z' });
    // The plan someone reviews, from reads of its own: it restores team=a on relationship 5.
    const saved = await pcc(ws, emu.env, ['plan', '--out', 'seen.plan.json', '--cache', join(ws.cwd, 'pr-cache')]);
    expect(saved.code, saved.stderr).toBe(0);
    emu.emulator.resetStats();
    const applied = await pcc(ws, emu.env, ['apply', ...args('seen.plan.json'), '--format', 'json', ...applyCache]);
    expect(applied.code, applied.stderr).toBe(0);
    // No second read: the first read already took relationship 5's tags from the service.
    expect(applied.stderr).not.toContain('differ on');
    expect(JSON.parse(applied.stdout).summary).toMatchObject({ updated: 1, skipped: 0, failed: 0 });
    expect(relationshipAt(emu.emulator, 5)?.tags.team).toBe('a');
    // One list pass; the tags of relationship 5 read once, in the plan (not again before the write).
    expect(emu.emulator.stats.calls).toMatchObject({ ListRelationships: 1, ListTagsForResource: 1 });
  });
});

describe('pcc apply --refresh cached: deletes under the default delete guard', () => {
  const emu = withEmulator({}, { per: 'test' });

  /**
   * Ten managed relationships, six declared (the other four pruned). The guard's half rule allows 4 deletes of 10
   * managed, not of 7: pcc:managed removed by hand from three declared ones (no revision moves) makes the cached
   * count wrong. So a cached apply that deletes under the default guard reads every tag again.
   */
  it('reads every tag again, so the half rule counts what is managed now', async () => {
    for (let i = 0; i < 10; i++) emu.state.seedRelationship(managedSeed(i));
    const ws = await workspaceForTest(Array.from({ length: 10 }, (_, i) => declared(i)));
    const cache = ['--cache', join(ws.cwd, 'cache')];
    expect((await pcc(ws, emu.env, ['plan', ...cache])).code).toBe(0);
    await ws.write(Array.from({ length: 6 }, (_, i) => declared(i)));
    for (const i of [0, 1, 2]) {
      const r = relationshipAt(emu.emulator, i);
      if (!r) throw new Error(`relationship ${i} is not there`);
      emu.state.setTags(r.arn, { team: 'a' });
    }
    emu.emulator.resetStats();
    const applied = await pcc(ws, emu.env, ['apply', '--auto-approve', '--prune', ...cache]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('the plan deletes, and the delete guard counts the managed resources');
    expect(applied.stderr).toMatch(/deletes 4 of the 7 managed relationships/);
    expect(mutatingCalls(emu.emulator)).toBe(0);
    expect(emu.state.relationships()).toHaveLength(10);
  });

  it('with --max-deletes (a plain count), reads only what it writes', async () => {
    for (let i = 0; i < 10; i++) emu.state.seedRelationship(managedSeed(i));
    const ws = await workspaceForTest(Array.from({ length: 10 }, (_, i) => declared(i)));
    const cache = ['--cache', join(ws.cwd, 'cache')];
    expect((await pcc(ws, emu.env, ['plan', ...cache])).code).toBe(0);
    await ws.write(Array.from({ length: 9 }, (_, i) => declared(i)));
    emu.emulator.resetStats();
    const applied = await pcc(ws, emu.env, ['apply', '--auto-approve', '--prune', '--max-deletes', '1', ...cache]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(emu.state.relationships()).toHaveLength(9);
    expect(emu.emulator.stats.calls).toMatchObject({ ListRelationships: 1, GetRelationship: 1, ListTagsForResource: 1, DeleteRelationship: 1 });
  });
});
