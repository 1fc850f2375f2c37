/**
 * Injected faults at given rates, decided by a seeded PRNG: one draw per eligible request, in arrival
 * order, so the same seed and the same request sequence give the same faults.
 */
import { createPrng, type Prng } from './random.js';

export interface FaultOptions {
  /** Share of requests answered 500 InternalServerException before doing anything (0-1). */
  internalErrorRate?: number;
  /** Share of requests answered 429 ThrottlingException before doing anything (0-1). */
  throttleRate?: number;
  /** Share of requests that are performed, then answered by destroying the connection (0-1). */
  dropAfterCommitRate?: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /** Only these operations get faults; default all. */
  operations?: string[];
  /**
   * Credentials that expire: after this many requests (counted from when the faults were set, any operation),
   * every request is refused 403 ExpiredTokenException before anything happens. 0 = expired from the start.
   */
  expireCredentialsAfter?: number;
}

type Fault = 'internalError' | 'throttle' | 'dropAfterCommit';

export interface FaultInjector {
  decide(operation: string): Fault | undefined;
  /** Counts one request; true when the credentials have expired for it (`expireCredentialsAfter`). */
  credentialsExpired(): boolean;
  configure(options: FaultOptions | undefined): void;
}

export function createFaultInjector(initial: FaultOptions | undefined): FaultInjector {
  let options: FaultOptions = {};
  let prng: Prng = createPrng(1);
  let requests = 0;
  const injector: FaultInjector = {
    credentialsExpired() {
      const limit = options.expireCredentialsAfter;
      return limit !== undefined && ++requests > limit;
    },
    configure(next) {
      for (const [name, rate] of Object.entries({ ...next }))
        // An absent rate is 0; a present one must be a share.
        if (name.endsWith('Rate') && rate !== undefined && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))) {
          throw new RangeError(`faults.${name} must be between 0 and 1`);
        }
      options = { ...next };
      prng = createPrng(options.seed ?? 1);
      requests = 0;
    },
    decide(operation) {
      const internal = options.internalErrorRate ?? 0;
      const throttle = options.throttleRate ?? 0;
      const drop = options.dropAfterCommitRate ?? 0;
      if (internal + throttle + drop === 0) return undefined;
      if (options.operations && !options.operations.includes(operation)) return undefined;
      const r = prng();
      if (r < internal) return 'internalError';
      if (r < internal + throttle) return 'throttle';
      if (r < internal + throttle + drop) return 'dropAfterCommit';
      return undefined;
    },
  };
  injector.configure(initial);
  return injector;
}
