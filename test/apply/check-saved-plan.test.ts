/**
 * checkSavedPlan is a pure core (issue 11, item 5): the command reads the plan file and loads the files; the
 * check gets the text and the loaded files and answers with the plan or a Problem whose code docs/codes.md lists.
 * The plans here are real: the files are loaded by loadDesired and planned by buildPlan against empty live state.
 */
import { describe, expect, it } from 'vitest';
import { checkSavedPlan, type SavedPlanCheck } from '../../src/apply/check-saved-plan.js';
import type { LoadedDesired } from '../../src/desired/load-desired.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { serializePlan } from '../../src/plan/saved-plan.js';
import type { PlanShapingValues } from '../../src/plan/plan-options.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { load } from '../desired/helpers.js';
import { asRelationship } from '../support/plan-builders.js';

const PMA = 'pma-u8ic702rtzng8';
const file = (name: string) => `catalog: AWS
programManagementAccountIdentifier: ${PMA}
relationships:
  - associatedAccountId: "111122223333"
    associationType: END_CUSTOMER
    displayName: ${name}
    sector: COMMERCIAL
`;

async function planned(name = 'Acme'): Promise<{ loaded: LoadedDesired; plan: Plan }> {
  const loaded = await load({ 'a.yaml': file(name) });
  return { loaded, plan: buildPlan(loaded.desired, { relationships: [] }, { prune: false, allowReplace: false, dir: 'relationships' }) };
}

const NO_FLAGS = { prune: false, allowReplace: false };
const check = (text: string, loaded: LoadedDesired, given: PlanShapingValues = NO_FLAGS): SavedPlanCheck =>
  checkSavedPlan({ text, name: 'plan file p.json' }, loaded, 'relationships', given);
const codeOf = (result: SavedPlanCheck) => ('problem' in result ? result.problem.code : 'ok');

describe('checkSavedPlan (pure: text and loaded files in, plan or Problem out)', () => {
  it('gives back the plan the files still call for', async () => {
    const { loaded, plan } = await planned();
    expect(check(serializePlan(plan), loaded)).toEqual({ plan: JSON.parse(serializePlan(plan)) });
  });

  it('not JSON, or not a plan: saved-plan-not-a-plan, naming the file', async () => {
    const { loaded, plan } = await planned();
    const truncated = check(serializePlan(plan).slice(0, 40), loaded);
    expect(truncated).toMatchObject({
      problem: { code: 'saved-plan-not-a-plan', severity: 'error', message: expect.stringContaining('plan file p.json is not valid JSON') },
    });
    expect(codeOf(check(JSON.stringify({ ...plan, formatVersion: 99 }), loaded))).toBe('saved-plan-not-a-plan');
  });

  it('files that changed since the plan: saved-plan-files-changed', async () => {
    const { plan } = await planned('Acme');
    const { loaded } = await planned('Acme Corp');
    expect(codeOf(check(serializePlan(plan), loaded))).toBe('saved-plan-files-changed');
  });

  it('files no longer valid: saved-plan-files-invalid, with their problems', async () => {
    const { plan } = await planned();
    const loaded = await load({ 'a.yaml': file('Acme').replace('END_CUSTOMER', 'NOT_A_TYPE') });
    const result = check(serializePlan(plan), loaded);
    expect(codeOf(result)).toBe('saved-plan-files-invalid');
    expect('problem' in result && result.diagnostics?.map((d) => d.code)).toEqual(['schema-enum']);
  });

  it('an edited summary or applyable: saved-plan-edited; an edited change: saved-plan-mismatch', async () => {
    const { loaded, plan } = await planned();
    expect(codeOf(check(serializePlan({ ...plan, summary: { ...plan.summary, create: 0 } }), loaded))).toBe('saved-plan-edited');
    expect(codeOf(check(serializePlan({ ...plan, applyable: false }), loaded))).toBe('saved-plan-edited');
    const change = asRelationship(plan.changes[0]);
    const edited = { ...plan, changes: [{ ...change, desired: { ...change.desired!, displayName: 'Evil' } }] };
    expect(check(serializePlan(edited), loaded)).toMatchObject({
      problem: { code: 'saved-plan-mismatch', message: expect.stringContaining('differ from its file entry') },
    });
  });

  it('any difference in the plan-shaping flags, either way: saved-plan-options-differ, naming the flag', async () => {
    const { loaded, plan } = await planned();
    const made = (options: Partial<PlanShapingValues>) => serializePlan({ ...plan, options: { ...plan.options, ...options } });
    const cases: Array<[Partial<PlanShapingValues>, PlanShapingValues, string]> = [
      [{ revoke: true }, NO_FLAGS, 'it was made with --revoke; pass --revoke to apply it too'],
      [{}, { ...NO_FLAGS, resend: true }, 'it was made without --resend, and apply was given --resend'],
      [{ replaceServicePeriods: true }, NO_FLAGS, 'pass --replace-service-periods'],
      [{ maxDeletes: 25 }, { ...NO_FLAGS, maxDeletes: 24 }, 'it was made with --max-deletes 25, and apply was given --max-deletes 24'],
      [{ targets: ['AWS/p/1'] }, NO_FLAGS, 'it was made with --target AWS/p/1; pass --target AWS/p/1'],
      [{}, { ...NO_FLAGS, replace: ['AWS/p/1'] }, 'apply was given --replace AWS/p/1'],
      [{ allowReplace: true }, NO_FLAGS, 'pass --allow-replace'],
      [{ acknowledgeServicePeriods: ['AWS/p/1'] }, NO_FLAGS, 'it was made with --acknowledge-service-period AWS/p/1; pass --acknowledge-service-period AWS/p/1'],
    ];
    for (const [options, given, message] of cases) {
      const result = check(made(options), loaded, given);
      expect(codeOf(result), message).toBe('saved-plan-options-differ');
      expect('problem' in result && result.problem.message).toContain(message);
    }
    // The same flags, in another order or repeated, are the same.
    const same = check(made({ targets: ['AWS/p/2', 'AWS/p/1'] }), loaded, { ...NO_FLAGS, targets: ['AWS/p/1', 'AWS/p/2', 'AWS/p/1'] });
    expect(codeOf(same)).not.toBe('saved-plan-options-differ');
  });

  it('an option this pcc does not know (a newer pcc, or an edit; any name, __proto__ too): saved-plan-options-differ', async () => {
    const { loaded, plan } = await planned();
    for (const [name, value] of [
      ['force', true],
      ['__proto__', { revoke: true }],
      ['constructor', false],
      ['pruneAll', 'yes'],
    ] as const) {
      // JSON.parse makes `__proto__` an own key, as a plan file would hold it.
      const text = serializePlan(plan).replace('"options": {', `"options": {${JSON.stringify(name)}: ${JSON.stringify(value)},`);
      const result = check(text, loaded);
      expect(codeOf(result), name).toBe('saved-plan-options-differ');
      expect('problem' in result && result.problem.message).toContain(`"${name}"`);
    }
  });

  it('a release the files do not list (an edited plan): saved-plan-mismatch', async () => {
    const loaded = await load({ 'a.yaml': `${file('Acme')}released:\n  - AWS/${PMA}/222233334444\n` });
    const live = {
      relationships: [
        {
          id: 'rs-0000000000002',
          arn: 'arn:rs-2',
          catalog: 'AWS',
          programManagementAccountId: PMA,
          associatedAccountId: '222233334444',
          associationType: 'END_CUSTOMER',
          displayName: 'B',
          sector: 'COMMERCIAL',
          revision: '1',
          tags: { 'pcc:managed': 'true' },
        },
      ],
    };
    const plan = buildPlan(loaded.desired, live as never, { prune: false, allowReplace: false, dir: 'relationships' });
    expect(plan.summary.release).toBe(1);
    expect(check(serializePlan(plan), loaded)).toEqual({ plan: JSON.parse(serializePlan(plan)) });
    const edited = { ...plan, changes: plan.changes.map((c) => (c.action === 'release' ? { ...c, address: `AWS/${PMA}/333344445555` } : c)) };
    const result = check(serializePlan(edited), loaded);
    expect(result).toMatchObject({
      problem: { code: 'saved-plan-mismatch', message: expect.stringContaining('is to be released but no file lists it under released:') },
    });
  });
});
