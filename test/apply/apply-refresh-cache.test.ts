/**
 * Apply and the refresh cache, through the built CLI and the emulator: apply plans with full reads (never on
 * cached data), and its own writes void the cached tags they touch (tag writes move no revision).
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../helpers/emulator.js';
import { createWorkspace, entry, managedSeed as seedOf, pcc, type Workspace } from './e2e-helpers.js';

const N = 20;
const declared = (i: number, team = 'a') => entry(i, { resaleAccountModel: 'END_CUSTOMER', tags: { team } });

describe('pcc apply with the refresh cache', () => {
  const emu = withEmulator({}, { per: 'test' });
  let ws: Workspace;
  let cache: string[];

  beforeEach(async () => {
    for (let i = 0; i < N; i++) emu.state.seedRelationship(seedOf(i));
    ws = await createWorkspace(Array.from({ length: N }, (_, i) => declared(i)));
    cache = ['--cache', join(ws.cwd, 'cache')];
    expect((await pcc(ws, emu.env, ['plan', ...cache])).code).toBe(0);
  });
  afterEach(() => ws.remove());

  async function run(args: string[]) {
    emu.emulator.resetStats();
    const result = await pcc(ws, emu.env, [...args, ...cache]);
    return { ...result, calls: { ...emu.emulator.stats.calls } };
  }

  async function retagFive(apply: () => Promise<{ code: number | null; stderr: string; calls: Record<string, number> }>) {
    await ws.write(Array.from({ length: N }, (_, i) => declared(i, i === 5 ? 'b' : 'a')));
    const applied = await apply();
    expect(applied.code, applied.stderr).toBe(0);
    expect(emu.state.relationships().find((r) => r.associatedAccountId === entry(5).associatedAccountId)?.tags.team).toBe('b');
    return applied;
  }

  it('plans with full reads despite a warm cache, and voids the cached tags it wrote', async () => {
    const applied = await retagFive(() => run(['apply', '--auto-approve']));
    // Planning inside apply read every tag and detail (then apply re-read what it changed).
    expect(applied.calls.ListTagsForResource).toBeGreaterThanOrEqual(N);
    expect(applied.calls.GetRelationship).toBeGreaterThanOrEqual(N);

    // The tag write moved no revision: only the invalidation makes the next plan read it again.
    const after = await run(['plan', '--format', 'json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).summary).toMatchObject({ update: 0, noOp: N, reads: 1 });
    expect(after.calls).toEqual({ ListRelationships: 1, ListTagsForResource: 1 });
  });

  it('applying a plan saved from the cache also voids what it wrote', async () => {
    await ws.write(Array.from({ length: N }, (_, i) => declared(i, i === 5 ? 'b' : 'a')));
    const saved = await run(['plan', '--out', 'saved.plan.json']);
    expect(saved.calls).toEqual({ ListRelationships: 1 });
    await retagFive(() => run(['apply', '--auto-approve', 'saved.plan.json']));
    const after = await run(['plan', '--format', 'json']);
    expect(JSON.parse(after.stdout).summary).toMatchObject({ update: 0, noOp: N, reads: 1 });
  });
});
