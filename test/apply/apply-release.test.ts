/**
 * Applying a release (src/kinds/relationship/apply-release.ts) against the fake API: only UntagResource of the `pcc:` tags it
 * carries now, with the revision moved before and after it (move-revision.ts), success only once a read-back shows them gone,
 * never for a relationship pcc does not manage.
 */
import { describe, expect, it } from 'vitest';
import { applyChange } from '../../src/kinds/relationship/apply-change.js';
import type { PlannedChange } from '../../src/plan/plan-types.js';
import { apiError, arnOf, createFakeChannelApi } from '../support/fake-channel-api.js';
import { addressFor, PMA } from '../support/state-builders.js';

const ID = 'rs-0000000000001';
const ACCOUNT = '111111111111';
const change: PlannedChange = {
  kind: 'relationship',
  address: addressFor(ACCOUNT),
  action: 'release',
  id: ID,
  arn: arnOf(ID),
  revision: '1',
  fields: [{ name: 'tags.pcc:managed', before: 'true' }],
};
const seeded = (tags: Record<string, string>) =>
  createFakeChannelApi({ relationships: [{ id: ID, associatedAccountId: ACCOUNT, programManagementAccountId: PMA, tags }] });

describe('release apply', () => {
  it('removes every pcc: tag it carries now (also one added since the plan), leaves the rest, and succeeds once they are gone', async () => {
    const api = seeded({ 'pcc:managed': 'true', 'pcc:support-plan': 'x', 'pcc:later': 'y', team: 'a', 'aws:x': 'z' });
    const outcome = await applyChange(api, change, []);
    expect(outcome).toMatchObject({ status: 'succeeded', action: 'release', id: ID });
    // The revision moves before and after the tag write, so that no refresh cache anywhere keeps the old tags.
    expect(api.mutatingCalls()).toEqual(['UpdateRelationship', 'UntagResource', 'UpdateRelationship']);
    expect(api.records.get(ID)?.revision).not.toBe('1');
    expect(api.calls.find((c) => c.op === 'UntagResource')?.args).toEqual({ arn: arnOf(ID), keys: ['pcc:later', 'pcc:managed', 'pcc:support-plan'] });
    expect(api.records.get(ID)?.tags).toEqual({ team: 'a', 'aws:x': 'z' });
  });

  it('is not reported done when the tags are still there after UntagResource (nothing unproven is recorded)', async () => {
    const api = seeded({ 'pcc:managed': 'true' });
    api.untagResource = async () => undefined; // answers, changes nothing
    const outcome = await applyChange(api, change, [0]);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toContain('pcc:managed is still there');
  });

  it('refuses a relationship no longer managed by pcc, and skips one already released or gone', async () => {
    const other = seeded({ 'pcc:managed': 'someone', 'pcc:support-plan': 'x' });
    expect(await applyChange(other, change, [])).toMatchObject({ status: 'failed', error: expect.stringContaining('pcc releases only what it manages') });
    expect(other.mutatingCalls()).toEqual([]);
    const done = seeded({ team: 'a' });
    expect(await applyChange(done, change, [])).toMatchObject({ status: 'skipped', note: expect.stringContaining('already released') });
    const gone = createFakeChannelApi();
    expect(await applyChange(gone, change, [])).toMatchObject({ status: 'skipped' });
    expect(gone.mutatingCalls()).toEqual([]);
  });

  it('a failed UntagResource is a failed release', async () => {
    const api = seeded({ 'pcc:managed': 'true' });
    api.inject.UntagResource = () => apiError('UntagResource', 'access-denied', 403);
    expect(await applyChange(api, change, [])).toMatchObject({ status: 'failed' });
    expect(api.records.get(ID)?.tags).toEqual({ 'pcc:managed': 'true' });
  });
});
