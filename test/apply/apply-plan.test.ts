import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { createClientToken } from '../../src/kinds/relationship/client-token.js';
import { APPLY_RUN_TAG, MANAGED_TAG, SUPPORT_PLAN_TAG } from '../../src/model/ownership-tags.js';
import { supportPlanFingerprint, supportPlanTagValue } from '../../src/model/support-plan-tag.js';
import type { SupportPlan } from '../../src/model/relationship.js';
import type { RelationshipChange } from '../../src/kinds/relationship/relationship-change.js';
import type { PlannedChange } from '../../src/plan/plan-types.js';
import { apiError, arnOf, createFakeChannelApi, type FakeChannelApi } from '../support/fake-channel-api.js';
import { createChange, makePlan, spec } from '../support/plan-builders.js';
import { addressFor } from '../support/state-builders.js';

const SUPPORT: SupportPlan = { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } };

/** A plan of these changes, made without --prune and --allow-replace unless `options` says so. */
const planOf = (changes: PlannedChange[], options = {}) => makePlan({ changes, options: { prune: false, allowReplace: false, ...options } });

function apply(api: FakeChannelApi, changes: PlannedChange[], options = {}, runId?: string) {
  // No waits for reads that lag: the fake API never lags, and a replayed token's 404 is real.
  return applyPlan(planOf(changes, options), { api, parallelism: 4, readLagDelaysMs: [], ...(runId ? { runId } : {}) });
}

describe('applyPlan: create', () => {
  it('creates with user tags, pcc:managed, the support-plan fingerprint and a deterministic token', async () => {
    const api = createFakeChannelApi();
    const change = createChange('111122223333', { tags: { team: 'a' }, requestedSupportPlan: SUPPORT });
    const result = await apply(api, [change], {}, 'run-a');
    expect(result.summary).toMatchObject({ created: 1, failed: 0 });
    const create = api.calls.find((c) => c.op === 'CreateRelationship')?.args as Record<string, unknown>;
    expect(create.tags).toEqual({ team: 'a', [MANAGED_TAG]: 'true', [SUPPORT_PLAN_TAG]: supportPlanTagValue(SUPPORT), [APPLY_RUN_TAG]: 'run-a' });
    // The run tag is not in the token: another run's create of the same entry sends the same token.
    expect(create.clientToken).toBe(createClientToken(change.address, change.desired!));
    await apply(api, [change], {}, 'run-b');
    const tokens = api.calls.filter((c) => c.op === 'CreateRelationship').map((c) => (c.args as { clientToken: string }).clientToken);
    expect(tokens).toEqual([create.clientToken, create.clientToken]);
    expect(create.requestedSupportPlan).toEqual(SUPPORT);
    expect(result.outcomes[0]).toMatchObject({ status: 'succeeded', action: 'create', id: expect.stringMatching(/^rs-/) });
  });

  it('a replayed answer is created only for the run whose create made it (its run tag), else created by another apply', async () => {
    const api = createFakeChannelApi();
    const change = createChange('111122223333', { tags: { team: 'a' } });
    const first = await apply(api, [change], {}, 'run-a');
    expect(first.summary).toMatchObject({ created: 1 });
    // The fake answers a known token with its first answer whatever the request (the replay a service may give).
    const again = await apply(api, [change], {}, 'run-a');
    expect(again.outcomes[0]).toMatchObject({ status: 'succeeded', id: first.outcomes[0]?.id });
    const other = await apply(api, [change], {}, 'run-b');
    expect(other.outcomes[0]).toMatchObject({ status: 'skipped', id: first.outcomes[0]?.id, createdByAnother: true });
    expect(other.summary).toMatchObject({ created: 0, createdByAnother: 1, skipped: 0 });
    expect(api.records.size).toBe(1);
  });

  it("a replace whose create is answered with another run's relationship is not reported replaced", async () => {
    const api = createFakeChannelApi();
    const desired = spec('111122223333');
    api.seed({ id: 'rs-bbbbbbbbbbbbb', associatedAccountId: '111122223333', displayName: 'Old', tags: { [MANAGED_TAG]: 'true' } });
    const change: RelationshipChange = { ...createChange('111122223333'), action: 'replace', id: 'rs-bbbbbbbbbbbbb', revision: '1', arn: arnOf('rs-bbbbbbbbbbbbb') };
    // Another apply already replaced it: the old one is gone, the new one carries that run's tag.
    api.records.delete('rs-bbbbbbbbbbbbb');
    api.seed({
      id: 'rs-ccccccccccccc',
      associatedAccountId: '111122223333',
      displayName: desired.displayName,
      tags: { [MANAGED_TAG]: 'true', [APPLY_RUN_TAG]: 'run-other' },
    });
    const result = await apply(api, [change], { allowReplace: true }, 'run-mine');
    expect(result.outcomes[0]).toMatchObject({ action: 'replace', status: 'skipped', id: 'rs-ccccccccccccc', createdByAnother: true });
    expect(result.summary).toMatchObject({ replaced: 0, createdByAnother: 1 });
  });

  it('applying the same plan twice makes one relationship (the token replays the first answer)', async () => {
    const api = createFakeChannelApi();
    const first = await apply(api, [createChange('111122223333')]);
    const second = await apply(api, [createChange('111122223333')]);
    expect(api.records.size).toBe(1);
    expect(second.outcomes[0]?.id).toBe(first.outcomes[0]?.id);
  });

  it('a replayed answer naming a since-deleted relationship is created anew under a derived token', async () => {
    const api = createFakeChannelApi();
    const first = await apply(api, [createChange('111122223333')]);
    api.records.clear(); // pruned since; the service still remembers the token
    const again = await apply(api, [createChange('111122223333')]);
    expect(api.records.size).toBe(1);
    const [outcome] = again.outcomes;
    expect(outcome).toMatchObject({ status: 'succeeded' });
    expect(outcome?.id).not.toBe(first.outcomes[0]?.id);
    expect(api.records.has(outcome!.id!)).toBe(true);
    expect(outcome?.note).toContain(first.outcomes[0]!.id!);
  });

  it('a create whose answer lacks the id or the ARN (both optional in the model) finds what it made at the address', async () => {
    for (const leftOut of ['id', 'arn'] as const) {
      const api = createFakeChannelApi();
      const create = api.createRelationship;
      api.createRelationship = async (request) => {
        const { [leftOut]: _gone, ...answer } = await create(request);
        return answer;
      };
      const result = await apply(api, [createChange('111122223333', { requestedSupportPlan: SUPPORT })]);
      const [made] = [...api.records.values()];
      expect(api.records.size).toBe(1);
      expect(result.outcomes[0]).toMatchObject({ status: 'succeeded', id: made?.id });
      expect(api.calls.filter((c) => c.op === 'CreateRelationship')).toHaveLength(1);
    }
  });

  it('a create whose answer lacks the id fails, without a second create, when nothing at the address is what it asked for', async () => {
    const api = createFakeChannelApi();
    const create = api.createRelationship;
    api.createRelationship = async (request) => {
      await create(request);
      api.records.forEach((r) => (r.tags = {}));
      return {};
    };
    const result = await apply(api, [createChange('111122223333')]);
    expect(result.outcomes[0]).toMatchObject({ status: 'failed' });
    expect(result.outcomes[0]?.error).toContain("answered without the new relationship's id");
    expect(api.calls.filter((c) => c.op === 'CreateRelationship')).toHaveLength(1);
  });

  it('a 409 on create is not counted as created when the relationship there matches and is managed: its run tag says whose it is', async () => {
    const api = createFakeChannelApi();
    const desired = spec('111122223333');
    const seed = (id: string, tags: Record<string, string>) =>
      api.seed({ id, associatedAccountId: '111122223333', displayName: desired.displayName, tags: { [MANAGED_TAG]: 'true', ...tags } });
    // Another run's: created by another apply, counted apart from skipped.
    seed('rs-aaaaaaaaaaaaa', { [APPLY_RUN_TAG]: 'run-other' });
    const result = await apply(api, [createChange('111122223333')], {}, 'run-mine');
    expect(result.outcomes[0]).toMatchObject({
      status: 'skipped',
      id: 'rs-aaaaaaaaaaaaa',
      createdByAnother: true,
      note: expect.stringContaining('already created by another apply'),
    });
    expect(result.summary).toMatchObject({ created: 0, createdByAnother: 1, skipped: 0, failed: 0 });
    // This run's (its create landed, the answer was lost, and the token was forgotten before the retry): created.
    api.records.get('rs-aaaaaaaaaaaaa')!.tags = { [MANAGED_TAG]: 'true', [APPLY_RUN_TAG]: 'run-mine' };
    const own = await apply(api, [createChange('111122223333')], {}, 'run-mine');
    expect(own.outcomes[0]).toMatchObject({ status: 'succeeded', id: 'rs-aaaaaaaaaaaaa' });
    expect(own.summary).toMatchObject({ created: 1 });
    // No run tag (made by a pcc that wrote none): not shown to be this run's, so not created; not claimed as another's either.
    api.records.get('rs-aaaaaaaaaaaaa')!.tags = { [MANAGED_TAG]: 'true' };
    const none = await apply(api, [createChange('111122223333')], {}, 'run-mine');
    expect(none.outcomes[0]).toMatchObject({ status: 'skipped', id: 'rs-aaaaaaaaaaaaa', note: expect.stringContaining('already there') });
    expect(none.outcomes[0]).not.toHaveProperty('createdByAnother');
    expect(none.summary).toMatchObject({ created: 0, skipped: 1 });
  });

  it('a 409 on create is a failure when the managed relationship there was made with another support plan or tags', async () => {
    const api = createFakeChannelApi();
    const other: SupportPlan = { partnerLedSupport: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } };
    const desired = spec('111122223333');
    api.seed({
      id: 'rs-aaaaaaaaaaaaa',
      associatedAccountId: '111122223333',
      displayName: desired.displayName,
      tags: { [MANAGED_TAG]: 'true', [SUPPORT_PLAN_TAG]: supportPlanFingerprint(other) },
    });
    const result = await apply(api, [createChange('111122223333', { requestedSupportPlan: SUPPORT })]);
    expect(result.outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('409') });
    const api2 = createFakeChannelApi();
    api2.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', displayName: desired.displayName, tags: { [MANAGED_TAG]: 'true', team: 'b' } });
    const result2 = await apply(api2, [createChange('111122223333', { tags: { team: 'a' } })]);
    expect(result2.outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('409') });
    const api3 = createFakeChannelApi();
    api3.seed({
      id: 'rs-aaaaaaaaaaaaa',
      associatedAccountId: '111122223333',
      displayName: desired.displayName,
      resaleAccountModel: 'DISTRIBUTOR',
      tags: { [MANAGED_TAG]: 'true' },
    });
    const result3 = await apply(api3, [createChange('111122223333', { resaleAccountModel: 'END_CUSTOMER' })]);
    expect(result3.outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('409') });
    const same = await apply(api3, [createChange('111122223333', { resaleAccountModel: 'DISTRIBUTOR' })]);
    expect(same.outcomes[0]).toMatchObject({ status: 'skipped', id: 'rs-aaaaaaaaaaaaa' });
  });

  it('an entry pruned and declared again, many times over, is created each time (replayed tokens are walked past)', async () => {
    const api = createFakeChannelApi();
    const ids = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const result = await apply(api, [createChange('111122223333')]);
      expect(result.outcomes[0], `round ${round}`).toMatchObject({ status: 'succeeded' });
      expect(api.records.size).toBe(1);
      ids.add(result.outcomes[0]!.id!);
      api.records.clear(); // pruned; the service still remembers every token
    }
    expect(ids.size).toBe(6);
  });

  it('a 409 on create fails when the relationship there is not pcc-managed', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', displayName: spec('111122223333').displayName });
    const result = await apply(api, [createChange('111122223333')]);
    expect(result.outcomes[0]).toMatchObject({ status: 'failed' });
    expect(result.outcomes[0]?.error).toContain('409');
    expect(result.summary.failed).toBe(1);
  });

  it('reports ServiceQuotaExceeded as a failure naming the quota, and carries on with the others', async () => {
    const api = createFakeChannelApi();
    api.inject.CreateRelationship = (args) =>
      (args as { associatedAccountId: string }).associatedAccountId === '111111111111'
        ? apiError('CreateRelationship', 'quota-exceeded', 402, 5, 'quota reached')
        : undefined;
    const result = await apply(api, [createChange('111111111111'), createChange('222222222222')]);
    expect(result.summary).toMatchObject({ created: 1, failed: 1 });
    expect(result.outcomes[0]?.error).toMatch(/service quota exceeded after 5 attempts .*1,000 relationships/);
  });

  it('sanitises the server message in a failure', async () => {
    const api = createFakeChannelApi();
    api.inject.CreateRelationship = () => apiError('CreateRelationship', 'validation', 400, 1, 'bad\u001b[31m red\nline');
    const result = await apply(api, [createChange('111111111111')]);
    expect(result.outcomes[0]?.error).not.toMatch(/[\u001b\n]/);
    expect(result.outcomes[0]?.error).toContain('bad red line');
  });
});

function updateChange(account: string, id: string, fields: PlannedChange['fields'], overrides = {}, extra: Partial<RelationshipChange> = {}): RelationshipChange {
  return {
    kind: 'relationship',
    address: addressFor(account),
    action: 'update',
    id,
    arn: arnOf(id),
    revision: '1',
    fields,
    desired: spec(account, overrides),
    liveTags: { [MANAGED_TAG]: 'true' },
    ...extra,
  };
}

describe('applyPlan: update and adopt', () => {
  it('sends only changed updatable fields with the plan revision, then writes the fingerprint and user tags', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', displayName: 'Old', tags: { [MANAGED_TAG]: 'true', gone: 'x' } });
    const change = updateChange(
      '111122223333',
      'rs-aaaaaaaaaaaaa',
      [
        { name: 'displayName', before: 'Old', after: 'New' },
        { name: 'requestedSupportPlan', before: 'unknown', after: SUPPORT, beforeUnknown: true },
        { name: 'tags.team', after: 'a' },
        { name: 'tags.gone', before: 'x' },
      ],
      { displayName: 'New', requestedSupportPlan: SUPPORT, tags: { team: 'a' } },
      { liveTags: { [MANAGED_TAG]: 'true', gone: 'x' } },
    );
    const result = await apply(api, [change]);
    expect(result.summary).toMatchObject({ updated: 1, failed: 0 });
    // The last update moves the revision past the tag writes (refresh caches key tags on it).
    expect(api.mutatingCalls()).toEqual(['UpdateRelationship', 'UntagResource', 'TagResource', 'UpdateRelationship']);
    expect(api.calls.find((c) => c.op === 'UpdateRelationship')?.args).toMatchObject({
      revision: '1',
      displayName: 'New',
      requestedSupportPlan: SUPPORT,
      identifier: 'rs-aaaaaaaaaaaaa',
    });
    const record = api.records.get('rs-aaaaaaaaaaaaa')!;
    expect(record.tags).toEqual({ [MANAGED_TAG]: 'true', team: 'a', [SUPPORT_PLAN_TAG]: supportPlanTagValue(SUPPORT) });
  });

  it('when only tags change, moves the revision before and after the tag writes without changing the name', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', displayName: 'Kept', tags: { [MANAGED_TAG]: 'true' } });
    await apply(api, [updateChange('111122223333', 'rs-aaaaaaaaaaaaa', [{ name: 'tags.team', after: 'a' }], { tags: { team: 'a' } })]);
    expect(api.mutatingCalls()).toEqual(['UpdateRelationship', 'TagResource', 'UpdateRelationship']);
    const updates = api.calls.filter((c) => c.op === 'UpdateRelationship').map((c) => c.args);
    // Each carries the revision it read (never overwriting anyone's change) and the name as it was.
    expect(updates).toEqual([expect.objectContaining({ revision: '1', displayName: 'Kept' }), expect.objectContaining({ revision: '2', displayName: 'Kept' })]);
    expect(api.records.get('rs-aaaaaaaaaaaaa')).toMatchObject({ displayName: 'Kept', revision: '3' });
  });

  it('removes tags before adding, so swapping tags on a full resource stays within 50 tags', async () => {
    const api = createFakeChannelApi();
    const old = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`old${i}`, 'x']));
    const fresh = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`new${i}`, 'y']));
    const tags = { ...old, [MANAGED_TAG]: 'true', [SUPPORT_PLAN_TAG]: supportPlanFingerprint(SUPPORT) };
    api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', tags });
    const fields = [...Object.keys(fresh).map((key) => ({ name: `tags.${key}`, after: 'y' })), ...Object.keys(old).map((key) => ({ name: `tags.${key}`, before: 'x' }))];
    const result = await apply(api, [updateChange('111122223333', 'rs-aaaaaaaaaaaaa', fields, { tags: fresh }, { liveTags: tags })]);
    expect(result.outcomes[0]).toMatchObject({ status: 'succeeded' });
    expect(api.records.get('rs-aaaaaaaaaaaaa')?.tags).toEqual({ ...fresh, [MANAGED_TAG]: 'true', [SUPPORT_PLAN_TAG]: supportPlanFingerprint(SUPPORT) });
  });

  it('a user tag changed since the plan fails the change and writes nothing (tags carry no revision)', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', displayName: 'Old', tags: { [MANAGED_TAG]: 'true', team: 'theirs', gone: 'kept' } });
    const change = updateChange(
      '111122223333',
      'rs-aaaaaaaaaaaaa',
      [
        { name: 'displayName', before: 'Old', after: 'New' },
        { name: 'tags.team', before: 'x', after: 'a' },
      ],
      { displayName: 'New', tags: { team: 'a' } },
    );
    const result = await apply(api, [change]);
    expect(result.outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('changed since the plan; plan again') });
    expect(api.mutatingCalls()).toEqual([]);
    expect(api.records.get('rs-aaaaaaaaaaaaa')).toMatchObject({ displayName: 'Old', tags: { [MANAGED_TAG]: 'true', team: 'theirs', gone: 'kept' } });

    const removal = updateChange('111122223333', 'rs-aaaaaaaaaaaaa', [{ name: 'tags.gone', before: 'x' }], {});
    const removed = await apply(api, [removal]);
    expect(removed.outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('changed since the plan; plan again') });
    expect(api.records.get('rs-aaaaaaaaaaaaa')?.tags.gone).toBe('kept');
  });

  it('any tag that differs from what the plan saw fails the change before a write, even one already at its planned value', async () => {
    // The plan's tags may come from the refresh cache, and tag edits move no revision: only this read proves them.
    for (const [name, tags] of [
      ['a user tag at its planned value', { [MANAGED_TAG]: 'true', team: 'a' }],
      ['pcc:managed removed', { team: 'x' }],
      ['pcc:support-plan added', { [MANAGED_TAG]: 'true', team: 'x', [SUPPORT_PLAN_TAG]: 'someone' }],
      ['a user tag the plan does not change', { [MANAGED_TAG]: 'true', team: 'x', other: 'new' }],
    ] as const) {
      const api = createFakeChannelApi();
      api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', displayName: 'Old', tags });
      const change = updateChange(
        '111122223333',
        'rs-aaaaaaaaaaaaa',
        [
          { name: 'displayName', before: 'Old', after: 'New' },
          { name: 'tags.team', before: 'x', after: 'a' },
        ],
        { displayName: 'New', tags: { team: 'a' } },
        { liveTags: { [MANAGED_TAG]: 'true', team: 'x' } },
      );
      const result = await apply(api, [change]);
      expect(result.outcomes[0], name).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/changed since the plan; plan again \(tags changed: /),
      });
      expect(api.mutatingCalls(), name).toEqual([]);
    }
  });

  it('adopt updates first and writes pcc:managed last, once the update landed', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', displayName: 'Old' });
    const change = updateChange(
      '111122223333',
      'rs-aaaaaaaaaaaaa',
      [{ name: 'displayName', before: 'Old', after: 'New' }],
      { displayName: 'New' },
      { action: 'adopt', liveTags: {} },
    );
    const result = await apply(api, [change]);
    expect(result.summary).toMatchObject({ adopted: 1 });
    expect(api.mutatingCalls()).toEqual(['UpdateRelationship', 'TagResource', 'UpdateRelationship']);
    expect(api.calls.find((c) => c.op === 'TagResource')?.args).toMatchObject({ tags: { [MANAGED_TAG]: 'true' } });
    expect(api.records.get('rs-aaaaaaaaaaaaa')?.displayName).toBe('New');
  });

  it('refuses to update a relationship whose id is not the one at the change address, writing nothing', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', displayName: 'Old', tags: { [MANAGED_TAG]: 'true' } });
    api.seed({ id: 'rs-bbbbbbbbbbbbb', associatedAccountId: '999988887777', displayName: 'Other', tags: { [MANAGED_TAG]: 'true' } });
    // A saved plan whose id was corrupted to point at another relationship in the same PMA.
    const change = updateChange('111122223333', 'rs-bbbbbbbbbbbbb', [{ name: 'displayName', before: 'Old', after: 'New' }], { displayName: 'New' });
    const result = await apply(api, [change]);
    expect(result.outcomes[0]).toMatchObject({ status: 'failed' });
    expect(result.outcomes[0]?.error).toContain('is the relationship at AWS/');
    expect(api.mutatingCalls()).toEqual([]);
    expect(api.records.get('rs-bbbbbbbbbbbbb')?.displayName).toBe('Other');
  });

  it('a stale revision fails with "changed since the plan" before any write', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', displayName: 'Theirs', revision: '2', tags: { [MANAGED_TAG]: 'true' } });
    const change = updateChange(
      '111122223333',
      'rs-aaaaaaaaaaaaa',
      [
        { name: 'displayName', before: 'Old', after: 'New' },
        { name: 'tags.team', after: 'a' },
      ],
      { displayName: 'New', tags: { team: 'a' } },
    );
    const result = await apply(api, [change]);
    expect(result.outcomes[0]).toMatchObject({ status: 'failed' });
    expect(result.outcomes[0]?.error).toContain('changed since the plan; plan again');
    expect(api.records.get('rs-aaaaaaaaaaaaa')).toMatchObject({ displayName: 'Theirs', revision: '2', tags: { [MANAGED_TAG]: 'true' } });
    expect(api.mutatingCalls()).toEqual([]);
  });

  it('a 409 after an SDK retry whose first attempt landed is a success (re-read shows the new name)', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', displayName: 'Old', tags: { [MANAGED_TAG]: 'true' } });
    api.inject.UpdateRelationship = () => 'commit-then-throw';
    const change = updateChange('111122223333', 'rs-aaaaaaaaaaaaa', [{ name: 'displayName', before: 'Old', after: 'New' }], { displayName: 'New' });
    const result = await apply(api, [change]);
    expect(result.outcomes[0]).toMatchObject({ status: 'succeeded', note: expect.stringContaining('re-read') });
    expect(api.calls.map((c) => c.op)).toContain('GetRelationship');
  });

  it('a 409 after an SDK retry fails when live does not match (someone else changed it)', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', displayName: 'Theirs', revision: '3', tags: { [MANAGED_TAG]: 'true' } });
    api.inject.UpdateRelationship = () => apiError('UpdateRelationship', 'conflict', 409, 2);
    const change = updateChange('111122223333', 'rs-aaaaaaaaaaaaa', [{ name: 'displayName', before: 'Old', after: 'New' }], { displayName: 'New' });
    const result = await apply(api, [change]);
    expect(result.outcomes[0]?.error).toContain('changed since the plan; plan again');
  });

  it('a 409 after a retry of a request carrying a support plan is stale, even when the first attempt landed: no fingerprint', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', revision: '1', tags: { [MANAGED_TAG]: 'true' } });
    api.inject.UpdateRelationship = () => 'commit-then-throw';
    const fields = [{ name: 'requestedSupportPlan', before: 'unknown', after: SUPPORT, beforeUnknown: true }];
    const result = await apply(api, [updateChange('111122223333', 'rs-aaaaaaaaaaaaa', fields, { requestedSupportPlan: SUPPORT }, { revision: '1' })]);
    expect(result.outcomes[0]?.status).toBe('failed');
    expect(result.outcomes[0]?.error).toContain('changed since the plan; plan again');
    expect(api.records.get('rs-aaaaaaaaaaaaa')?.tags[SUPPORT_PLAN_TAG]).toBeUndefined();
    expect(api.mutatingCalls()).toEqual(['UpdateRelationship']);
  });
});

function deleteChange(account: string, id: string, revision = '1'): RelationshipChange {
  return {
    kind: 'relationship',
    address: addressFor(account),
    action: 'delete',
    id,
    arn: arnOf(id),
    revision,
    fields: [],
    liveTags: { [MANAGED_TAG]: 'true' },
  };
}

describe('applyPlan: delete and replace', () => {
  it('deletes a managed, unchanged relationship with a clientToken, after every other change', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-ddddddddddddd', associatedAccountId: '999999999999', tags: { [MANAGED_TAG]: 'true' } });
    const result = await apply(api, [deleteChange('999999999999', 'rs-ddddddddddddd'), createChange('111111111111')], { prune: true });
    expect(result.summary).toMatchObject({ created: 1, deleted: 1 });
    const ops = api.mutatingCalls();
    expect(ops).toEqual(['CreateRelationship', 'DeleteRelationship']);
    expect(api.calls.find((c) => c.op === 'DeleteRelationship')?.args).toMatchObject({ clientToken: expect.stringMatching(/^pcc-del-/) });
    expect(result.outcomes.map((o) => o.action)).toEqual(['create', 'delete']);
  });

  it('never deletes a relationship that changed since the plan or lost pcc:managed', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-ddddddddddddd', associatedAccountId: '999999999999', revision: '2', tags: { [MANAGED_TAG]: 'true' } });
    api.seed({ id: 'rs-eeeeeeeeeeeee', associatedAccountId: '888888888888', tags: {} });
    const result = await apply(api, [deleteChange('999999999999', 'rs-ddddddddddddd'), deleteChange('888888888888', 'rs-eeeeeeeeeeeee')], { prune: true });
    expect(result.summary).toMatchObject({ deleted: 0, failed: 2 });
    const errorOf = (account: string) => result.outcomes.find((o) => o.address === addressFor(account))?.error;
    expect(errorOf('999999999999')).toContain('changed since the plan; plan again');
    expect(errorOf('888888888888')).toContain('pcc:managed');
    expect(api.mutatingCalls()).toEqual([]);
    expect(api.records.size).toBe(2);
  });

  it('a relationship already gone is skipped; not-found after a retry is a success', async () => {
    const api = createFakeChannelApi();
    const gone = await apply(api, [deleteChange('888888888888', 'rs-eeeeeeeeeeeee')], { prune: true });
    expect(gone.outcomes[0]).toMatchObject({ status: 'skipped', note: 'already deleted' });
    expect(api.mutatingCalls()).toEqual([]);
    // The first attempt deleted it but its answer was lost; the SDK's retry then meets 404.
    const api2 = createFakeChannelApi();
    api2.seed({ id: 'rs-ddddddddddddd', associatedAccountId: '999999999999', tags: { [MANAGED_TAG]: 'true' } });
    api2.inject.DeleteRelationship = () => {
      api2.records.delete('rs-ddddddddddddd');
      return apiError('DeleteRelationship', 'not-found', 404, 2);
    };
    const retried = await apply(api2, [deleteChange('999999999999', 'rs-ddddddddddddd')], { prune: true });
    expect(retried.outcomes[0]?.status).toBe('succeeded');
  });

  it('replace deletes then creates, with a token that differs from a plain create', async () => {
    const api = createFakeChannelApi();
    api.seed({ id: 'rs-ddddddddddddd', associatedAccountId: '111122223333', associationType: 'INTERNAL', tags: { [MANAGED_TAG]: 'true' } });
    const change: RelationshipChange = {
      ...deleteChange('111122223333', 'rs-ddddddddddddd'),
      action: 'replace',
      desired: spec('111122223333'),
      fields: [{ name: 'associationType', before: 'INTERNAL', after: 'END_CUSTOMER', forcesReplace: true }],
    };
    const result = await apply(api, [change], { allowReplace: true });
    expect(result.summary).toMatchObject({ replaced: 1, failed: 0 });
    expect(api.mutatingCalls()).toEqual(['DeleteRelationship', 'CreateRelationship']);
    expect(result.outcomes[0]).toMatchObject({ replacedId: 'rs-ddddddddddddd', id: expect.not.stringMatching('rs-ddddddddddddd') });
    const token = (api.calls.find((c) => c.op === 'CreateRelationship')?.args as { clientToken: string }).clientToken;
    expect(token).not.toBe(createClientToken(change.address, change.desired!));
  });
});

describe('applyPlan: no revision known', () => {
  it('an update or delete without a revision (the service returned none) fails saying so, with no write', async () => {
    const api = createFakeChannelApi();
    const record = api.seed({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '111122223333', tags: { [MANAGED_TAG]: 'true' } });
    const address = addressFor('111122223333');
    const base = { kind: 'relationship' as const, address, id: record.id, arn: record.arn, liveTags: { [MANAGED_TAG]: 'true' } };
    const update: RelationshipChange = {
      ...base,
      action: 'update',
      fields: [{ name: 'displayName', before: 'Seeded', after: 'New' }],
      desired: spec('111122223333', { displayName: 'New' }),
    };
    const remove: RelationshipChange = { ...base, action: 'delete', fields: [] };
    for (const change of [update, remove]) {
      const result = await apply(api, [change], { prune: true });
      expect(result.outcomes[0]?.status).toBe('failed');
      expect(result.outcomes[0]?.error).toContain('no revision is known for it (the service returned none');
      expect(result.outcomes[0]?.error).not.toContain('malformed plan');
    }
    expect(api.mutatingCalls()).toEqual([]);
  });
});

describe('applyPlan: the whole', () => {
  it('one failure never stops the others, and outcomes come back in plan order', async () => {
    const api = createFakeChannelApi();
    api.inject.CreateRelationship = (args) =>
      (args as { associatedAccountId: string }).associatedAccountId === '222222222222' ? apiError('CreateRelationship', 'internal', 500, 5) : undefined;
    const accounts = ['111111111111', '222222222222', '333333333333', '444444444444', '555555555555'];
    const seen: string[] = [];
    const result = await applyPlan(planOf(accounts.map((a) => createChange(a))), {
      api,
      parallelism: 2,
      onOutcome: (o, done, total) => seen.push(`${done}/${total}`),
    });
    expect(result.summary).toMatchObject({ created: 4, failed: 1 });
    expect(result.outcomes.map((o) => o.address)).toEqual(accounts.map((a) => addressFor(a)));
    expect(seen).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(api.records.size).toBe(4);
  });

  it('refuses plans with errors, blocked replaces, or actions their options did not allow', async () => {
    const api = createFakeChannelApi();
    const withError = { ...planOf([createChange('111111111111')]), errors: [{ code: 'x', message: 'bad' }] };
    await expect(applyPlan(withError, { api, parallelism: 1 })).rejects.toThrow(/error/);
    const blocked = planOf([{ ...createChange('111111111111'), action: 'replace', blocked: true }]);
    await expect(applyPlan(blocked, { api, parallelism: 1 })).rejects.toThrow(/blocked/);
    const unpruned = planOf([deleteChange('999999999999', 'rs-ddddddddddddd')]);
    await expect(applyPlan(unpruned, { api, parallelism: 1 })).rejects.toThrow(/--prune/);
    expect(api.calls).toEqual([]);
  });

  it('a change missing what apply needs fails without a call', async () => {
    const api = createFakeChannelApi();
    const result = await apply(api, [{ kind: 'relationship', address: addressFor('111111111111'), action: 'create', fields: [] }]);
    expect(result.outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('malformed plan') });
    expect(api.calls).toEqual([]);
  });
});
