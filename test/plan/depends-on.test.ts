/**
 * Order is data (issue 20): buildPlan sets each change's `dependsOn` from what its kind derives, and leaves it out
 * when there is none. A service period of a relationship the same apply creates or replaces depends on that change
 * and takes its id from it (known after apply); a request, revoke or replace depends on the withdraws of its catalog.
 */
import { describe, expect, it } from 'vitest';
import { readPlanSchema } from '../../src/io/plan-file.js';
import { checkPlanShape } from '../../src/plan/saved-plan.js';
import type { LiveServicePeriodHandshake, ServicePeriodHandshakeType } from '../../src/live/channel-api.js';
import type { HandshakeStatus, ServicePeriodTerms } from '../../src/model/service-period.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const NOTICE_30 = { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' };
const NOTICE_14 = { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '14' };
const DECLARE_30 = { type: 'MINIMUM_NOTICE_PERIOD' as const, minimumNoticeDays: 30 as const };
const account = (i: number) => String(111100000000 + i);
const rel = (i: number) => `rs-aaaaaaaaaaa${String(i).padStart(2, '0')}`;
const address = (i: number) => `AWS/pma-u8ic702rtzng8/${account(i)}`;

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

const options = { prune: false, allowReplace: true, dir: 'relationships', now: NOW };
const dependenciesOf = (plan: ReturnType<typeof buildPlan>) => plan.changes.map((c) => [c.kind, c.address, c.action, c.dependsOn]);

describe('dependsOn', () => {
  it('a service period requested for a relationship the same apply creates: known after apply', () => {
    const plan = buildPlan(desiredState([desiredEntry(account(1), { servicePeriod: DECLARE_30 })]), { relationships: [] }, options);
    expect(dependenciesOf(plan)).toEqual([
      ['relationship', address(1), 'create', undefined],
      ['servicePeriod', address(1), 'create', [{ kind: 'relationship', address: address(1), action: 'create', knownAfterApply: ['relationshipIdentifier'] }]],
    ]);
    // Absent, not empty, where there is none (the JSON keeps its shape), and the plan has the schema's shape.
    expect('dependsOn' in plan.changes[0]!).toBe(false);
    expect(checkPlanShape(JSON.parse(JSON.stringify(plan)), readPlanSchema())).toBeUndefined();
  });

  it('a replaced relationship: its period is requested after the replace (listed first: it has no id yet)', () => {
    const desired = desiredState([desiredEntry(account(1), { servicePeriod: DECLARE_30, associationType: 'INTERNAL' })]);
    const live = { relationships: [liveEntry(account(1), rel(1), { tags: { ...MANAGED } })] };
    const plan = buildPlan(desired, live, options);
    expect(dependenciesOf(plan)).toEqual([
      ['servicePeriod', address(1), 'create', [{ kind: 'relationship', address: address(1), action: 'replace', knownAfterApply: ['relationshipIdentifier'] }]],
      ['relationship', address(1), 'replace', undefined],
    ]);
  });

  it('a request in a catalog waits for the withdraws there (the slots they free), and a matched relationship is no dependency', () => {
    const desired = desiredState([desiredEntry(account(1), { servicePeriod: DECLARE_30 }), desiredEntry(account(2), { servicePeriod: DECLARE_30 })]);
    const live = {
      relationships: [liveEntry(account(1), rel(1), { tags: { ...MANAGED } }), liveEntry(account(2), rel(2), { tags: { ...MANAGED } })],
      // 1: accepted 30 days, a request for 14 pending: withdrawn. 2: nothing yet: requested.
      handshakes: [hs(1, 'START_SERVICE_PERIOD', 'ACCEPTED', 1), hs(1, 'START_SERVICE_PERIOD', 'PENDING', 20, NOTICE_14)],
    };
    const plan = buildPlan(desired, live, options);
    expect(dependenciesOf(plan)).toEqual([
      ['relationship', address(1), 'no-op', undefined],
      ['servicePeriod', address(1), 'update', undefined],
      ['relationship', address(2), 'no-op', undefined],
      ['servicePeriod', address(2), 'create', [{ kind: 'servicePeriod', address: address(1), action: 'update' }]],
    ]);
  });

  it('withdraws in another catalog are no dependency', () => {
    const other = desiredEntry(account(2), { servicePeriod: DECLARE_30, catalog: 'Sandbox', address: `Sandbox/pma-u8ic702rtzng8/${account(2)}` });
    const desired = desiredState([desiredEntry(account(1), { servicePeriod: DECLARE_30 }), other]);
    const live = {
      relationships: [liveEntry(account(1), rel(1), { tags: { ...MANAGED } })],
      handshakes: [hs(1, 'START_SERVICE_PERIOD', 'ACCEPTED', 1), hs(1, 'START_SERVICE_PERIOD', 'PENDING', 20, NOTICE_14)],
    };
    const plan = buildPlan(desired, live, options);
    const request = plan.changes.find((c) => c.kind === 'servicePeriod' && c.action === 'create');
    expect(request?.address).toBe(other.address);
    expect(request?.dependsOn).toEqual([{ kind: 'relationship', address: other.address, action: 'create', knownAfterApply: ['relationshipIdentifier'] }]);
  });
});
