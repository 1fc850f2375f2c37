/**
 * `pcc plan --refresh rolling --verify-every N` through the built CLI against the emulator over HTTP: each run
 * lists everything, reads what moved and ⌈L/N⌉ of the oldest cached tags, so every relationship's tags are read
 * within N runs and a tag edit that moves no revision (the console's) is found; the plan says how recent it is.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId, createWorkspace, entry, managedSeed, PMA, pcc, type Workspace } from '../support/e2e-helpers.js';
import { withEmulator } from '../support/emulator.js';

const N = 12;
const EVERY = 3;

interface Freshness {
  listedAt: string;
  tagsReadNow: number;
  tagsReused: number;
  oldestTagsReadAt?: string;
  verifyEvery?: number;
}

interface JsonPlan {
  changes: { address: string; action: string; fields: { name: string }[] }[];
  summary: Record<string, number> & { freshness?: Freshness };
}

describe('pcc plan --refresh rolling', () => {
  const emu = withEmulator({}, { per: 'test' });
  let ws: Workspace;
  let cacheDir: string;

  beforeEach(async () => {
    for (let i = 0; i < N; i++) emu.state.seedRelationship(managedSeed(i));
    ws = await createWorkspace(Array.from({ length: N }, (_, i) => entry(i, { tags: { team: 'a' } })));
    cacheDir = join(ws.cwd, 'cache');
  });
  afterEach(() => ws.remove());

  async function plan(args: string[] = []): Promise<{ plan: JsonPlan; tagReads: number; calls: Record<string, number> }> {
    emu.emulator.resetStats();
    const result = await pcc(ws, emu.env, ['plan', '--format', 'json', '--cache', cacheDir, ...args]);
    expect(result.code, result.stderr).toBe(0);
    const calls = { ...emu.emulator.stats.calls };
    return { plan: JSON.parse(result.stdout) as JsonPlan, tagReads: calls.ListTagsForResource ?? 0, calls };
  }
  const rolling = () => plan(['--refresh', 'rolling', '--verify-every', String(EVERY)]);
  const arnOf = (i: number) => emu.state.relationships().find((r) => r.associatedAccountId === accountId(i))?.arn as string;

  it('reads ⌈L/N⌉ of the oldest tags a run, every relationship within N runs, and says how recent they are', async () => {
    const cold = await plan();
    expect(cold.tagReads).toBe(N);
    expect(cold.plan.summary.freshness).toMatchObject({ tagsReadNow: N, tagsReused: 0 });
    expect(cold.plan.summary.freshness?.oldestTagsReadAt).toBeUndefined();
    const coldListedAt = cold.plan.summary.freshness?.listedAt as string;

    const runs = [];
    for (let run = 1; run <= EVERY; run++) runs.push(await rolling());
    for (const run of runs) {
      // Nothing moved: the lists and ⌈12/3⌉ = 4 tag reads; no GetRelationship (resaleAccountModel is cached).
      expect(run.tagReads).toBe(Math.ceil(N / EVERY));
      expect(run.calls.GetRelationship ?? 0).toBe(0);
      expect(run.plan.summary.freshness).toMatchObject({ tagsReadNow: 4, tagsReused: N - 4, verifyEvery: EVERY });
      expect(Date.parse(run.plan.summary.freshness?.listedAt as string)).toBeGreaterThanOrEqual(Date.parse(coldListedAt));
    }
    // Runs 1 and 2 still reuse tags the cold plan read; by run 3, every tag the cold plan read was read again,
    // so what run 3 reuses was read by runs 1 and 2 (after the cold plan listed).
    const oldest = runs.map((run) => Date.parse(run.plan.summary.freshness?.oldestTagsReadAt as string));
    const coldListed = Date.parse(coldListedAt);
    const runListed = runs.map((run) => Date.parse(run.plan.summary.freshness?.listedAt as string));
    expect(oldest[0]).toBeLessThan(runListed[0] as number);
    expect(oldest[1]).toBeLessThan(runListed[0] as number);
    expect(oldest[2]).toBeGreaterThanOrEqual(runListed[0] as number);
    expect(oldest[2]).toBeGreaterThan(coldListed);

    // `cached` on the same cache reads nothing and says the tags are reused.
    const cached = await plan();
    expect(cached.tagReads).toBe(0);
    expect(cached.plan.summary.freshness).toMatchObject({ tagsReadNow: 0, tagsReused: N });
    expect(cached.plan.summary.freshness?.verifyEvery).toBeUndefined();
  });

  it('finds a hand tag edit that moves no revision within N runs, where a cached plan never does', async () => {
    await plan();
    const edited = N - 1; // the last in address order: the newest read of the cold plan
    emu.state.setTags(arnOf(edited), { 'pcc:managed': 'true', team: 'b' });
    const address = `AWS/${PMA}/${accountId(edited)}`;
    const updated = (p: JsonPlan) => p.changes.some((c) => c.address === address && c.action === 'update' && c.fields.some((f) => f.name === 'tags.team'));

    expect(updated((await plan()).plan)).toBe(false);
    const seen: boolean[] = [];
    for (let run = 1; run <= EVERY; run++) seen.push(updated((await rolling()).plan));
    const first = seen.indexOf(true);
    expect(first, `seen per run: ${seen.join()}`).toBeGreaterThanOrEqual(0);
    // Once read, the fresh tags are what the cache keeps: every later plan sees the edit.
    expect(seen.slice(first).every(Boolean)).toBe(true);
    expect(updated((await plan()).plan)).toBe(true);
  });

  it('reads everything that moved besides the rolling share', async () => {
    await plan();
    for (const i of [0, 1, 2, 3, 4]) emu.state.mutateRelationship(managedId(i), { displayName: `Renamed ${i}` });
    const run = await rolling();
    // 5 moved (misses, read), and the 4 oldest of the 7 still reusable.
    expect(run.tagReads).toBe(5 + 4);
    expect(run.plan.summary.freshness).toMatchObject({ tagsReadNow: 9, tagsReused: 3 });
  });
  const managedId = (i: number) => emu.state.relationships().find((r) => r.associatedAccountId === accountId(i))?.id as string;

  it('prints the freshness line under the plan in text and markdown', async () => {
    await plan();
    const text = await pcc(ws, emu.env, ['plan', '--cache', cacheDir, '--refresh', 'rolling', '--verify-every', String(EVERY)]);
    expect(text.code, text.stderr).toBe(0);
    const minute = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ';
    const line = new RegExp(
      `^Freshness: listed ${minute}; tags of 4 relationships read then, 8 reused from the refresh cache \\(read since ${minute}; each read again at least every 3 runs\\)\\.$`,
    );
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(line);

    const markdown = await pcc(ws, emu.env, ['plan', '--cache', cacheDir, '--refresh', 'rolling', '--verify-every', String(EVERY), '--format', 'markdown']);
    expect(markdown.code, markdown.stderr).toBe(0);
    const sub = markdown.stdout.split('\n').find((l) => l.startsWith('<sub>Freshness: '));
    expect(sub).toMatch(new RegExp(`^<sub>Freshness: listed ${minute}; tags of 4 relationships read then, 8 reused .*every 3 runs\\)\\.</sub>$`));
  });

  it('a plan saved from a rolling refresh (its freshness in the summary) is applied as any saved plan', async () => {
    await plan();
    await ws.write(Array.from({ length: N }, (_, i) => entry(i, { tags: { team: 'a' }, ...(i === 5 ? { displayName: 'Renamed 5' } : {}) })));
    const saved = await pcc(ws, emu.env, ['plan', '--cache', cacheDir, '--refresh', 'rolling', '--verify-every', String(EVERY), '--out', 'plan.json']);
    expect(saved.code, saved.stderr).toBe(0);
    const file = JSON.parse(await readFile(join(ws.cwd, 'plan.json'), 'utf8')) as JsonPlan;
    expect(file.summary.freshness).toMatchObject({ tagsReadNow: 4, tagsReused: N - 4, verifyEvery: EVERY });
    const applied = await pcc(ws, emu.env, ['apply', 'plan.json', '--cache', cacheDir, '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(emu.state.relationships().find((r) => r.associatedAccountId === accountId(5))?.displayName).toBe('Renamed 5');
  });

  it('refuses --verify-every without --refresh rolling, and a bad N, before any API call', async () => {
    emu.emulator.resetStats();
    const without = await pcc(ws, emu.env, ['plan', '--cache', cacheDir, '--verify-every', '3']);
    expect(without.code).toBe(1);
    expect(without.stdout).toBe('');
    expect(without.stderr).toContain('--verify-every is only for --refresh rolling');
    const full = await pcc(ws, emu.env, ['plan', '--cache', cacheDir, '--refresh', 'full', '--verify-every', '3']);
    expect(full.code).toBe(1);
    expect(full.stderr).toContain("this plan's refresh is full");
    for (const bad of ['0', '-1', '2.5', 'ten']) {
      const result = await pcc(ws, emu.env, ['plan', '--cache', cacheDir, '--refresh', 'rolling', '--verify-every', bad]);
      expect(result.code, bad).toBe(1);
      expect(result.stderr, bad).toContain('--verify-every');
    }
    expect(emu.emulator.stats.calls).toEqual({});
  });
});
