import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Reads may lag writes: a relationship whose create answered can be missing from GetRelationship and
 * ListRelationships for a few seconds. Before concluding anything from "not there", apply reads again after
 * each of these waits (ms): 250 ms doubling to 4 s, about 8 s in all. Documented in README ("Apply").
 */
export const READ_LAG_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 4000];

/**
 * Runs `read` until it gives a value, waiting `delays` between tries. Undefined when it never does: only
 * then may the caller take the absence as real.
 */
export async function readAllowingLag<T>(read: () => Promise<T | undefined>, delays: readonly number[] = READ_LAG_DELAYS_MS): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    const value = await read();
    if (value !== undefined) return value;
    const wait = delays[attempt];
    if (wait === undefined) return undefined;
    await sleep(wait);
  }
}
