import { describe, expect, it, vi } from 'vitest';
import { createRequestLimiter } from '../../src/live/request-limiter.js';
import { ApiError, toApiError } from '../../src/live/api-error.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * When a call started, on the clock the limiter's windows are counted in (p-throttle reads Date.now and waits with
 * setTimeout). The rate tests run on vitest's fake timers: on a loaded machine a real timer fires late and the
 * window's first call then starts late, which made a full window read a few ms short.
 */
const startedAt = () => Date.now();

/** Runs `calls` to completion on fake timers (Date.now and setTimeout), advancing time only as the timers need. */
async function onFakeTimers(calls: () => Promise<unknown>): Promise<void> {
  vi.useFakeTimers();
  try {
    const done = calls();
    await vi.runAllTimersAsync();
    await done;
  } finally {
    vi.useRealTimers();
  }
}

describe('createRequestLimiter', () => {
  it('never starts more than `rate` calls of one operation in any one-second window', async () => {
    const limiter = createRequestLimiter({ parallelism: 50, readRate: 20, writeRate: 3 });
    const starts: number[] = [];
    await onFakeTimers(() =>
      Promise.all(
        Array.from({ length: 25 }, () =>
          limiter.run('GetRelationship', 'read', async () => {
            starts.push(startedAt());
          }),
        ),
      ),
    );
    starts.sort((a, b) => a - b);
    // The 21st call may only start a full second after the 1st (a few ms of timer slack allowed).
    for (let i = 20; i < starts.length; i++) expect(starts[i]! - starts[i - 20]!).toBeGreaterThanOrEqual(995);
    expect(limiter.calls).toEqual({ GetRelationship: 25 });
  });

  it('limits each operation on its own and uses the write rate for writes', async () => {
    const limiter = createRequestLimiter({ parallelism: 50, readRate: 50, writeRate: 2 });
    const startsByOp: Record<string, number[]> = { TagResource: [], UntagResource: [] };
    await Promise.all(
      ['TagResource', 'UntagResource'].flatMap((op) => Array.from({ length: 3 }, () => limiter.run(op, 'write', async () => void startsByOp[op]!.push(startedAt())))),
    );
    for (const starts of Object.values(startsByOp)) {
      starts.sort((a, b) => a - b);
      expect(starts[2]! - starts[0]!).toBeGreaterThanOrEqual(995);
    }
    // Two operations at 2/s each: both reach their third call after about one second, not two.
    expect(limiter.calls).toEqual({ TagResource: 3, UntagResource: 3 });
  });

  it('keeps at most `parallelism` calls in flight', async () => {
    const limiter = createRequestLimiter({ parallelism: 3, readRate: 1000, writeRate: 1000 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.run('ListRelationships', 'read', async () => {
          peak = Math.max(peak, ++inFlight);
          await sleep(10);
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it('passes failures through to the caller', async () => {
    const limiter = createRequestLimiter({ parallelism: 1, readRate: 10, writeRate: 10 });
    await expect(limiter.run('GetRelationship', 'read', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});

describe('toApiError', () => {
  it('classifies the modelled service errors and keeps status and attempts', () => {
    const error = toApiError('UpdateRelationship', {
      name: 'ConflictException',
      message: 'Revision mismatch',
      $metadata: { httpStatusCode: 409, attempts: 2 },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ operation: 'UpdateRelationship', category: 'conflict', status: 409, attempts: 2, code: 'ConflictException' });
    expect(error.message).toBe('Revision mismatch');
  });

  it.each([
    ['ValidationException', 400, 'validation'],
    ['AccessDeniedException', 403, 'access-denied'],
    ['ResourceNotFoundException', 404, 'not-found'],
    ['ServiceQuotaExceededException', 402, 'quota-exceeded'],
    ['ThrottlingException', 429, 'throttling'],
    ['InternalServerException', 500, 'internal'],
    ['SomethingNew', 503, 'internal'],
    ['SomethingElse', 418, 'unknown'],
  ])('maps %s (%i) to %s', (name, status, kind) => {
    expect(toApiError('GetRelationship', { name, message: 'm', $metadata: { httpStatusCode: status } }).category).toBe(kind);
  });

  it('recognises missing credentials and network failures', () => {
    expect(toApiError('ListRelationships', { name: 'CredentialsProviderError', message: 'no creds' }).category).toBe('credentials');
    expect(toApiError('ListRelationships', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).category).toBe('network');
    expect(toApiError('ListRelationships', undefined).category).toBe('unknown');
  });
});
