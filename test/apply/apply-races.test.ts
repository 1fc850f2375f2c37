import { describe, expect, it } from 'vitest';
import { RACE_DISPLAY_NAME } from '../../src/emulator/index.js';
import { MANAGED_TAG, SUPPORT_PLAN_TAG } from '../../src/model/ownership-tags.js';
import { supportPlanFingerprint, supportPlanTagValue } from '../../src/model/support-plan-tag.js';
import type { SupportPlan } from '../../src/model/relationship.js';
import { withEmulator, type EmulatorHandle } from '../support/emulator.js';
import { accountId, entry, pcc, PMA, relationshipAt, type Workspace, workspaceForTest } from '../support/e2e-helpers.js';

/**
 * Races with people using the console, and tag writes that bump the revision (issue 9, faults 1, 2, 8):
 * nothing unproven is recorded, a refused change leaves no trace, and flows converge in one run.
 */

const PLAN_A: SupportPlan = { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } };
const PLAN_B: SupportPlan = { resoldUnifiedOperations: { coverage: 'MANAGEMENT_ACCOUNT_ONLY', tamLocation: 'eu-west-1' } };
const PLAN_C: SupportPlan = { resoldEnterprise: { coverage: 'MANAGEMENT_ACCOUNT_ONLY', tamLocation: 'eu-west-1' } };
const withPma = { per: 'test' as const, seed: (e: { state: { createPma(i: { id: string }): unknown } }) => void e.state.createPma({ id: PMA }) };

function seed(h: EmulatorHandle, i: number, tags: Record<string, string>, displayName = `Customer ${i}`) {
  return h.state.seedRelationship({ pmaId: PMA, associatedAccountId: accountId(i), associationType: 'END_CUSTOMER', displayName, sector: 'COMMERCIAL', tags });
}

async function expectConverged(h: EmulatorHandle, workspace: Workspace) {
  const plan = await pcc(workspace, h.env, ['plan', '--detailed-exitcode']);
  expect(plan.stderr).toBe('');
  expect(plan.code).toBe(0);
}

describe('fault 1: a 409 after a retry of a support-plan change is never recorded as done', () => {
  const h = withEmulator({ idSeed: 41 }, withPma);
  it('the race (500, someone renames, retry meets 409): stale, no fingerprint; the next plan shows the change and converges', async () => {
    const live = seed(h, 1, { [MANAGED_TAG]: 'true', [SUPPORT_PLAN_TAG]: supportPlanFingerprint(PLAN_A) });
    h.state.mutateRelationship(live.id, { requestedSupportPlan: PLAN_A });
    const ws = await workspaceForTest([entry(1, { requestedSupportPlan: PLAN_B })]);
    h.emulator.raceNextUpdate();
    const raced = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(raced.code).toBe(1);
    expect(raced.stderr).toContain('changed since the plan; plan again');
    expect(raced.stderr).not.toContain('confirmed');
    const after = h.state.getRelationship(live.id)!;
    expect(after.requestedSupportPlan).toEqual(PLAN_A);
    expect(after.displayName).toBe(RACE_DISPLAY_NAME);
    expect(after.tags[SUPPORT_PLAN_TAG]).toBe(supportPlanFingerprint(PLAN_A));

    const plan = await pcc(ws, h.env, ['plan']);
    expect(plan.stdout).toContain('requestedSupportPlan');
    expect(plan.stdout).toContain('displayName');
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(h.state.getRelationship(live.id)).toMatchObject({ requestedSupportPlan: PLAN_B, displayName: 'Customer 1' });
    expect(h.state.getRelationship(live.id)?.tags[SUPPORT_PLAN_TAG]).toBe(supportPlanTagValue(PLAN_B));
    await expectConverged(h, ws);
  });

  it('a rename alone that meets the race is stale too (the live name is not ours)', async () => {
    const live = seed(h, 2, { [MANAGED_TAG]: 'true' }, 'Old');
    const ws = await workspaceForTest([entry(2)]);
    h.emulator.raceNextUpdate();
    const raced = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(raced.code).toBe(1);
    expect(raced.stderr).toContain('changed since the plan; plan again');
    expect(h.state.getRelationship(live.id)?.displayName).toBe(RACE_DISPLAY_NAME);
  });
});

describe('fault 2: a refused adopt leaves no trace', () => {
  const h = withEmulator({ idSeed: 42 }, withPma);
  for (const [what, declared] of [
    ['with a rename', entry(1)],
    ['with only a tag change (no UpdateRelationship)', entry(1, { displayName: 'Hand made', tags: { team: 'blue' } })],
  ] as const) {
    it(`${what}: renamed by a person after the plan, the saved adopt is refused and pcc:managed is never written`, async () => {
      const live = seed(h, 1, {}, 'Hand made');
      const ws = await workspaceForTest([declared]);
      expect((await pcc(ws, h.env, ['plan', '--out', 'p.json'])).code).toBe(0);
      h.state.mutateRelationship(live.id, { displayName: 'Renamed by a person' });
      const result = await pcc(ws, h.env, ['apply', 'p.json', '--auto-approve']);
      expect(result.code).toBe(1);
      // Refused either by the saved-plan check (the fresh plan sees other values) or, had the rename come after
      // that check, by the revision check before any write: both leave no trace.
      expect(result.stderr).toMatch(/refused, not sent: the files and live state now call for it with other values|changed since the plan; plan again/);
      expect(h.state.getRelationship(live.id)?.tags).toEqual({});
      expect(h.state.getRelationship(live.id)?.displayName).toBe('Renamed by a person');
    });
  }
});

describe('a saved or reviewed plan is applied only to the relationship as it was planned', () => {
  const h = withEmulator({ idSeed: 44 }, withPma);
  for (const [how, args] of [
    ['saved', ['p.json']],
    ['reviewed', ['--reviewed', 'p.json']],
  ] as const) {
    it(`${how}: a support plan set in the console after the plan (no plan can show it) is not overwritten: stale, nothing written`, async () => {
      const live = seed(h, 1, { [MANAGED_TAG]: 'true', [SUPPORT_PLAN_TAG]: supportPlanFingerprint(PLAN_A) });
      h.state.mutateRelationship(live.id, { requestedSupportPlan: PLAN_A });
      const ws = await workspaceForTest([entry(1, { requestedSupportPlan: PLAN_B })]);
      expect((await pcc(ws, h.env, ['plan', '--out', 'p.json'])).code).toBe(0);
      h.state.mutateRelationship(live.id, { requestedSupportPlan: PLAN_C });
      const result = await pcc(ws, h.env, ['apply', ...args, '--auto-approve']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('changed since the plan; plan again');
      expect(h.state.getRelationship(live.id)?.requestedSupportPlan).toEqual(PLAN_C);
      expect(h.state.getRelationship(live.id)?.tags[SUPPORT_PLAN_TAG]).toBe(supportPlanFingerprint(PLAN_A));
    });
  }
});

describe('an adopt records no fingerprint it did not write', () => {
  const h = withEmulator({ idSeed: 45 }, withPma);
  it('a pcc:support-plan tag found on an adopted relationship is removed unless a plan is sent, so a plan declared later is sent', async () => {
    const live = seed(h, 1, { [MANAGED_TAG]: 'false', [SUPPORT_PLAN_TAG]: supportPlanFingerprint(PLAN_A) });
    h.state.mutateRelationship(live.id, { requestedSupportPlan: PLAN_C });
    const ws = await workspaceForTest([entry(1)]);
    const adopted = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(adopted.stderr).toContain('1 adopted');
    expect(h.state.getRelationship(live.id)?.tags).toEqual({ [MANAGED_TAG]: 'true' });
    await ws.write([entry(1, { requestedSupportPlan: PLAN_A })]);
    const plan = await pcc(ws, h.env, ['plan']);
    expect(plan.stdout).toContain('requestedSupportPlan');
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(h.state.getRelationship(live.id)?.requestedSupportPlan).toEqual(PLAN_A);
    await expectConverged(h, ws);
  });
});

describe('fault 8: tag writes that bump the revision', () => {
  const h = withEmulator({ idSeed: 43, tagWritesBumpRevision: true }, withPma);
  it('adopt (rename, tags, support plan) converges in one run', async () => {
    const live = seed(h, 1, { old: 'x' }, 'Hand made');
    const ws = await workspaceForTest([entry(1, { requestedSupportPlan: PLAN_A, tags: { team: 'blue' } })]);
    const result = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(result.stderr).toContain('1 adopted');
    expect(result.code).toBe(0);
    expect(h.state.getRelationship(live.id)).toMatchObject({ displayName: 'Customer 1', requestedSupportPlan: PLAN_A });
    expect(h.state.getRelationship(live.id)?.tags).toEqual({ team: 'blue', [MANAGED_TAG]: 'true', [SUPPORT_PLAN_TAG]: supportPlanTagValue(PLAN_A) });
    await expectConverged(h, ws);
  });

  it('update (rename, support plan, tags) converges in one run', async () => {
    const live = seed(h, 2, { [MANAGED_TAG]: 'true', old: 'x' }, 'Old');
    const ws = await workspaceForTest([entry(2, { requestedSupportPlan: PLAN_B, tags: { team: 'red' } })]);
    const result = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(result.code).toBe(0);
    expect(relationshipAt(h.emulator, 2)).toMatchObject({ id: live.id, displayName: 'Customer 2', requestedSupportPlan: PLAN_B });
    await expectConverged(h, ws);
  });
});
