/** The pure core of service-period planning: which status and terms lead to a request, a wait or a report. */
import { describe, expect, it } from 'vitest';
import type { DesiredRelationship } from '../../src/desired/types.js';
import type { LiveServicePeriodHandshake } from '../../src/live/channel-api.js';
import type { HandshakeStatus } from '../../src/model/service-period.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const ACCOUNT = '111122223333';
const NOTICE = { type: 'MINIMUM_NOTICE_PERIOD' as const, minimumNoticeDays: 30 as const };

function handshake(status: HandshakeStatus | undefined, terms = { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' }): LiveServicePeriodHandshake {
  return {
    id: 'ch-aaaaaaaaaaaa1',
    handshakeType: 'START_SERVICE_PERIOD',
    relationshipId: 'rs-aaaaaaaaaaaa1',
    ...(status ? { status } : {}),
    terms,
    createdAt: '2026-11-20T08:00:00.000Z',
  };
}

function periodChange(servicePeriod: DesiredRelationship['servicePeriod'], latest?: LiveServicePeriodHandshake, live = true) {
  const plan = buildPlan(
    desiredState([desiredEntry(ACCOUNT, { servicePeriod })]),
    { relationships: live ? [liveEntry(ACCOUNT, 'rs-aaaaaaaaaaaa1', { tags: { ...MANAGED } })] : [], ...(latest ? { servicePeriods: [latest] } : {}) },
    { prune: false, allowReplace: false, dir: 'relationships', now: NOW },
  );
  return { plan, change: plan.changes.find((c) => c.kind === 'servicePeriod') };
}

describe('planServicePeriod', () => {
  it('requests when there is none, or the last was canceled; counts it as a request, not a create', () => {
    for (const latest of [undefined, handshake('CANCELED')]) {
      const { plan, change } = periodChange(NOTICE, latest);
      expect(change).toMatchObject({ action: 'create', reasonCode: 'service-period-none', id: 'rs-aaaaaaaaaaaa1' });
      expect(change?.servicePeriod?.terms).toEqual({ servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' });
      expect(plan.summary).toMatchObject({ create: 0, request: 1 });
    }
  });

  it('waits for a pending request with the declared terms, and is quiet about an accepted one', () => {
    expect(periodChange(NOTICE, handshake('PENDING')).change).toMatchObject({
      action: 'no-op',
      reasonCode: 'service-period-pending',
      reason: 'waiting for the customer since 2026-11-20 (ch-aaaaaaaaaaaa1)',
    });
    const accepted = periodChange(NOTICE, handshake('ACCEPTED')).change;
    expect(accepted).toMatchObject({ action: 'no-op', reasonCode: 'service-period-accepted' });
    expect(accepted?.warnings).toBeUndefined();
  });

  it('reports, without requesting, a rejection, an expiry, an unknown status and other accepted terms; re-requests other pending terms', () => {
    for (const status of ['REJECTED', 'EXPIRED', undefined] as const) {
      expect(periodChange(NOTICE, handshake(status)).change).toMatchObject({ action: 'no-op', reasonCode: 'service-period-closed', warnings: [expect.any(String)] });
    }
    const other = handshake('PENDING', { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '60' });
    expect(periodChange(NOTICE, other).change).toMatchObject({
      action: 'create',
      reasonCode: 'service-period-rerequest',
      servicePeriod: { cancel: 'ch-aaaaaaaaaaaa1' },
      fields: [{ name: 'servicePeriod', before: other.terms, after: { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' } }],
    });
    expect(periodChange({ ...NOTICE, note: 'new note' }, handshake('ACCEPTED')).change).toMatchObject({ reasonCode: 'service-period-terms-differ' });
  });

  it('checks a new fixed end date against today, but not an accepted one', () => {
    const fixed = (endDate: string) => ({ type: 'FIXED_COMMITMENT_PERIOD' as const, endDate });
    expect(periodChange(fixed('2027-03-01'), undefined, false).change).toMatchObject({ action: 'create' });
    for (const endDate of ['2026-11-30', '2027-01-15', '2027-12-31']) {
      const { plan, change } = periodChange(fixed(endDate), undefined, false);
      expect(change).toBeUndefined();
      expect(plan.errors.map((e) => e.code)).toEqual(['service-period-end-date']);
      expect(plan.applyable).toBe(false);
    }
    const accepted = handshake('ACCEPTED', { servicePeriodType: 'FIXED_COMMITMENT_PERIOD', endDate: '2026-12-10T00:00:00.000Z' } as never);
    expect(periodChange(fixed('2026-12-10'), accepted).plan.errors).toEqual([]);
  });
});
