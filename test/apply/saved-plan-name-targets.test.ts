/** A saved plan made with `--target`/`--replace` in name form is applied with the same flags (issue 21). */
import { describe, expect, it } from 'vitest';
import { checkSavedPlan } from '../../src/apply/check-saved-plan.js';
import type { LiveState } from '../../src/live/live-state.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { serializePlan } from '../../src/plan/saved-plan.js';
import { load } from '../desired/helpers.js';

const PMAS = 'catalog: AWS\nprogramManagementAccounts:\n  - name: apac\n    program: SOLUTION_PROVIDER\n    accountId: "123456789013"\n    displayName: APAC\n';
const TEAM =
  'catalog: AWS\nprogramManagementAccount: apac\nrelationships:\n  - associatedAccountId: "210000000001"\n    associationType: END_CUSTOMER\n    displayName: Team one\n    sector: COMMERCIAL\n';
const PMA_ID = 'pma-0qa9xl9dc3bl7';
const live = {
  relationships: [],
  programManagementAccounts: [
    {
      id: PMA_ID,
      arn: `arn:aws:partnercentral:us-east-1:000000000000:catalog/AWS/program-management-account/${PMA_ID}`,
      catalog: 'AWS',
      program: 'SOLUTION_PROVIDER',
      accountId: '123456789013',
      displayName: 'APAC',
      status: 'ACTIVE',
      revision: '1',
      tags: { 'pcc:managed': 'true' },
    },
  ],
  pmaHandshakes: [],
} as unknown as LiveState;

describe('a saved plan with a name-form --target', () => {
  it('records the id form, and apply given the same name-form flag accepts it (a different address is refused)', async () => {
    const loaded = await load({ 'pmas.yaml': PMAS, 'a.yaml': TEAM });
    expect(loaded.diagnostics).toEqual([]);
    const given = { prune: false, allowReplace: false, targets: ['AWS/apac/210000000001'] };
    const plan = buildPlan(loaded.desired, live, { ...given, dir: 'relationships' });
    expect(plan.errors).toEqual([]);
    expect(plan.options.targets).toEqual([`AWS/${PMA_ID}/210000000001`]);
    const text = serializePlan(plan);
    const check = (flags: typeof given) => checkSavedPlan({ text, name: 'plan file p.json' }, loaded, 'relationships', flags);
    expect(check(given)).toHaveProperty('plan');
    expect(check({ ...given, targets: [`AWS/${PMA_ID}/210000000001`] })).toHaveProperty('plan');
    expect(check({ ...given, targets: ['AWS/apac/210000000002'] })).toMatchObject({ problem: { code: 'saved-plan-options-differ' } });
  });
});
