import { CreateRelationshipCommand, ListRelationshipsCommand, ThrottlingException } from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/emulator/rate-limit.js';
import { withEmulator } from '../support/emulator.js';
import { createInput, failureOf, PMA_ID } from './support.js';

function takes(limiter: ReturnType<typeof createRateLimiter>, operation: string, n: number): boolean[] {
  return Array.from({ length: n }, () => limiter.tryTake(operation));
}

describe('token buckets (fake clock)', () => {
  const rates = { Write: 3, Read: 5 };

  it('allows a burst equal to the rate, then refills at the rate', () => {
    let now = 0;
    const limiter = createRateLimiter(rates, 1, () => now);
    expect(takes(limiter, 'Write', 4)).toEqual([true, true, true, false]);
    expect(takes(limiter, 'Read', 6)).toEqual([true, true, true, true, true, false]);
    now = 333; // 0.999 of a write token
    expect(limiter.tryTake('Write')).toBe(false);
    now = 334;
    expect(limiter.tryTake('Write')).toBe(true);
    now = 10_000; // never more than the burst
    expect(takes(limiter, 'Write', 4)).toEqual([true, true, true, false]);
  });

  it('scales rate and burst by the factor, keeping at least one token of burst', () => {
    let now = 0;
    const doubled = createRateLimiter(rates, 2, () => now);
    expect(takes(doubled, 'Write', 7)).toEqual([true, true, true, true, true, true, false]);
    now = 167; // 6/s: one token per 166.7 ms
    expect(doubled.tryTake('Write')).toBe(true);
    const slow = createRateLimiter(rates, 0.1, () => now);
    expect(takes(slow, 'Write', 2)).toEqual([true, false]);
    now += 3_333;
    expect(slow.tryTake('Write')).toBe(false);
    now += 1;
    expect(slow.tryTake('Write')).toBe(true);
  });

  it('keeps one bucket per operation and lets unlisted operations through', () => {
    const limiter = createRateLimiter(rates, 1, () => 0);
    takes(limiter, 'Write', 3);
    expect(limiter.tryTake('Write')).toBe(false);
    expect(limiter.tryTake('Read')).toBe(true);
    expect(takes(limiter, 'Other', 100).every(Boolean)).toBe(true);
  });
});

describe('rate limits over HTTP', () => {
  // A tiny factor: one token of burst and a refill far slower than the test, so the outcome never depends on timing.
  const emu = withEmulator({ rateLimits: { factor: 0.001 } }, { seed: (e) => void e.state.createPma({ id: PMA_ID }) });

  it('answers 429 ThrottlingException beyond the bucket, per operation, and counts it', async () => {
    const client = emu.client();
    await client.send(new ListRelationshipsCommand({ catalog: 'AWS' }));
    const error = await failureOf(client.send(new ListRelationshipsCommand({ catalog: 'AWS' })));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error).toMatchObject({ quotaCode: 'ListRelationships-requests-per-second', $metadata: { httpStatusCode: 429 } });
    await client.send(new CreateRelationshipCommand(createInput()));
    expect(emu.emulator.stats).toMatchObject({
      calls: { ListRelationships: 2, CreateRelationship: 1 },
      throttled: 1,
      throttledByOperation: { ListRelationships: 1 },
      faults: 0,
    });
  });
});

describe('no rate limits in-process by default', () => {
  const emu = withEmulator({}, { seed: (e) => void e.state.createPma({ id: PMA_ID }) });

  it('answers a burst far above the quotas', async () => {
    const client = emu.client();
    await Promise.all(Array.from({ length: 30 }, () => client.send(new ListRelationshipsCommand({ catalog: 'AWS' }))));
    expect(emu.emulator.stats.throttled).toBe(0);
    expect(emu.emulator.stats.calls.ListRelationships).toBe(30);
  });
});
