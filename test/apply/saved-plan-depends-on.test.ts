/**
 * Apply derives its phases from `dependsOn`, so a saved plan's edges must be the ones its kinds derive from its
 * changes: an edge removed, added or altered by hand is `saved-plan-edited` (checkSavedPlan, pure).
 */
import { describe, expect, it } from 'vitest';
import { checkSavedPlan, type SavedPlanCheck } from '../../src/apply/check-saved-plan.js';
import { serializePlan } from '../../src/plan/saved-plan.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { load } from '../desired/helpers.js';

const FILE = `catalog: AWS
programManagementAccountIdentifier: pma-u8ic702rtzng8
relationships:
  - associatedAccountId: "111122223333"
    associationType: END_CUSTOMER
    displayName: Acme
    sector: COMMERCIAL
    servicePeriod:
      type: MINIMUM_NOTICE_PERIOD
      minimumNoticeDays: 30
`;

const GIVEN = { prune: false, allowReplace: false };

async function saved(edit: (plan: Plan) => void = () => {}): Promise<SavedPlanCheck> {
  const loaded = await load({ 'a.yaml': FILE });
  const plan = JSON.parse(serializePlan(buildPlan(loaded.desired, { relationships: [] }, { ...GIVEN, dir: 'relationships' }))) as Plan;
  edit(plan);
  return checkSavedPlan({ text: JSON.stringify(plan), name: 'plan file p.json' }, loaded, 'relationships', GIVEN);
}
const codeOf = (result: SavedPlanCheck) => ('problem' in result ? result.problem.code : 'ok');
const period = (plan: Plan) => plan.changes.find((change) => change.kind === 'servicePeriod')!;

describe('a saved plan whose dependsOn were edited', () => {
  it('as planned: accepted (the service period depends on the create)', async () => {
    const result = await saved();
    expect(codeOf(result)).toBe('ok');
    expect('plan' in result && period(result.plan).dependsOn).toEqual([
      { kind: 'relationship', address: 'AWS/pma-u8ic702rtzng8/111122223333', action: 'create', knownAfterApply: ['relationshipIdentifier'] },
    ]);
  });

  it('an edge removed: saved-plan-edited', async () => {
    const result = await saved((plan) => delete period(plan).dependsOn);
    expect(codeOf(result)).toBe('saved-plan-edited');
    expect('problem' in result && result.problem.message).toContain('dependsOn');
  });

  it('an edge added, or its known-after-apply values changed: saved-plan-edited', async () => {
    const added = await saved((plan) => {
      plan.changes[0]!.dependsOn = [{ kind: 'servicePeriod', address: plan.changes[0]!.address, action: 'create' }];
    });
    expect(codeOf(added)).toBe('saved-plan-edited');
    const altered = await saved((plan) => {
      period(plan).dependsOn![0]!.knownAfterApply = [];
    });
    expect(codeOf(altered)).toBe('saved-plan-edited');
    const empty = await saved((plan) => {
      plan.changes[0]!.dependsOn = [];
    });
    expect(codeOf(empty)).toBe('saved-plan-edited');
  });
});

describe('a saved plan a kind cannot read (review of issue 20)', () => {
  it('a service-period change without its servicePeriod: not a plan (no internal error deriving its edges)', async () => {
    const result = await saved((plan) => delete (period(plan) as { servicePeriod?: unknown }).servicePeriod);
    expect(codeOf(result)).toBe('saved-plan-not-a-plan');
    expect('problem' in result && result.problem.message).toContain('changes[1].servicePeriod: expected an object');
  });

  it('a plan made before dependsOn (no change has any): says so and what to do, not only "edited"', async () => {
    const result = await saved((plan) => {
      for (const change of plan.changes) delete change.dependsOn;
    });
    expect(codeOf(result)).toBe('saved-plan-edited');
    const message = 'problem' in result ? result.problem.message : '';
    expect(message).toContain('made by an earlier pcc');
    expect(message).toContain('plan again with --out');
  });
});
