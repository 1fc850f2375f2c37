import { afterEach, describe, expect, it } from 'vitest';
import { MANAGED_TAG } from '../../src/model/ownership-tags.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, mutatingCalls, pcc, PMA, type Workspace } from '../support/e2e-helpers.js';

/** Ownership and tags (issue 9, faults 3, 4, 5): exact `pcc:managed=true`, `aws:` keys left alone, the 50-tag cap. */
const h = withEmulator({ idSeed: 51 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

function seed(i: number, tags: Record<string, string>) {
  return h.state.seedRelationship({
    pmaId: PMA,
    associatedAccountId: accountId(i),
    associationType: 'END_CUSTOMER',
    displayName: `Customer ${i}`,
    sector: 'COMMERCIAL',
    tags,
  });
}

describe('fault 3: only pcc:managed=true means managed', () => {
  it('a relationship with pcc:managed=false is reported with its value, never pruned', async () => {
    seed(1, { [MANAGED_TAG]: 'true' });
    const other = seed(2, { [MANAGED_TAG]: 'false' });
    ws = await createWorkspace([entry(1)]);
    const plan = await pcc(ws, h.env, ['plan', '--prune', '--format', 'json']);
    const json = JSON.parse(plan.stdout) as { changes: { action: string }[]; unmanaged: Record<string, unknown>[] };
    expect(json.changes.map((c) => c.action)).toEqual(['no-op']);
    expect(json.unmanaged).toEqual([{ kind: 'relationship', address: `AWS/${PMA}/${accountId(2)}`, id: other.id, displayName: 'Customer 2', managedTag: 'false' }]);
    const text = await pcc(ws, h.env, ['plan', '--prune']);
    expect(text.stdout).toContain('pcc:managed="false"');
    const applied = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(applied.code).toBe(0);
    expect(h.state.getRelationship(other.id)).toBeDefined();
    expect(mutatingCalls(h.emulator)).toBe(0);
  });

  it('declared with pcc:managed=false: planned as an adopt, with a warning, that sets it to true', async () => {
    const live = seed(3, { [MANAGED_TAG]: 'no' });
    ws = await createWorkspace([entry(3)]);
    const plan = await pcc(ws, h.env, ['plan']);
    expect(plan.stdout).toMatch(/adopt/);
    expect(plan.stdout).toContain('pcc:managed is "no", not "true"');
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(h.state.getRelationship(live.id)?.tags).toEqual({ [MANAGED_TAG]: 'true' });
  });
});

describe('fault 4: aws: tags belong to AWS', () => {
  it('are never planned for removal or change; updates and adopts leave them', async () => {
    const managed = seed(1, { [MANAGED_TAG]: 'true', 'aws:cloudformation:stack-name': 'stack', team: 'a' });
    const unmanaged = seed(2, { 'aws:cloudformation:stack-name': 'stack' });
    ws = await createWorkspace([entry(1, { tags: { team: 'a' } }), entry(2)]);
    const plan = await pcc(ws, h.env, ['plan']);
    expect(plan.stdout).not.toContain('aws:');
    await ws.write([entry(1, { tags: { team: 'b' } }), entry(2)]);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.code).toBe(0);
    expect(h.state.getRelationship(managed.id)?.tags).toEqual({ [MANAGED_TAG]: 'true', 'aws:cloudformation:stack-name': 'stack', team: 'b' });
    expect(h.state.getRelationship(unmanaged.id)?.tags).toEqual({ [MANAGED_TAG]: 'true', 'aws:cloudformation:stack-name': 'stack' });
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('fault 5: the 50-tag cap', () => {
  const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${String(i).padStart(2, '0')}`, 'v']));
  const first47 = Object.fromEntries(Object.entries(fifty).slice(0, 47));
  it('adopting a relationship with 50 tags declared with 47 of them stays within 50 at every step', async () => {
    const live = seed(1, fifty);
    ws = await createWorkspace([entry(1, { tags: first47 })]);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.stderr).not.toContain('at most 50 tags');
    expect(applied.code).toBe(0);
    expect(h.state.getRelationship(live.id)?.tags).toEqual({ ...first47, [MANAGED_TAG]: 'true' });
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it("aws: tags do not count: 46 user tags and 3 aws: ones, adopted with one tag more, stays within AWS's cap", async () => {
    const aws = { 'aws:cloudformation:stack-name': 's', 'aws:cloudformation:stack-id': 'i', 'aws:cloudformation:logical-id': 'l' };
    const first46 = Object.fromEntries(Object.entries(fifty).slice(0, 46));
    const live = seed(1, { ...first46, ...aws });
    ws = await createWorkspace([entry(1, { tags: { ...first46, extra: 'e' } })]);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.stderr).not.toContain('at most 50 tags');
    expect(applied.code).toBe(0);
    expect(h.state.getRelationship(live.id)?.tags).toEqual({ ...first46, ...aws, extra: 'e', [MANAGED_TAG]: 'true' });
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});
