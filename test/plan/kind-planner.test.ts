/**
 * The plan engine reaches kinds only through the registry (issue 20): the delete guard counts what each kind says
 * deletes a live resource (a change of another kind is never counted as a relationship), the summary and the
 * blockers are each kind's, and a change of no registered kind is a bug, never silently a relationship.
 */
import { describe, expect, it } from 'vitest';
import { KIND_NAMES, KINDS, kindOf } from '../../src/kinds/registry.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { planBlockers } from '../../src/plan/applyable.js';
import type { PlannedChange } from '../../src/plan/plan-types.js';
import { summarizePlan } from '../../src/plan/summarize-plan.js';
import { desiredState, liveEntry } from '../support/state-builders.js';

const PMA = 'pma-u8ic702rtzng8';
const account = (i: number) => String(111100000000 + i);
const rel = (i: number) => `rs-aaaaaaaaaaa${String(i).padStart(2, '0')}`;
const MANAGED = { 'pcc:managed': 'true' };

/** Service-period revokes (action delete) of the relationships 0..n-1: they delete no relationship. */
const revokes = (n: number): PlannedChange[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'servicePeriod',
    address: `AWS/${PMA}/${account(i)}`,
    action: 'delete',
    id: rel(i),
    fields: [],
    servicePeriod: { catalog: 'AWS', programManagementAccountIdentifier: PMA, terms: { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' } },
  }));

describe('the kind seam of the plan engine', () => {
  it('lists every kind once, in KIND_NAMES order, each with a planner', () => {
    expect(KINDS.map((kind) => kind.name)).toEqual([...KIND_NAMES]);
    for (const kind of KINDS) expect(typeof kind.planner.plan).toBe('function');
  });

  it('the delete guard counts only what deletes a live relationship: service-period revokes are not relationships', () => {
    const live = { relationships: Array.from({ length: 12 }, (_, i) => liveEntry(account(i), rel(i), { tags: { ...MANAGED } })) };
    const relationshipGuard = KINDS.flatMap(({ planner }) => (planner.deletions ? [planner.deletions(revokes(12), live)] : []));
    // Each kind with deletions (program management accounts, relationships) counts none of them.
    expect(relationshipGuard.map((guarded) => guarded.deletions)).toEqual([[], []]);
    // The same twelve pruned as relationships do count: more than --max-deletes 11.
    const plan = buildPlan(desiredState([]), live, { prune: true, allowReplace: false, dir: 'relationships', maxDeletes: 11 });
    expect(plan.errors.map((e) => e.message)).toEqual(['the plan deletes 12 relationships, more than --max-deletes 11 allows']);
  });

  it('summary and blockers are the kind’s: a revoke counts as `revoke`, and needs --revoke', () => {
    expect(summarizePlan(revokes(2), 0)).toMatchObject({ delete: 0, revoke: 2 });
    const blockers = planBlockers({ changes: revokes(1), errors: [], options: { prune: true, allowReplace: false } });
    expect(blockers.map((b) => b.code)).toEqual(['revoke-not-allowed']);
  });

  it('a change of no registered kind is refused, never taken for a relationship', () => {
    expect(() => kindOf({ kind: 'organization' as PlannedChange['kind'] })).toThrow(/no resource kind "organization"/);
  });
});
