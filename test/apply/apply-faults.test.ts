import { describe, expect, it } from 'vitest';
import { MANAGED_TAG, SUPPORT_PLAN_TAG } from '../../src/model/ownership-tags.js';
import { supportPlanTagValue } from '../../src/model/support-plan-tag.js';
import type { SupportPlan } from '../../src/model/relationship.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, countByAddress, entry, pcc, PMA, relationshipAt, workspaceForTest } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 5, rateLimits: { factor: 10 } }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

const SUPPORT: SupportPlan = { partnerLedSupport: { coverage: 'MANAGEMENT_ACCOUNT_ONLY', tamLocation: 'eu-west-1' } };
const CREATES = 24;
const UPDATES = 8;

describe('apply under injected faults', () => {
  // The SDK's backoff (and adaptive mode's slowdown after 429s) makes this the slowest test here: give it room.
  it('converges with throttling, 500s and commit-then-drop: no duplicate, no lost update', { timeout: 240_000 }, async () => {
    for (let i = 0; i < UPDATES; i++) {
      h.state.seedRelationship({
        pmaId: PMA,
        associatedAccountId: accountId(1000 + i),
        associationType: 'END_CUSTOMER',
        displayName: `Old ${i}`,
        sector: 'COMMERCIAL',
        tags: { [MANAGED_TAG]: 'true' },
      });
    }
    const entries = [
      ...Array.from({ length: CREATES }, (_, i) => entry(i)),
      ...Array.from({ length: UPDATES }, (_, i) => entry(1000 + i, { displayName: `New ${i}`, requestedSupportPlan: SUPPORT })),
    ];
    const ws = await workspaceForTest(entries);
    h.emulator.setFaults({ seed: 42, throttleRate: 0.05, internalErrorRate: 0.05, dropAfterCommitRate: 0.15 });

    // Client rates above the emulator's (write 30/s) so its 429s happen too, not just the injected ones.
    const rates = ['--write-rate', '60', '--read-rate', '100'];
    const runs: number[] = [];
    for (let run = 0; run < 6; run++) {
      const result = await pcc(ws, h.env, [...rates, 'apply', '--auto-approve']);
      runs.push(result.code ?? -1);
      if (result.code === 0 && result.stderr.includes('No changes.')) break;
    }
    const stats = h.emulator.stats;
    expect(stats.injected.dropAfterCommit).toBeGreaterThan(0);
    expect(stats.injected.internalError).toBeGreaterThan(0);
    expect(stats.throttled).toBeGreaterThan(0);
    expect(runs.at(-1)).toBe(0);

    h.emulator.setFaults(undefined);
    const plan = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const counts = countByAddress(h.emulator);
    expect(counts.size).toBe(CREATES + UPDATES);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    for (let i = 0; i < UPDATES; i++) {
      const updated = relationshipAt(h.emulator, 1000 + i)!;
      expect(updated.displayName).toBe(`New ${i}`);
      expect(updated.requestedSupportPlan).toEqual(SUPPORT);
      expect(updated.tags[SUPPORT_PLAN_TAG]).toBe(supportPlanTagValue(SUPPORT));
    }
  });
});
