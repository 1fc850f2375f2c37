/**
 * Property-style: on randomised live states (seeded generator, so a failure repeats), a plan from the refresh
 * cache equals a plan from a full refresh, through rounds of out-of-band changes (renames, tag changes that bump
 * the revision, deletions, new relationships) and pcc's own tag writes (no revision bump, cache invalidated).
 * Reads go through the real SDK adapter to the emulator over HTTP; the cache through its file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DesiredRelationship } from '../../src/desired/types.js';
import { createPrng, type Prng } from '../../src/emulator/random.js';
import { readLive } from '../../src/live/read-live.js';
import { SETTLE_MS } from '../../src/live/refresh-cache.js';
import { openRefreshCache } from '../../src/live/refresh-cache-store.js';
import { createSdkChannelApi, type SdkChannelApi } from '../../src/live/sdk-channel-api.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { withEmulator } from '../support/emulator.js';
import { desiredEntry, desiredState, PMA } from '../support/state-builders.js';

const TRIALS = 12;
const ROUNDS = 4;
const OPTIONS = { prune: true, allowReplace: true, dir: 'relationships' };
const RESALE = ['END_CUSTOMER', 'DISTRIBUTOR'] as const;

const pick = <T>(prng: Prng, items: readonly T[]): T => items[Math.floor(prng() * items.length)] as T;
const account = (i: number) => String(300000000000 + i);
const randomTags = (prng: Prng) => Object.fromEntries(['team', 'cost-center', 'env'].filter(() => prng() < 0.5).map((k) => [k, pick(prng, ['a', 'b'])]));

describe('plan from the refresh cache equals plan from a full refresh', () => {
  const emu = withEmulator({ idSeed: 7 }, { per: 'test' });
  let cacheDir: string;
  let api: SdkChannelApi;
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID ??= 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'secret';
  });
  // A cache folder per trial: the cache is keyed by endpoint, and a trial's emulator may get the port (and, from
  // the same idSeed, the ids) of an earlier trial's, whose entries would then read as this one's.
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'pcc-cache-prop-'));
  });
  afterEach(() => rm(cacheDir, { recursive: true, force: true }));

  it.each(Array.from({ length: TRIALS }, (_, seed) => seed + 1))('seed %i', async (seed) => {
    const prng = createPrng(seed);
    const { state, endpoint } = emu;
    api = await createSdkChannelApi({ endpointUrl: endpoint, region: 'us-east-1', parallelism: 8, readRate: 10_000, writeRate: 10_000, maxAttempts: 1 });
    const target = { endpoint, region: 'us-east-1' };
    // A day ago: the cache file never holds times ahead of the real clock (refresh-cache-file.ts), and the rounds add minutes.
    let clock = Date.now() - 24 * 3600_000;
    let next = 0;
    const seedOne = () => {
      const i = next++;
      state.seedRelationship({
        pmaId: PMA,
        associatedAccountId: account(i),
        associationType: 'END_CUSTOMER',
        displayName: `Customer ${i}`,
        sector: 'COMMERCIAL',
        resaleAccountModel: pick(prng, RESALE),
        tags: { ...randomTags(prng), ...(prng() < 0.7 ? { 'pcc:managed': 'true' } : {}) },
      });
    };
    const count = 5 + Math.floor(prng() * 30);
    for (let i = 0; i < count; i++) seedOne();
    const desired = desiredState(
      Array.from({ length: count + 3 }, (_, i): DesiredRelationship =>
        desiredEntry(account(i), {
          displayName: prng() < 0.8 ? `Customer ${i}` : `Renamed ${i}`,
          tags: randomTags(prng),
          ...(prng() < 0.6 ? { resaleAccountModel: pick(prng, RESALE) } : {}),
        }),
      ).filter(() => prng() < 0.85),
    );
    let saved = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const full = await readLive(api, desired);
        const store = await openRefreshCache(cacheDir, target);
        const cached = await readLive(api, desired, { cache: store.entries, now: () => clock });
        await store.saveRefresh(cached.refresh);
        expect(buildPlan(desired, cached, OPTIONS), `round ${round}`).toEqual(buildPlan(desired, full, OPTIONS));
        if (round > 0) saved += cached.refresh.readsSaved;
        clock += prng() < 0.5 ? 1_000 : SETTLE_MS * 2;
        await changeOutOfBand(prng, state, seedOne, async (id, tags) => {
          // pcc's own tag write: no revision bump, so only the invalidation keeps the cache honest.
          const record = state.getRelationship(id);
          if (!record) return;
          state.setTags(record.arn, tags);
          await (await openRefreshCache(cacheDir, target)).invalidate([{ id, catalog: 'AWS', pmaId: PMA }], clock);
        });
      }
    } finally {
      api.destroy();
    }
    // Not vacuous: the cache did spare reads across the rounds.
    expect(saved).toBeGreaterThan(0);
  });
});

type EmulatorState = ReturnType<typeof withEmulator>['state'];

/** A handful of changes by someone else (all bump the revision, as the contract assumes) and by pcc. */
async function changeOutOfBand(
  prng: Prng,
  state: EmulatorState,
  seedOne: () => void,
  pccTagWrite: (id: string, tags: Record<string, string>) => Promise<void>,
): Promise<void> {
  const changes = 1 + Math.floor(prng() * 5);
  for (let n = 0; n < changes; n++) {
    const all = state.relationships();
    const victim = all[Math.floor(prng() * all.length)];
    const kind = Math.floor(prng() * 5);
    if (!victim || kind === 0) seedOne();
    else if (kind === 1) state.mutateRelationship(victim.id, { displayName: `Out of band ${n}` });
    else if (kind === 2) {
      state.setTags(victim.arn, { ...victim.tags, team: pick(prng, ['x', 'y']) });
      state.mutateRelationship(victim.id, {});
    } else if (kind === 3) state.removeRelationship(victim.id);
    else await pccTagWrite(victim.id, { ...victim.tags, env: pick(prng, ['p', 'q']), 'pcc:managed': 'true' });
  }
}
