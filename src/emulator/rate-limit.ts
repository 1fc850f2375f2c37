/**
 * Per-operation token buckets at the documented quotas times a factor; burst = rate (at least 1 token),
 * refilled continuously. A request that finds the bucket empty is answered 429 ThrottlingException.
 */

export interface RateLimiter {
  /** Takes a token for the operation; false means throttle. */
  tryTake(operation: string): boolean;
}

interface Bucket {
  tokens: number;
  capacity: number;
  perMs: number;
  last: number;
}

export function createRateLimiter(ratesPerSecond: Readonly<Record<string, number>>, factor: number, now: () => number = () => performance.now()): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    tryTake(operation) {
      const base = ratesPerSecond[operation];
      if (base === undefined) return true;
      let bucket = buckets.get(operation);
      const t = now();
      if (!bucket) {
        const rate = base * factor;
        const capacity = Math.max(1, rate);
        bucket = { tokens: capacity, capacity, perMs: rate / 1000, last: t };
        buckets.set(operation, bucket);
      }
      bucket.tokens = Math.min(bucket.capacity, bucket.tokens + (t - bucket.last) * bucket.perMs);
      bucket.last = t;
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
