/**
 * Two runners, two refresh caches, one service: a plan from either cache equals a full refresh whenever only
 * pcc wrote, wherever it ran. Tag writes move no revision, so every pcc tag write moves the revision itself
 * (apply-update.ts moveRevision): a cache made before another runner's apply then reads those tags again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createWorkspace, entry, managedSeed, pcc, type Entry, type Workspace } from '../support/e2e-helpers.js';

const N = 4;
const declared = (i: number, tags: Record<string, string>): Entry => entry(i, { resaleAccountModel: 'END_CUSTOMER', tags });

describe('refresh caches of two runners', () => {
  const emu = withEmulator({}, { per: 'test' });
  let ws: Workspace;
  const caches = { A: '', B: '' };

  beforeEach(async () => {
    for (let i = 0; i < N; i++) emu.state.seedRelationship(managedSeed(i));
    ws = await createWorkspace(Array.from({ length: N }, (_, i) => declared(i, { team: 'a' })));
    const root = mkdtempSync(join(tmpdir(), 'pcc-two-caches-'));
    caches.A = join(root, 'runner-a');
    caches.B = join(root, 'runner-b');
  });
  afterEach(() => ws.remove());

  /** The plan as JSON, without what says how it was read (reads, cache use, freshness). */
  async function planned(args: string[]): Promise<unknown> {
    const result = await pcc(ws, emu.env, ['plan', '--format', 'json', ...args]);
    expect(result.code, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout) as Record<string, unknown> & { summary: Record<string, unknown> };
    const { reads: _reads, readsSaved: _saved, freshness: _freshness, ...summary } = plan.summary;
    return { ...plan, summary, refresh: undefined };
  }
  const fromCache = (runner: 'A' | 'B') => planned(['--cache', caches[runner]]);
  const full = () => planned(['--refresh', 'full']);
  async function applyWith(runner: 'A' | 'B') {
    const applied = await pcc(ws, emu.env, ['apply', '--auto-approve', '--cache', caches[runner]]);
    expect(applied.code, applied.stderr).toBe(0);
  }

  it('a tag removed by an apply with cache B: the next plan with cache A shows no change, as a full refresh', async () => {
    expect(await fromCache('A')).toEqual(await full());
    await ws.write(Array.from({ length: N }, (_, i) => declared(i, i === 2 ? {} : { team: 'a' })));
    await applyWith('B');
    const reference = await full();
    expect(reference).toMatchObject({ summary: { update: 0 } });
    expect(await fromCache('A')).toEqual(reference);
  });

  it('a tag changed by an apply with cache B and the file changed back: the plan with cache A shows the change a full refresh shows', async () => {
    expect(await fromCache('A')).toEqual(await full());
    await ws.write(Array.from({ length: N }, (_, i) => declared(i, { team: i === 1 ? 'b' : 'a' })));
    await applyWith('B');
    await ws.write(Array.from({ length: N }, (_, i) => declared(i, { team: 'a' })));
    const reference = await full();
    expect(reference).toMatchObject({ summary: { update: 1 } });
    expect(await fromCache('A')).toEqual(reference);
    // And the merge's reviewed apply accepts the plan made from cache A.
    const saved = await pcc(ws, emu.env, ['plan', '--out', 'reviewed.json', '--cache', caches.A]);
    expect(saved.code, saved.stderr).toBe(0);
    const merged = await pcc(ws, emu.env, ['apply', '--auto-approve', '--reviewed', 'reviewed.json', '--cache', caches.B]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(emu.state.relationships().every((r) => r.tags.team === 'a')).toBe(true);
  });

  it('random sequences of applies from either cache: each cache plans what a full refresh plans', { timeout: 300_000 }, async () => {
    const first = Number(process.env.PCC_TEST_SEED ?? Date.now() % 100_000);
    let seed = first;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = [undefined, 'a', 'b'];
    let files = Array.from({ length: N }, () => ({ team: 'a' }) as Record<string, string>);
    for (let step = 0; step < 5; step++) {
      const runner = random() < 0.5 ? 'A' : 'B';
      // Change one or two entries' tags (add, change or remove), then apply them from one runner's cache.
      for (let k = 0; k < 1 + Math.floor(random() * 2); k++) {
        const i = Math.floor(random() * N);
        const key = random() < 0.5 ? 'team' : 'cost';
        const value = values[Math.floor(random() * values.length)];
        const next = { ...files[i] };
        if (value === undefined) delete next[key];
        else next[key] = value;
        files = files.map((tags, j) => (j === i ? next : tags));
      }
      await ws.write(files.map((tags, i) => declared(i, tags)));
      const context = `PCC_TEST_SEED=${first}, step ${step}, apply from ${runner}`;
      await applyWith(runner);
      const reference = await full();
      expect(reference, context).toMatchObject({ summary: { update: 0 } });
      expect(await fromCache('A'), `${context}: cache A`).toEqual(reference);
      expect(await fromCache('B'), `${context}: cache B`).toEqual(reference);
    }
  });
});
