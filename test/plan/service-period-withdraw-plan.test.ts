/**
 * The pure core of withdrawing pending service-period handshakes: when the declared terms are the period in force,
 * a pending revoke of it and a pending request for other terms are withdrawn (action update), nothing is
 * requested, and the quota check counts the canceled ones as freed.
 */
import { describe, expect, it } from 'vitest';
import type { LiveServicePeriodHandshake, ServicePeriodHandshakeType } from '../../src/live/channel-api.js';
import type { HandshakeStatus, ServicePeriodTerms } from '../../src/model/service-period.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderPlan } from '../../src/render/index.js';
import { desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const NOTICE_30 = { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' };
const NOTICE_14 = { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '14' };
const DECLARE_30 = { type: 'MINIMUM_NOTICE_PERIOD' as const, minimumNoticeDays: 30 as const };
const DECLARE_14 = { type: 'MINIMUM_NOTICE_PERIOD' as const, minimumNoticeDays: 14 as const };
const account = (i: number) => String(111100000000 + i);
const rel = (i: number) => `rs-aaaaaaaaaaa${String(i).padStart(2, '0')}`;

let seq = 0;
function hs(i: number, type: ServicePeriodHandshakeType, status: HandshakeStatus, day: number, terms: ServicePeriodTerms = NOTICE_30): LiveServicePeriodHandshake {
  return {
    id: `ch-aaaaaaaaaaa${String(++seq).padStart(2, '0')}`,
    handshakeType: type,
    relationshipId: rel(i),
    status,
    terms,
    createdAt: `2026-11-${String(day).padStart(2, '0')}T08:00:00.000Z`,
  };
}
const start = (status: HandshakeStatus, day: number, terms?: ServicePeriodTerms, i = 1) => hs(i, 'START_SERVICE_PERIOD', status, day, terms);
const revoke = (status: HandshakeStatus, day: number, i = 1) => hs(i, 'REVOKE_SERVICE_PERIOD', status, day);

type Declared = typeof DECLARE_30 | typeof DECLARE_14 | undefined;
function planOf(entries: [number, Declared][], handshakes: LiveServicePeriodHandshake[], pending: Partial<Record<ServicePeriodHandshakeType, number>> = {}) {
  return buildPlan(
    desiredState(entries.map(([i, servicePeriod]) => desiredEntry(account(i), servicePeriod ? { servicePeriod } : {}))),
    {
      relationships: entries.map(([i]) => liveEntry(account(i), rel(i), { tags: { ...MANAGED } })),
      handshakes,
      pendingHandshakes: Object.entries(pending).map(([handshakeType, n]) => ({
        catalog: 'AWS',
        handshakeType: handshakeType as ServicePeriodHandshakeType,
        pending: n,
      })),
    },
    { prune: false, allowReplace: false, dir: 'relationships', now: NOW },
  );
}
const periodChange = (declared: Declared, handshakes: LiveServicePeriodHandshake[]) =>
  planOf([[1, declared]], handshakes).changes.find((c) => c.kind === 'servicePeriod');

describe('declared terms that are the period in force', () => {
  it('back to the accepted terms while a replace waits: the pending revoke and request are withdrawn, nothing requested', () => {
    const accepted = start('ACCEPTED', 1);
    const pendingRevoke = revoke('PENDING', 20);
    const pendingRequest = start('PENDING', 20, NOTICE_14);
    const plan = planOf([[1, DECLARE_30]], [accepted, pendingRevoke, pendingRequest]);
    const change = plan.changes.find((c) => c.kind === 'servicePeriod');
    expect(change).toMatchObject({
      action: 'update',
      reasonCode: 'service-period-withdraw',
      fields: [
        { name: 'pendingRevoke', before: pendingRevoke.id },
        { name: 'pendingRequest', before: NOTICE_14 },
      ],
      servicePeriod: {
        handshakeId: accepted.id,
        terms: NOTICE_30,
        withdraw: [
          { id: pendingRevoke.id, handshakeType: 'REVOKE_SERVICE_PERIOD' },
          { id: pendingRequest.id, handshakeType: 'START_SERVICE_PERIOD', terms: NOTICE_14 },
        ],
      },
    });
    expect(change?.servicePeriod).not.toHaveProperty('cancel');
    expect(plan.summary).toMatchObject({ update: 0, withdraw: 2 });
    expect(plan.summary.request).toBeUndefined();
    expect(plan.applyable).toBe(true);
    const text = renderPlan(plan, 'text', { color: false });
    expect(text).toContain(`~~ AWS/pma-u8ic702rtzng8/${account(1)} pending revoke ${pendingRevoke.id} and request ${pendingRequest.id} will be withdrawn`);
    expect(text).toContain('Plan: 0 to create, 0 to update, 0 to delete, 2 pending service-period handshakes to withdraw.');
    expect(renderPlan(plan, 'markdown', { color: false })).toContain('| `~~` pending service-period handshake to withdraw | 2 |');
  });

  it('declared again while its revoke waits: the revoke is withdrawn', () => {
    const pendingRevoke = revoke('PENDING', 20);
    expect(periodChange(DECLARE_30, [start('ACCEPTED', 1), pendingRevoke])).toMatchObject({
      action: 'update',
      servicePeriod: { withdraw: [{ id: pendingRevoke.id, handshakeType: 'REVOKE_SERVICE_PERIOD' }] },
    });
  });

  it('once withdrawn (or answered otherwise), the accepted period is a no-op: never requested again', () => {
    for (const later of ['CANCELED', 'REJECTED', 'EXPIRED'] as const) {
      expect(periodChange(DECLARE_30, [start('ACCEPTED', 1), revoke('CANCELED', 20), start(later, 20, NOTICE_14)])).toMatchObject({
        action: 'no-op',
        reasonCode: 'service-period-accepted',
      });
    }
  });

  it('a revoke the customer accepted ends the period: the declared terms are requested as usual (the pending other request re-requested)', () => {
    expect(periodChange(DECLARE_30, [start('ACCEPTED', 1), revoke('ACCEPTED', 20), start('CANCELED', 20, NOTICE_14)])).toMatchObject({
      action: 'create',
      reasonCode: 'service-period-none',
    });
    const pendingRequest = start('PENDING', 20, NOTICE_14);
    expect(periodChange(DECLARE_30, [start('ACCEPTED', 1), revoke('ACCEPTED', 20), pendingRequest])).toMatchObject({
      action: 'create',
      reasonCode: 'service-period-rerequest',
      servicePeriod: { cancel: pendingRequest.id },
    });
  });

  it('terms other than the period in force: a pending replace is waited for, not withdrawn', () => {
    expect(periodChange(DECLARE_14, [start('ACCEPTED', 1), revoke('PENDING', 20), start('PENDING', 20, NOTICE_14)])).toMatchObject({
      action: 'no-op',
      reasonCode: 'service-period-pending',
    });
  });
});

describe('handshake quotas and withdraws', () => {
  it('a withdraw sends nothing and frees the active slots it cancels, so a request elsewhere fits', () => {
    const handshakes = [start('ACCEPTED', 1), revoke('PENDING', 20), start('PENDING', 20, NOTICE_14)];
    const full = { START_SERVICE_PERIOD: 200, REVOKE_SERVICE_PERIOD: 200 };
    const plan = planOf(
      [
        [1, DECLARE_30],
        [2, DECLARE_30],
      ],
      handshakes,
      full,
    );
    expect(plan.changes.filter((c) => c.kind === 'servicePeriod').map((c) => c.action)).toEqual(['update', 'create']);
    expect(plan.errors).toEqual([]);
    // Without the withdraw, the same request is over the quota.
    const alone = planOf([[2, DECLARE_30]], [], full);
    expect(alone.errors.map((e) => e.code)).toEqual(['handshake-quota-active']);
  });
});
