/**
 * Apply's phases come from the plan's `dependsOn` edges (longest-path levels), deletes run after everything else,
 * and a change's applier gets the outcomes of the changes it depends on (issue 20): the service period of a
 * relationship the same apply creates is requested for the id that create made.
 */
import { describe, expect, it } from 'vitest';
import { applyPlan, changesToApply } from '../../src/apply/apply-plan.js';
import { summarizeOutcomes, type ApplyOutcome } from '../../src/apply/outcome.js';
import type { ChangeDependency, PlannedChange } from '../../src/plan/plan-types.js';
import type { ServicePeriodChange } from '../../src/kinds/service-period/service-period-change.js';
import { apiError, createFakeChannelApi } from '../support/fake-channel-api.js';
import { createChange, makePlan } from '../support/plan-builders.js';
import { addressFor } from '../support/state-builders.js';

const NOTICE_30 = { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' };

function servicePeriod(account: string, action: ServicePeriodChange['action'], more: Partial<ServicePeriodChange> = {}, catalog = 'AWS'): ServicePeriodChange {
  const address = addressFor(account, undefined, catalog);
  return {
    kind: 'servicePeriod',
    address,
    action,
    fields: [],
    servicePeriod: {
      catalog,
      programManagementAccountIdentifier: address.split('/')[1] ?? '',
      terms: NOTICE_30,
      ...(action === 'update' ? { handshakeId: 'ch-accepted0001', withdraw: [{ id: 'ch-pending00001', handshakeType: 'START_SERVICE_PERIOD', terms: {} }] } : {}),
    },
    ...more,
  };
}

/** The edge buildPlan writes from a service period to the relationship create at its address. */
const onCreate = (address: string): ChangeDependency => ({ kind: 'relationship', address, action: 'create', knownAfterApply: ['relationshipIdentifier'] });
const onWithdraw = (address: string): ChangeDependency => ({ kind: 'servicePeriod', address, action: 'update' });

const names = (phases: PlannedChange[][]) => phases.map((phase) => phase.map((c) => `${c.kind} ${c.action} ${c.address.split('/')[2]}`));

describe('apply phases from dependsOn', () => {
  it('runs a change after those it depends on, deletes after everything else, in plan order within a phase', () => {
    const created = createChange('111111111111');
    const deleted = { ...createChange('222222222222'), action: 'delete' as const, id: 'rs-ddddddddddddd' };
    const updated = { ...createChange('333333333333'), action: 'update' as const, id: 'rs-uuuuuuuuuuuuu' };
    const changes: PlannedChange[] = [
      created,
      servicePeriod('111111111111', 'create', { dependsOn: [onCreate(created.address)] }),
      deleted,
      updated,
      servicePeriod('444444444444', 'update', { id: 'rs-wwwwwwwwwwwww' }),
      servicePeriod('555555555555', 'create', { id: 'rs-sssssssssssss', dependsOn: [onWithdraw(addressFor('444444444444'))] }),
      // No edge: nothing to wait for, so it runs in the first phase.
      servicePeriod('666666666666', 'create', { id: 'rs-ppppppppppppp' }),
    ];
    expect(names(changesToApply(makePlan({ changes })))).toEqual([
      ['relationship create 111111111111', 'relationship update 333333333333', 'servicePeriod update 444444444444', 'servicePeriod create 666666666666'],
      ['servicePeriod create 111111111111', 'servicePeriod create 555555555555'],
      ['relationship delete 222222222222'],
    ]);
  });

  it('follows the edges whatever the kinds: a chain gives one phase per link, and an edge to a change not applied is no wait', () => {
    const first = servicePeriod('111111111111', 'update', { id: 'rs-aaaaaaaaaaaa1' });
    const second = { ...createChange('222222222222'), dependsOn: [onWithdraw(first.address)] };
    const third = servicePeriod('333333333333', 'create', { id: 'rs-aaaaaaaaaaaa3', dependsOn: [{ kind: 'relationship', address: second.address, action: 'create' }] });
    const loose = servicePeriod('444444444444', 'create', { id: 'rs-aaaaaaaaaaaa4', dependsOn: [onCreate(addressFor('999999999999'))] });
    expect(names(changesToApply(makePlan({ changes: [third, loose, second, first] })))).toEqual([
      ['servicePeriod update 111111111111', 'servicePeriod create 444444444444'],
      ['relationship create 222222222222'],
      ['servicePeriod create 333333333333'],
    ]);
  });

  it('refuses edges that cannot be ordered: a cycle, or a change that needs a delete first', () => {
    const a = servicePeriod('111111111111', 'create', { id: 'rs-aaaaaaaaaaaa1', dependsOn: [onWithdraw(addressFor('222222222222'))] });
    const b = servicePeriod('222222222222', 'update', { id: 'rs-aaaaaaaaaaaa2', dependsOn: [{ kind: 'servicePeriod', address: a.address, action: 'create' }] });
    expect(() => changesToApply(makePlan({ changes: [a, b] }))).toThrow(/cycle/);
    const deleted = { ...createChange('333333333333'), action: 'delete' as const, id: 'rs-ddddddddddddd' };
    const needsDelete = servicePeriod('333333333333', 'create', {
      id: 'rs-aaaaaaaaaaaa3',
      dependsOn: [{ kind: 'relationship', address: deleted.address, action: 'delete' }],
    });
    expect(() => changesToApply(makePlan({ changes: [deleted, needsDelete] }))).toThrow(/runs after every other change/);
  });
});

describe('values known after apply', () => {
  const run = (changes: PlannedChange[], api = createFakeChannelApi()) => applyPlan(makePlan({ changes }), { api, parallelism: 4, readLagDelaysMs: [] });

  it('requests the service period for the relationship the create it depends on made, after that create', async () => {
    const api = createFakeChannelApi();
    const created = createChange('111111111111');
    const result = await run([created, servicePeriod('111111111111', 'create', { dependsOn: [onCreate(created.address)] })], api);
    const newId = result.outcomes[0]?.id;
    expect(newId).toMatch(/^rs-/);
    expect(result.outcomes.map((o) => `${o.kind} ${o.status}`)).toEqual(['relationship succeeded', 'servicePeriod succeeded']);
    expect(api.mutatingCalls()).toEqual(['CreateRelationship', 'CreateChannelHandshake']);
    expect(api.calls.find((c) => c.op === 'CreateChannelHandshake')?.args).toMatchObject({ relationshipId: newId });
    expect(result.summary).toMatchObject({ created: 1, requested: 1 });
  });

  it('sends no service period when the create it depends on failed, or when there is no relationship at all', async () => {
    const api = createFakeChannelApi({ inject: { CreateRelationship: () => apiError('CreateRelationship', 'validation', 400) } });
    const created = createChange('111111111111');
    const result = await run([created, servicePeriod('111111111111', 'create', { dependsOn: [onCreate(created.address)] })], api);
    expect(result.outcomes[1]).toMatchObject({ kind: 'servicePeriod', status: 'skipped', note: 'service period not sent: its relationship was not created' });
    // The create is not in this plan (nor is any relationship id): nothing to send the request for.
    const alone = await run([servicePeriod('222222222222', 'create', { dependsOn: [onCreate(addressFor('222222222222'))] })]);
    expect(alone.outcomes[0]).toMatchObject({ status: 'skipped', note: 'service period not sent: no relationship at this address' });
    expect(alone.summary).toMatchObject({ skipped: 1 });
  });
});

describe('summarizeOutcomes asks each kind what its outcome counts', () => {
  it('counts every kind’s outcomes into the same summary keys, in the order they first occur', () => {
    const a = addressFor('111111111111');
    const outcomes: ApplyOutcome[] = [
      { kind: 'servicePeriod', address: a, action: 'update', status: 'failed', error: 'x', withdrawn: ['ch-1', 'ch-2'] },
      { kind: 'relationship', address: a, action: 'create', status: 'skipped', id: 'rs-1', createdByAnother: true },
      { kind: 'servicePeriod', address: a, action: 'replace', status: 'succeeded', id: 'ch-3' },
      { kind: 'relationship', address: a, action: 'release', status: 'succeeded', id: 'rs-2' },
      { kind: 'servicePeriod', address: a, action: 'delete', status: 'unknown', error: 'y' },
      { kind: 'servicePeriod', address: a, action: 'create', status: 'skipped', note: 'not started' },
      { kind: 'relationship', address: a, action: 'adopt', status: 'succeeded', id: 'rs-3' },
    ];
    expect(JSON.stringify(summarizeOutcomes(outcomes))).toBe(
      JSON.stringify({
        created: 0,
        updated: 0,
        adopted: 1,
        replaced: 0,
        deleted: 0,
        failed: 1,
        skipped: 1,
        withdrawn: 2,
        createdByAnother: 1,
        requested: 1,
        revoked: 1,
        released: 1,
        unknown: 1,
      }),
    );
  });

  it('counts the status of an outcome of no kind it knows (a saved change without `kind`, refused, never applied)', () => {
    const refused = { address: addressFor('111111111111'), action: 'update', status: 'failed', error: 'refused, not sent' } as unknown as ApplyOutcome;
    expect(summarizeOutcomes([refused])).toEqual({ created: 0, updated: 0, adopted: 0, replaced: 0, deleted: 0, failed: 1, skipped: 0 });
  });
});
