import pLimit from 'p-limit';
import pThrottle from 'p-throttle';

/**
 * Client-side limits for API calls: at most `parallelism` requests in flight, and each operation at most its
 * rate (requests per second). Counting here also gives the benchmarks their call figures.
 */
export interface RequestLimits {
  parallelism: number;
  readRate: number;
  writeRate: number;
  /** Hears of each call that waits for its operation's rate (`--debug`). */
  onThrottle?: (operation: string) => void;
}

export type AccessLevel = 'read' | 'write';

export interface RequestLimiter {
  run<T>(operation: string, access: AccessLevel, call: () => Promise<T>): Promise<T>;
  /** Calls started, per operation. */
  readonly calls: Readonly<Record<string, number>>;
}

/** A sliding-window throttle: never more than `rate` calls in any second, fractional rates spread evenly. */
function throttleFor(rate: number, onDelay?: () => void): <T>(call: () => Promise<T>) => Promise<T> {
  const options = Number.isInteger(rate) ? { limit: rate, interval: 1000 } : { limit: 1, interval: 1000 / rate };
  const throttle = pThrottle({ ...options, strict: true, ...(onDelay ? { onDelay } : {}) });
  const throttled = throttle((call: () => Promise<unknown>) => call());
  return <T>(call: () => Promise<T>) => throttled(call) as Promise<T>;
}

export function createRequestLimiter(limits: RequestLimits): RequestLimiter {
  const inFlight = pLimit(limits.parallelism);
  const throttles = new Map<string, <T>(call: () => Promise<T>) => Promise<T>>();
  const calls: Record<string, number> = {};
  return {
    calls,
    run(operation, access, call) {
      let throttle = throttles.get(operation);
      if (!throttle) {
        const { onThrottle } = limits;
        throttle = throttleFor(access === 'read' ? limits.readRate : limits.writeRate, onThrottle && (() => onThrottle(operation)));
        throttles.set(operation, throttle);
      }
      const throttled = throttle;
      // Take the in-flight slot first, then wait for the rate: a request starts exactly when its rate allows.
      return inFlight(() =>
        throttled(() => {
          calls[operation] = (calls[operation] ?? 0) + 1;
          return call();
        }),
      );
    },
  };
}
