import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { MANAGED_TAG, SUPPORT_PLAN_TAG } from '../../src/model/ownership-tags.js';
import { supportPlanFingerprint, supportPlanTagValue } from '../../src/model/support-plan-tag.js';
import type { SupportPlan } from '../../src/model/relationship.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, countByAddress, createWorkspace, entry, pcc, PMA, relationshipAt, type Workspace } from '../support/e2e-helpers.js';

/**
 * Each test loses exactly one answer: the emulator performs the first call of one operation, then destroys the
 * connection, and answers normally from then on. The SDK retries; apply must end with the change made once.
 */
let emulator: RunningEmulator | undefined;
const dropped: string[] = [];
const h = withEmulator(
  {
    idSeed: 21,
    onRequest: (request) => {
      if (!request.dropped) return;
      dropped.push(request.operation);
      emulator?.setFaults(undefined);
    },
  },
  {
    per: 'test',
    seed: (e) => {
      emulator = e;
      e.state.createPma({ id: PMA });
    },
  },
);
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
  dropped.length = 0;
});

const dropFirst = (operation: string) => h.emulator.setFaults({ dropAfterCommitRate: 1, operations: [operation] });
const SUPPORT: SupportPlan = { resoldUnifiedOperations: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } };

function seedManaged(i: number, displayName = `Customer ${i}`) {
  return h.state.seedRelationship({
    pmaId: PMA,
    associatedAccountId: accountId(i),
    associationType: 'END_CUSTOMER',
    displayName,
    sector: 'COMMERCIAL',
    tags: { [MANAGED_TAG]: 'true' },
  });
}

describe('a lost answer (commit, then the connection drops)', () => {
  it('on create: the retry with the same clientToken gets the same relationship', async () => {
    ws = await createWorkspace([entry(1)]);
    dropFirst('CreateRelationship');
    const result = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(dropped).toEqual(['CreateRelationship']);
    expect(result.code).toBe(0);
    expect(h.emulator.stats.calls.CreateRelationship).toBe(2);
    expect([...countByAddress(h.emulator).values()]).toEqual([1]);
    expect(result.stderr).toContain(`(${relationshipAt(h.emulator, 1)!.id})`);
    // The SDK's retry carries this run's id in pcc:apply-run too: the replayed answer is this run's own create.
    expect(result.stderr).toContain('Apply complete: 1 created, 0 updated, 0 deleted, 0 failed.');
  });

  it('on update of displayName: the 409 after the retry is re-read and counted a success', async () => {
    const live = seedManaged(1, 'Old');
    ws = await createWorkspace([entry(1)]);
    dropFirst('UpdateRelationship');
    const result = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(dropped).toEqual(['UpdateRelationship']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('confirmed by a re-read after the SDK retried');
    expect(h.state.getRelationship(live.id)).toMatchObject({ displayName: 'Customer 1', revision: '2' });
  });

  it('on update of the support plan: nothing can prove it landed, so no fingerprint; the next apply sends it again', async () => {
    const live = seedManaged(1);
    ws = await createWorkspace([entry(1, { requestedSupportPlan: SUPPORT })]);
    dropFirst('UpdateRelationship');
    const result = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('changed since the plan; plan again');
    expect(h.state.getRelationship(live.id)).toMatchObject({ revision: '2', requestedSupportPlan: SUPPORT });
    expect(h.state.getRelationship(live.id)?.tags[SUPPORT_PLAN_TAG]).toBeUndefined();
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(h.state.getRelationship(live.id)?.tags[SUPPORT_PLAN_TAG]).toBe(supportPlanTagValue(SUPPORT));
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('on delete: the retry finds it gone (or replays the token) and counts it deleted', async () => {
    seedManaged(1);
    const live = seedManaged(2);
    // Entry 1 keeps the PMA in scope: pcc reads (and prunes) only the PMAs the files name.
    ws = await createWorkspace([entry(1)]);
    dropFirst('DeleteRelationship');
    const result = await pcc(ws, h.env, ['apply', '--auto-approve', '--prune']);
    expect(dropped).toEqual(['DeleteRelationship']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Apply complete: 0 created, 0 updated, 1 deleted, 0 failed.');
    expect(h.state.getRelationship(live.id)).toBeUndefined();
  });

  it('on tagging during adopt: tags are idempotent, the adopt completes', async () => {
    h.state.seedRelationship({ pmaId: PMA, associatedAccountId: accountId(3), associationType: 'END_CUSTOMER', displayName: 'X', sector: 'COMMERCIAL' });
    ws = await createWorkspace([entry(3)]);
    dropFirst('TagResource');
    const result = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(dropped).toEqual(['TagResource']);
    expect(result.code).toBe(0);
    expect(relationshipAt(h.emulator, 3)).toMatchObject({ displayName: 'Customer 3', tags: { [MANAGED_TAG]: 'true' } });
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});
