/**
 * The planner pieces of issue 18.7 and 19.7: `released:` addresses become `release` changes (only for
 * `pcc:managed=true`), and a delete or replace of a relationship under an accepted service period carries its terms,
 * is counted by the delete guard, and needs `--acknowledge-service-period` for its address.
 */
import { describe, expect, it } from 'vitest';
import type { DesiredRelease, DesiredState } from '../../src/desired/types.js';
import type { LiveServicePeriodHandshake } from '../../src/live/channel-api.js';
import type { LiveState } from '../../src/live/live-state.js';
import { planBlockers } from '../../src/plan/applyable.js';
import { buildPlan, type PlanOptions } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { renderPlan } from '../../src/render/index.js';
import { addressFor, desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';
import { asRelationship } from '../support/plan-builders.js';

const OPTIONS: PlanOptions = { prune: false, allowReplace: false, dir: 'relationships' };
const rs = (n: number) => `rs-${String(n).padStart(13, '0')}`;
const NOTICE_60 = { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '60' };
const FIXED = { servicePeriodType: 'FIXED_COMMITMENT_PERIOD', endDate: '2027-10-03T00:00:00.000Z' };

function released(state: DesiredState, ...accounts: string[]): DesiredState {
  const list: DesiredRelease[] = accounts.map((account, i) => ({
    address: addressFor(account),
    catalog: 'AWS',
    pmaId: 'pma-u8ic702rtzng8',
    source: { file: 'relationships/test.yaml', line: 40 + i, column: 5 },
  }));
  return { ...state, released: list };
}

function handshake(id: string, relationshipId: string, overrides: Partial<LiveServicePeriodHandshake> = {}): LiveServicePeriodHandshake {
  return { id, relationshipId, handshakeType: 'START_SERVICE_PERIOD', status: 'ACCEPTED', terms: NOTICE_60, createdAt: '2026-05-01T10:00:00.000Z', ...overrides };
}

describe('release', () => {
  const live: LiveState = {
    relationships: [
      liveEntry('111111111111', rs(1), { tags: { ...MANAGED, 'pcc:support-plan': 'x', team: 'a' } }),
      liveEntry('222222222222', rs(2), { tags: { team: 'b' } }),
      liveEntry('333333333333', rs(3), { tags: { 'pcc:managed': 'false' } }),
    ],
  };
  const desired = released(desiredState([]), '111111111111', '222222222222', '333333333333', '444444444444');

  it('releases a managed relationship: its pcc: tags as fields going away, neither pruned nor a prune candidate', () => {
    for (const prune of [false, true]) {
      const plan = buildPlan(desired, live, { ...OPTIONS, prune });
      const release = plan.changes.find((c) => c.action === 'release');
      expect(release).toMatchObject({
        address: addressFor('111111111111'),
        id: rs(1),
        reasonCode: 'release-listed',
        source: { file: 'relationships/test.yaml', line: 40 },
        fields: [
          { name: 'tags.pcc:managed', before: 'true' },
          { name: 'tags.pcc:support-plan', before: 'x' },
        ],
      });
      expect(plan.changes.filter((c) => c.action === 'delete')).toEqual([]);
      expect(plan.pruneCandidates ?? []).toEqual([]);
      expect(plan.summary).toMatchObject({ release: 1, delete: 0 });
      expect(plan.applyable).toBe(true);
    }
  });

  it('says so, as a no-op, for an unmanaged relationship (any pcc:managed but "true") and an address with none', () => {
    const plan = buildPlan(desired, live, OPTIONS);
    const notes = plan.changes.filter((c) => c.action === 'no-op').map((c) => [c.address, c.reasonCode, c.warnings?.[0]]);
    expect(notes).toEqual([
      [addressFor('222222222222'), 'release-not-managed', expect.stringContaining('it carries no pcc:managed tag')],
      [addressFor('333333333333'), 'release-not-managed', expect.stringContaining('its pcc:managed is "false", not "true"')],
      [addressFor('444444444444'), 'release-not-found', expect.stringContaining('no live relationship has the address')],
    ]);
    // The unmanaged ones are still reported as unmanaged.
    expect(plan.unmanaged.map((u) => u.id)).toEqual([rs(2), rs(3)]);
    const text = renderPlan(plan, 'text', { color: false });
    expect(text).toContain(`=> ${addressFor('111111111111')} will be released`);
    expect(text).toContain(`${addressFor('444444444444')} has nothing to release`);
    expect(text).toContain('1 to release');
  });

  it('never releases a relationship a file entry claims', () => {
    const entry = desiredEntry('111111111111');
    const plan = buildPlan(released(desiredState([entry]), '111111111111'), live, OPTIONS);
    expect(plan.changes.map((c) => c.action)).not.toContain('release');
  });
});

describe('deleting or replacing under a service period', () => {
  const gone = liveEntry('111111111111', rs(1), { tags: { ...MANAGED } });
  const kept = liveEntry('222222222222', rs(2), { tags: { ...MANAGED } });
  const desired = desiredState([desiredEntry('222222222222')]);

  it('a prune delete under an accepted period carries its terms and is an error until acknowledged', () => {
    const live: LiveState = { relationships: [gone, kept], handshakes: [handshake('ch-a', rs(1))] };
    const plan = buildPlan(desired, live, { ...OPTIONS, prune: true });
    const del = asRelationship(plan.changes.find((c) => c.action === 'delete'));
    expect(del?.servicePeriodCommitment).toEqual({
      accepted: { handshakeId: 'ch-a', terms: NOTICE_60, since: '2026-05-01T10:00:00.000Z' },
      pending: [],
      acknowledged: false,
    });
    expect(plan.errors).toEqual([
      expect.objectContaining({
        code: 'service-period-not-acknowledged',
        address: addressFor('111111111111'),
        message: `${addressFor('111111111111')}: deleting ${rs(1)} ends the service period agreed with the customer: MINIMUM_NOTICE_PERIOD, 60 days notice (accepted ch-a, requested 2026-05-01)`,
        hint: expect.stringContaining(`--acknowledge-service-period ${addressFor('111111111111')}`),
      }),
    ]);
    expect(plan.applyable).toBe(false);
    expect(plan.summary.underServicePeriod).toBe(1);

    const acked = buildPlan(desired, live, { ...OPTIONS, prune: true, acknowledgeServicePeriods: [addressFor('111111111111'), addressFor('111111111111')] });
    expect(acked.errors).toEqual([]);
    expect(acked.applyable).toBe(true);
    expect(acked.options.acknowledgeServicePeriods).toEqual([addressFor('111111111111')]);
    expect(asRelationship(acked.changes.find((c) => c.action === 'delete')).servicePeriodCommitment?.acknowledged).toBe(true);
  });

  it('a revoked period is no commitment; pending handshakes are shown and need no acknowledgement', () => {
    const revoked: LiveState = {
      relationships: [gone, kept],
      handshakes: [handshake('ch-a', rs(1)), handshake('ch-r', rs(1), { handshakeType: 'REVOKE_SERVICE_PERIOD', createdAt: '2026-06-01T00:00:00.000Z' })],
    };
    const plan = buildPlan(desired, revoked, { ...OPTIONS, prune: true });
    expect(plan.errors).toEqual([]);
    expect(asRelationship(plan.changes.find((c) => c.action === 'delete')).servicePeriodCommitment).toBeUndefined();

    const pending: LiveState = { relationships: [gone, kept], handshakes: [handshake('ch-p', rs(1), { status: 'PENDING', terms: FIXED })] };
    const withPending = buildPlan(desired, pending, { ...OPTIONS, prune: true });
    expect(withPending.errors).toEqual([]);
    expect(asRelationship(withPending.changes.find((c) => c.action === 'delete')).servicePeriodCommitment).toEqual({
      pending: [{ id: 'ch-p', handshakeType: 'START_SERVICE_PERIOD', terms: FIXED, since: '2026-05-01T10:00:00.000Z' }],
      acknowledged: false,
    });
    expect(renderPlan(withPending, 'text', { color: false })).toContain(
      'Service period: pending request ch-p (FIXED_COMMITMENT_PERIOD until 2027-10-03, sent 2026-05-01) is left unanswerable',
    );
  });

  it('an allowed replace is held to the same rule; a blocked one shows the terms and asks nothing', () => {
    const entry = desiredEntry('111111111111', { sector: 'GOVERNMENT' });
    const live: LiveState = { relationships: [gone], handshakes: [handshake('ch-f', rs(1), { terms: FIXED })] };
    const allowed = buildPlan(desiredState([entry]), live, { ...OPTIONS, allowReplace: true });
    expect(allowed.errors.map((e) => e.code)).toEqual(['service-period-not-acknowledged']);
    expect(allowed.errors[0]?.message).toContain('replacing');
    expect(allowed.errors[0]?.message).toContain('FIXED_COMMITMENT_PERIOD until 2027-10-03');
    const blocked = buildPlan(desiredState([entry]), live, OPTIONS);
    expect(blocked.errors).toEqual([]);
    expect(blocked.changes[0]).toMatchObject({ blocked: true, servicePeriodCommitment: { accepted: { handshakeId: 'ch-f' } } });
    expect(blocked.summary.underServicePeriod).toBeUndefined();
  });

  it('the delete guard names how many deletes end an accepted period', () => {
    const live: LiveState = { relationships: [gone, kept], handshakes: [handshake('ch-a', rs(1))] };
    const plan = buildPlan(desiredState([]), live, { ...OPTIONS, prune: true, maxDeletes: 1, acknowledgeServicePeriods: [addressFor('111111111111')] });
    expect(plan.errors.map((e) => e.message)).toEqual([
      'the plan deletes 2 relationships (1 of them under an accepted service period), more than --max-deletes 1 allows',
    ]);
  });

  it('an acknowledgement nothing needs is an error', () => {
    const plan = buildPlan(desired, { relationships: [gone, kept] }, { ...OPTIONS, prune: true, acknowledgeServicePeriods: [addressFor('111111111111')] });
    expect(plan.errors.map((e) => e.code)).toEqual(['service-period-acknowledgement-unused']);
  });

  it('an edited plan that drops the acknowledgement (or its error) is not applyable', () => {
    const live: LiveState = { relationships: [gone, kept], handshakes: [handshake('ch-a', rs(1))] };
    const acked = buildPlan(desired, live, { ...OPTIONS, prune: true, acknowledgeServicePeriods: [addressFor('111111111111')] });
    const edited: Plan = { ...acked, options: { prune: true, allowReplace: false } };
    expect(planBlockers(edited).map((b) => b.code)).toEqual(['service-period-not-acknowledged']);
    const unacked = buildPlan(desired, live, { ...OPTIONS, prune: true });
    expect(planBlockers({ ...unacked, errors: [] }).map((b) => b.code)).toEqual(['service-period-not-acknowledged']);
    // Not listed twice when the plan's own error says it.
    expect(planBlockers(unacked).map((b) => b.code)).toEqual(['service-period-not-acknowledged']);
  });
});
