import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { entry, pcc, PMA, workspaceForTest } from '../support/e2e-helpers.js';

// A PMA that holds at most 2 relationships: the third create answers 402 ServiceQuotaExceededException.
const h = withEmulator({ idSeed: 4, relationshipQuotaPerPma: 2 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

describe('the 1,000-per-PMA quota', () => {
  it('is reported as a failed change, not retried forever; the rest apply', async () => {
    const ws = await workspaceForTest([entry(1), entry(2), entry(3)]);
    const result = await pcc(ws, h.env, ['--parallelism', '1', 'apply', '--auto-approve', '--format', 'json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { outcomes: { status: string; error?: string }[]; summary: Record<string, number> };
    expect(json.summary).toMatchObject({ created: 2, failed: 1 });
    const failure = json.outcomes.find((o) => o.status === 'failed');
    expect(failure?.error).toMatch(/service quota exceeded after \d attempts .*at most 1,000 relationships/);
    expect(result.stderr).toContain('Apply failed: 2 created, 0 updated, 0 deleted, 1 failed.');
    // The model marks ServiceQuotaExceeded retryable, so the SDK retries it; the adapter's maxAttempts (5) bounds that.
    expect(h.emulator.stats.errors.ServiceQuotaExceededException).toBeLessThanOrEqual(5);
    expect(h.emulator.stats.calls.CreateRelationship).toBeLessThanOrEqual(2 + 5);
  });
});
