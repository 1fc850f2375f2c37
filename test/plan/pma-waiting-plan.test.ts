/**
 * Relationships under a program management account that is not ACTIVE wait (issue 21): a declared PMA not created
 * yet or PENDING makes each relationship under it a no-op shown though unchanged (`pma-not-active`), never applied;
 * INACTIVE makes every change under it a no-op with a warning (`pma-inactive`). A named PMA found live gives its
 * entries its id. Service periods of waiting relationships wait too; none of this is drift.
 */
import { describe, expect, it } from 'vitest';
import type { DesiredRelationship } from '../../src/desired/types.js';
import { readPlanSchema } from '../../src/io/plan-file.js';
import type { DesiredProgramManagementAccount } from '../../src/kinds/program-management-account/desired-pma.js';
import type { LiveProgramManagementAccountState } from '../../src/kinds/program-management-account/pma-live-state.js';
import { pmaDependencies } from '../../src/kinds/relationship/plan-pma-waiting.js';
import { resolveDeclaredPmas } from '../../src/model/declared-pmas.js';
import type { LiveState } from '../../src/live/live-state.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { PlannedChange } from '../../src/plan/plan-types.js';
import { checkPlanShape } from '../../src/plan/saved-plan.js';
import { asRelationship } from '../support/plan-builders.js';
import { desiredEntry, desiredState, liveEntry, MANAGED, PMA } from '../support/state-builders.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const NEW_PMA = 'pma-n3wpma0000001';
const options = { prune: false, allowReplace: false, dir: 'relationships', now: NOW };

const EMEA: DesiredProgramManagementAccount = {
  name: 'emea',
  catalog: 'AWS',
  program: 'DISTRIBUTION',
  accountId: '123456789012',
  displayName: 'EMEA distribution',
  tags: {},
  address: 'AWS/DISTRIBUTION/123456789012',
  source: { file: 'relationships/pmas.yaml', line: 3, column: 5 },
  entry: { docIndex: 0, index: 0 },
};

/** An entry naming the declared PMA `emea`, in name form as the loader gives it. */
function named(account: string, overrides: Partial<DesiredRelationship> = {}): DesiredRelationship {
  return desiredEntry(account, {
    programManagementAccountIdentifier: 'emea',
    pmaId: 'emea',
    programManagementAccount: 'emea',
    address: `AWS/emea/${account}`,
    ...overrides,
  });
}

function livePma(status: string, overrides: Partial<LiveProgramManagementAccountState> = {}): LiveProgramManagementAccountState {
  return { id: NEW_PMA, catalog: 'AWS', program: 'DISTRIBUTION', accountId: '123456789012', displayName: 'EMEA distribution', status, ...overrides };
}

function planAll(entries: DesiredRelationship[], live: Partial<LiveState>, planOptions: Partial<typeof options> & Record<string, unknown> = {}) {
  const desired = { ...desiredState(entries), programManagementAccounts: [EMEA] };
  desired.scopes = [...desired.scopes];
  return buildPlan(desired, { relationships: [], ...live } as LiveState, { ...options, ...planOptions });
}

const briefOf = (change: PlannedChange) => [change.kind, change.address, change.action, change.reasonCode];

/** The relationship and service-period changes (the PMA kind plans its own beside them). */
function plan(entries: DesiredRelationship[], live: Partial<LiveState>, planOptions: Partial<typeof options> & Record<string, unknown> = {}) {
  const whole = planAll(entries, live, planOptions);
  return { ...whole, changes: whole.changes.filter((c) => c.kind !== 'programManagementAccount') };
}

describe('resolveDeclaredPmas', () => {
  it('gives a named entry the id of the declared PMA found live at its address, and leaves others alone', () => {
    const desired = {
      relationships: [named('111100000001'), desiredEntry('111100000002')],
      scopes: [{ catalog: 'AWS', pmaId: 'emea', programManagementAccount: 'emea' }],
      programManagementAccounts: [EMEA],
    };
    const resolved = resolveDeclaredPmas(desired, {
      programManagementAccounts: [livePma('ACTIVE'), livePma('ACTIVE', { id: 'pma-other00000001', accountId: '999999999999' })],
    });
    expect(resolved.relationships.map((r) => [r.address, r.pmaId, r.programManagementAccountIdentifier, r.programManagementAccount])).toEqual([
      [`AWS/${NEW_PMA}/111100000001`, NEW_PMA, NEW_PMA, 'emea'],
      [`AWS/${PMA}/111100000002`, PMA, PMA, undefined],
    ]);
    expect(resolved.scopes).toEqual([{ catalog: 'AWS', pmaId: NEW_PMA, programManagementAccount: 'emea' }]);
    // The input is not changed.
    expect(desired.relationships[0]?.address).toBe('AWS/emea/111100000001');
  });

  it('keeps name form when the PMA is not live, or lives in another catalog or program', () => {
    const desired = { relationships: [named('111100000001')], programManagementAccounts: [EMEA] };
    for (const live of [[], [livePma('ACTIVE', { catalog: 'Sandbox' })], [livePma('ACTIVE', { program: 'SOLUTION_PROVIDER' })], [livePma('ACTIVE', { id: undefined })]]) {
      expect(resolveDeclaredPmas(desired, { programManagementAccounts: live }).relationships[0]?.address).toBe('AWS/emea/111100000001');
    }
  });

  it('follows a pinned id, wherever the address points', () => {
    const desired = { relationships: [named('111100000001')], programManagementAccounts: [{ ...EMEA, id: 'pma-pinned0000001' }] };
    const live = { programManagementAccounts: [livePma('ACTIVE'), livePma('ACTIVE', { id: 'pma-pinned0000001', accountId: '222222222222' })] };
    expect(resolveDeclaredPmas(desired, live).relationships[0]?.pmaId).toBe('pma-pinned0000001');
    // A pin naming no PMA any more (replaced): the one at the address, as the PMA kind matches it.
    const gone = { relationships: [named('111100000001')], programManagementAccounts: [{ ...EMEA, id: 'pma-gone000000001' }] };
    expect(resolveDeclaredPmas(gone, live).relationships[0]?.pmaId).toBe(NEW_PMA);
  });
});

describe('relationships under a PMA that is not ACTIVE', () => {
  it('a declared PMA not created yet: a waiting no-op in name form, shown, and the plan has no changes', () => {
    const result = plan([named('111100000001')], {});
    expect(result.changes.map(briefOf)).toEqual([['relationship', 'AWS/emea/111100000001', 'no-op', 'pma-not-active']]);
    const change = asRelationship(result.changes[0]);
    expect(change.reason).toBe('waiting for program management account emea (AWS/DISTRIBUTION/123456789012) to be created and accepted');
    expect(change.programManagementAccountName).toBe('emea');
    expect(change.desired).toBeUndefined();
    expect(result.summary).toMatchObject({ create: 0, noOp: 1 });
    expect(result.applyable).toBe(true);
    expect(checkPlanShape(JSON.parse(JSON.stringify(result)), readPlanSchema())).toBeUndefined();
  });

  it('a PENDING PMA (named, or by identifier): waits for its account, whatever the service would say', () => {
    const byName = plan([named('111100000001')], { programManagementAccounts: [livePma('PENDING')] });
    expect(byName.changes.map(briefOf)).toEqual([['relationship', `AWS/${NEW_PMA}/111100000001`, 'no-op', 'pma-not-active']]);
    expect(byName.changes[0]?.reason).toBe('waiting for program management account emea (AWS/DISTRIBUTION/123456789012) to be accepted by account 123456789012');
    const byId = plan([desiredEntry('111100000002', { programManagementAccountIdentifier: NEW_PMA, pmaId: NEW_PMA, address: `AWS/${NEW_PMA}/111100000002` })], {
      programManagementAccounts: [livePma('PENDING')],
    });
    expect(byId.changes.map(briefOf)).toEqual([['relationship', `AWS/${NEW_PMA}/111100000002`, 'no-op', 'pma-not-active']]);
    // The id is the declared PMA's: named so.
    expect(byId.changes[0]?.reason).toBe('waiting for program management account emea (AWS/DISTRIBUTION/123456789012) to be accepted by account 123456789012');
    const undeclared = plan([desiredEntry('111100000003', { programManagementAccountIdentifier: PMA })], {
      programManagementAccounts: [livePma('PENDING', { id: PMA, accountId: '333333333333' })],
    });
    expect(undeclared.changes[0]?.reason).toBe(`waiting for program management account ${PMA} to be accepted by account 333333333333`);
  });

  it('an ACTIVE PMA: the named entry is created under its id, with the id in what apply sends', () => {
    const result = plan([named('111100000001')], { programManagementAccounts: [livePma('ACTIVE')] });
    expect(result.changes.map(briefOf)).toEqual([['relationship', `AWS/${NEW_PMA}/111100000001`, 'create', undefined]]);
    const change = asRelationship(result.changes[0]);
    expect(change.desired?.programManagementAccountIdentifier).toBe(NEW_PMA);
    expect(change.programManagementAccountName).toBe('emea');
    expect(result.summary.create).toBe(1);
  });

  it('an ACTIVE PMA: a named entry matches its live relationship (no change, no create)', () => {
    const live = liveEntry('111100000001', 'rs-aaaaaaaaaaa01', { programManagementAccountId: NEW_PMA, tags: { ...MANAGED }, displayName: 'Customer 0001' });
    const result = plan([named('111100000001')], { programManagementAccounts: [livePma('ACTIVE')], relationships: [live] });
    expect(result.changes.map(briefOf)).toEqual([['relationship', `AWS/${NEW_PMA}/111100000001`, 'no-op', undefined]]);
  });

  it('an INACTIVE PMA: every change under it, no-ops and prune deletes too, is held with a warning', () => {
    const pma = livePma('INACTIVE');
    const changed = liveEntry('111100000001', 'rs-aaaaaaaaaaa01', { programManagementAccountId: NEW_PMA, tags: { ...MANAGED }, displayName: 'Old name' });
    const orphan = liveEntry('111100000003', 'rs-aaaaaaaaaaa03', { programManagementAccountId: NEW_PMA, tags: { ...MANAGED } });
    const result = plan([named('111100000001'), named('111100000002')], { programManagementAccounts: [pma], relationships: [changed, orphan] }, { prune: true });
    expect(result.changes.map(briefOf)).toEqual([
      ['relationship', `AWS/${NEW_PMA}/111100000001`, 'no-op', 'pma-inactive'],
      ['relationship', `AWS/${NEW_PMA}/111100000002`, 'no-op', 'pma-inactive'],
      ['relationship', `AWS/${NEW_PMA}/111100000003`, 'no-op', 'pma-inactive'],
    ]);
    expect(result.changes.map((c) => c.warnings)).toEqual([
      ['program management account emea (AWS/DISTRIBUTION/123456789012) is INACTIVE: nothing under it is attempted (planned: update)'],
      ['program management account emea (AWS/DISTRIBUTION/123456789012) is INACTIVE: nothing under it is attempted (planned: create)'],
      ['program management account emea (AWS/DISTRIBUTION/123456789012) is INACTIVE: nothing under it is attempted (planned: delete)'],
    ]);
    expect(result.summary).toMatchObject({ create: 0, update: 0, delete: 0, noOp: 3 });
    expect(result.changes[0]?.id).toBe('rs-aaaaaaaaaaa01');
  });

  it('service periods of waiting relationships wait too: nothing requested', () => {
    const period = { type: 'MINIMUM_NOTICE_PERIOD' as const, minimumNoticeDays: 30 as const };
    for (const live of [{}, { programManagementAccounts: [livePma('PENDING')] }, { programManagementAccounts: [livePma('INACTIVE')] }]) {
      const result = plan([named('111100000001', { servicePeriod: period })], live);
      const periods = result.changes.filter((c) => c.kind === 'servicePeriod');
      expect(periods.map((c) => [c.action, c.reasonCode])).toEqual([['no-op', 'service-period-waiting']]);
      expect(periods[0]?.reason).toMatch(/^waiting for the relationship \(/);
      expect(periods[0]?.dependsOn).toBeUndefined();
      expect(result.summary).toMatchObject({ create: 0 });
      expect(result.summary.request ?? 0).toBe(0);
    }
  });

  it('a relationship by identifier under an ACTIVE PMA or one not listed: planned as before', () => {
    const entry = desiredEntry('111100000009');
    expect(plan([entry], {}).changes.map(briefOf)).toEqual([['relationship', entry.address, 'create', undefined]]);
    expect(plan([entry], { programManagementAccounts: [livePma('ACTIVE', { id: PMA })] }).changes.map(briefOf)).toEqual([
      ['relationship', entry.address, 'create', undefined],
    ]);
  });

  it('lets --target name a waiting relationship by its name-form address', () => {
    const result = plan([named('111100000001'), named('111100000002')], {}, { targets: ['AWS/emea/111100000001'] });
    expect(result.errors).toEqual([]);
    expect(result.changes.map((c) => c.address)).toEqual(['AWS/emea/111100000001']);
  });
});

describe('one address named two ways', () => {
  it('an entry by the declared name and one by its id, with one account: a plan error, the first kept', () => {
    const byName = named('111100000001');
    const byId = desiredEntry('111100000001', { programManagementAccountIdentifier: NEW_PMA, pmaId: NEW_PMA, address: `AWS/${NEW_PMA}/111100000001` });
    const result = plan([byName, byId], { programManagementAccounts: [livePma('ACTIVE')] });
    expect(result.changes.map(briefOf)).toEqual([['relationship', `AWS/${NEW_PMA}/111100000001`, 'create', undefined]]);
    expect(result.changes[0]?.source?.line).toBe(byName.source.line);
    expect(result.errors.map((e) => [e.code, e.address, e.source?.line])).toEqual([['duplicate-address', `AWS/${NEW_PMA}/111100000001`, byId.source.line]]);
    expect(result.applyable).toBe(false);
  });
});

describe('the words', () => {
  it('text and markdown show a waiting relationship and a held one, though no-ops', async () => {
    const { renderPlan } = await import('../../src/render/index.js');
    const waiting = plan([named('111100000001')], {});
    expect(renderPlan(waiting, 'text', { color: false })).toContain(
      'AWS/emea/111100000001 is waiting for program management account emea (AWS/DISTRIBUTION/123456789012) to be created and accepted',
    );
    expect(renderPlan(waiting, 'markdown', { color: false })).toContain('AWS/emea/111100000001');
    const held = plan([named('111100000001')], { programManagementAccounts: [livePma('INACTIVE')] });
    const text = renderPlan(held, 'text', { color: false });
    expect(text).toContain(`AWS/${NEW_PMA}/111100000001 is left as it is: program management account emea (AWS/DISTRIBUTION/123456789012) is INACTIVE`);
    expect(renderPlan(held, 'markdown', { color: false })).toContain(
      '**Warning:** program management account emea \\(AWS/DISTRIBUTION/123456789012\\) is INACTIVE: nothing under it is attempted \\(planned: create\\)',
    );
  });
});

describe('dependsOn the PMA create', () => {
  const create = {
    kind: 'programManagementAccount',
    address: 'AWS/DISTRIBUTION/123456789012',
    action: 'create',
    fields: [],
    programManagementAccount: { name: 'emea', catalog: 'AWS', program: 'DISTRIBUTION', accountId: '123456789012', displayName: 'EMEA', tags: {} },
  } as PlannedChange;

  it('a relationship waiting for a PMA the same apply creates names that create, its id known after apply', () => {
    const waiting = asRelationship(plan([named('111100000001')], {}).changes[0]);
    expect(pmaDependencies(waiting, [create, waiting])).toEqual([
      { kind: 'programManagementAccount', address: 'AWS/DISTRIBUTION/123456789012', action: 'create', knownAfterApply: ['programManagementAccountIdentifier'] },
    ]);
  });

  it('none for a PMA of another name, a PENDING PMA (no create), or a relationship by identifier', () => {
    const waiting = asRelationship(plan([named('111100000001')], {}).changes[0]);
    expect(
      pmaDependencies(waiting, [
        { ...create, programManagementAccount: { ...(create as { programManagementAccount: object }).programManagementAccount, name: 'apac' } } as PlannedChange,
      ]),
    ).toEqual([]);
    const pending = asRelationship(plan([named('111100000001')], { programManagementAccounts: [livePma('PENDING')] }).changes[0]);
    expect(pmaDependencies(pending, [create])).toEqual([]);
    const byId = asRelationship(plan([desiredEntry('111100000002')], {}).changes[0]);
    expect(pmaDependencies(byId, [create])).toEqual([]);
  });
});

describe('a saved change the fresh plan holds back', () => {
  it('is not done: the fresh no-op waits for (or is held by) its PMA', async () => {
    const { relationshipPlanner } = await import('../../src/kinds/relationship/planner.js');
    const waiting = asRelationship(plan([named('111100000001')], {}).changes[0]);
    expect(relationshipPlanner.noLongerNeeded(waiting)).toEqual({ done: false, why: waiting.reason });
    const inactive = asRelationship(plan([named('111100000001')], { programManagementAccounts: [livePma('INACTIVE')] }).changes[0]);
    expect(relationshipPlanner.noLongerNeeded(inactive).done).toBe(false);
    const plain = asRelationship(
      plan([desiredEntry('111100000002')], { relationships: [liveEntry('111100000002', 'rs-aaaaaaaaaaa02', { tags: { ...MANAGED } })] }).changes[0],
    );
    expect(plain.action).toBe('no-op');
    expect(relationshipPlanner.noLongerNeeded(plain).done).toBe(true);
  });
});
