/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence, so fault injection and generated
 * ids repeat from run to run. Not for anything secret.
 */

export type Prng = () => number;

export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 32);
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `prefix-` and 13 characters of [a-z0-9], the service's id format (`rs-…`, `pma-…`). */
export function generateId(prefix: string, prng: Prng): string {
  let id = `${prefix}-`;
  for (let i = 0; i < 13; i++) id += ID_ALPHABET[Math.floor(prng() * ID_ALPHABET.length)];
  return id;
}
