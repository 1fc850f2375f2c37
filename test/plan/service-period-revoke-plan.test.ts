/** The pure cores of revoking and replacing service periods, and of the handshake quota checks. */
import { describe, expect, it } from 'vitest';
import type { LiveServicePeriodHandshake, ServicePeriodHandshakeType } from '../../src/live/channel-api.js';
import type { HandshakeStatus } from '../../src/model/service-period.js';
import { buildPlan, type PlanOptions } from '../../src/plan/build-plan.js';
import { desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const ACCOUNT = '111122223333';
const REL = 'rs-aaaaaaaaaaaa1';
const NOTICE_30 = { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' };

let seq = 0;
function hs(type: ServicePeriodHandshakeType, status: HandshakeStatus, createdAt: string, terms = NOTICE_30): LiveServicePeriodHandshake {
  return { id: `ch-aaaaaaaaaaa${String(++seq).padStart(2, '0')}`, handshakeType: type, relationshipId: REL, status, terms, createdAt };
}
const START = (status: HandshakeStatus, at = '2026-11-01T08:00:00.000Z', terms = NOTICE_30) => hs('START_SERVICE_PERIOD', status, at, terms);
const REVOKE = (status: HandshakeStatus, at = '2026-11-20T08:00:00.000Z') => hs('REVOKE_SERVICE_PERIOD', status, at);

function planOf(
  handshakes: LiveServicePeriodHandshake[],
  options: Partial<PlanOptions> = {},
  servicePeriod?: { type: 'MINIMUM_NOTICE_PERIOD'; minimumNoticeDays: 30 | 60 },
  pending = 0,
) {
  return buildPlan(
    desiredState([desiredEntry(ACCOUNT, servicePeriod ? { servicePeriod } : {})]),
    {
      relationships: [liveEntry(ACCOUNT, REL, { tags: { ...MANAGED } })],
      handshakes,
      pendingHandshakes: [{ catalog: 'AWS', handshakeType: 'START_SERVICE_PERIOD', pending }],
    },
    { prune: false, allowReplace: false, dir: 'relationships', now: NOW, ...options },
  );
}
const periodChange = (...args: Parameters<typeof planOf>) => planOf(...args).changes.find((c) => c.kind === 'servicePeriod');

describe('a period no entry declares any more', () => {
  it('is reported without --revoke, revoked with it; the plan records the flag and counts a revoke', () => {
    const accepted = START('ACCEPTED');
    expect(periodChange([accepted])).toMatchObject({
      action: 'no-op',
      reasonCode: 'service-period-undeclared',
      warnings: [expect.stringContaining('--revoke revokes it')],
    });
    const plan = planOf([accepted], { revoke: true });
    expect(plan.changes.find((c) => c.kind === 'servicePeriod')).toMatchObject({
      action: 'delete',
      reasonCode: 'service-period-revoke',
      servicePeriod: { revoke: accepted.id, terms: NOTICE_30 },
    });
    expect(plan).toMatchObject({ applyable: true, options: { revoke: true }, summary: { delete: 0, revoke: 1 } });
  });

  it('waits for a pending revoke; is gone once it is accepted; a rejected revoke is sent again only with --revoke --resend', () => {
    expect(periodChange([START('ACCEPTED'), REVOKE('PENDING')], { revoke: true })).toMatchObject({ action: 'no-op', reasonCode: 'service-period-revoke-pending' });
    expect(periodChange([START('ACCEPTED'), REVOKE('ACCEPTED')], { revoke: true })).toBeUndefined();
    expect(periodChange([START('ACCEPTED'), REVOKE('REJECTED')], { revoke: true })).toMatchObject({ action: 'no-op', reasonCode: 'service-period-revoke-closed' });
    expect(periodChange([START('ACCEPTED'), REVOKE('REJECTED')], { revoke: true, resend: true })).toMatchObject({
      action: 'delete',
      reasonCode: 'service-period-revoke',
    });
  });

  it('an old revoke (before the period now in force) does not count', () => {
    const change = periodChange(
      [START('ACCEPTED', '2026-10-01T00:00:00.000Z'), REVOKE('ACCEPTED', '2026-10-05T00:00:00.000Z'), START('ACCEPTED', '2026-10-10T00:00:00.000Z')],
      { revoke: true },
    );
    expect(change).toMatchObject({ action: 'delete' });
  });

  it('nothing accepted: nothing to revoke', () => {
    expect(periodChange([START('PENDING')], { revoke: true })).toBeUndefined();
    expect(periodChange([START('REJECTED')], { revoke: true })).toBeUndefined();
  });
});

describe('a period declared again after an accepted revoke, and other accepted terms', () => {
  it('requests anew once the revoke was accepted', () => {
    expect(periodChange([START('ACCEPTED'), REVOKE('ACCEPTED')], {}, { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 })).toMatchObject({
      action: 'create',
      reasonCode: 'service-period-none',
    });
  });

  it('other accepted terms: reported, replaced (revoke + request) only with --replace-service-periods', () => {
    const accepted = START('ACCEPTED');
    const sixty = { type: 'MINIMUM_NOTICE_PERIOD' as const, minimumNoticeDays: 60 as const };
    expect(periodChange([accepted], {}, sixty)).toMatchObject({ action: 'no-op', reasonCode: 'service-period-terms-differ' });
    const plan = planOf([accepted], { replaceServicePeriods: true }, sixty);
    expect(plan.changes.find((c) => c.kind === 'servicePeriod')).toMatchObject({
      action: 'replace',
      reasonCode: 'service-period-replace',
      servicePeriod: { revoke: accepted.id, terms: { minimumNoticeDays: '60' } },
    });
    expect(plan).toMatchObject({ applyable: true, summary: { replace: 0, request: 1, revoke: 1 } });
  });
});

describe('handshake quotas', () => {
  const thirty = { type: 'MINIMUM_NOTICE_PERIOD' as const, minimumNoticeDays: 30 as const };
  it('five START handshakes to the account in the last 24 hours: a sixth is an error; older ones do not count', () => {
    const today = Array.from({ length: 5 }, (_, i) => START('CANCELED', new Date(NOW - (i + 1) * 3_600_000).toISOString()));
    const plan = planOf(today, {}, thirty);
    expect(plan.errors.map((e) => e.code)).toEqual(['handshake-quota-per-day']);
    expect(plan.applyable).toBe(false);
    const yesterday = today.map((h) => ({ ...h, createdAt: new Date(NOW - 25 * 3_600_000).toISOString() }));
    expect(planOf(yesterday, {}, thirty).errors).toEqual([]);
  });

  it('200 pending START handshakes: a new request is an error; a re-request that cancels one is not', () => {
    expect(planOf([], {}, thirty, 199).errors).toEqual([]);
    expect(planOf([], {}, thirty, 200).errors.map((e) => e.code)).toEqual(['handshake-quota-active']);
    const pendingOther = START('PENDING', '2026-11-30T08:00:00.000Z', { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '60' });
    expect(planOf([pendingOther], {}, thirty, 200).errors).toEqual([]);
  });
});
