import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLY_RUN_TAG, MANAGED_TAG, SUPPORT_PLAN_TAG } from '../../src/model/ownership-tags.js';
import { supportPlanTagValue } from '../../src/model/support-plan-tag.js';
import type { SupportPlan } from '../../src/model/relationship.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, countByAddress, entry, mutatingCalls, pcc, PMA, relationshipAt, type Workspace, workspaceForTest } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 11 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

const SUPPORT: SupportPlan = { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } };

async function expectNoChanges(workspace: Workspace, extra: string[] = []) {
  const plan = await pcc(workspace, h.env, ['plan', '--detailed-exitcode', ...extra]);
  expect(plan.stderr).toBe('');
  expect(plan.code).toBe(0);
}

function seed(i: number, overrides: { displayName?: string; associationType?: string; tags?: Record<string, string> } = {}) {
  return h.state.seedRelationship({
    pmaId: PMA,
    associatedAccountId: accountId(i),
    associationType: overrides.associationType ?? 'END_CUSTOMER',
    displayName: overrides.displayName ?? `Customer ${i}`,
    sector: 'COMMERCIAL',
    tags: overrides.tags ?? {},
  });
}

describe('pcc apply (plans, then applies)', () => {
  it('creates with tags and a support plan; the next plan shows no changes', async () => {
    const ws = await workspaceForTest([entry(1, { requestedSupportPlan: SUPPORT, tags: { team: 'blue' } }), entry(2)]);
    const result = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`\\+ created AWS/${PMA}/${accountId(1)} \\(rs-[a-z0-9]{13}\\)`));
    expect(result.stderr).toContain('Apply complete: 2 created, 0 updated, 0 deleted, 0 failed.');
    const created = relationshipAt(h.emulator, 1)!;
    expect(created.tags).toEqual({ team: 'blue', [MANAGED_TAG]: 'true', [SUPPORT_PLAN_TAG]: supportPlanTagValue(SUPPORT), [APPLY_RUN_TAG]: expect.any(String) });
    expect(created.requestedSupportPlan).toEqual(SUPPORT);
    await expectNoChanges(ws);
  });

  it('updates displayName, support plan and tags in place, sending the plan revision', async () => {
    const live = seed(1, { displayName: 'Old name', tags: { [MANAGED_TAG]: 'true', stale: 'x' } });
    const ws = await workspaceForTest([entry(1, { displayName: 'New name', requestedSupportPlan: SUPPORT, tags: { team: 'blue' } })]);
    const result = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`~ updated AWS/${PMA}/${accountId(1)} (${live.id})`);
    const after = relationshipAt(h.emulator, 1)!;
    // Revision 2 is the update; 3 the move after the tag writes, so other runners' refresh caches read them again.
    expect(after).toMatchObject({ id: live.id, displayName: 'New name', revision: '3', requestedSupportPlan: SUPPORT });
    expect(after.tags).toEqual({ team: 'blue', [MANAGED_TAG]: 'true', [SUPPORT_PLAN_TAG]: supportPlanTagValue(SUPPORT) });
    await expectNoChanges(ws);
  });

  it('adopts an unmanaged relationship at a declared address: tags it, then updates it', async () => {
    const live = seed(1, { displayName: 'Drifted' });
    const ws = await workspaceForTest([entry(1)]);
    const result = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Apply complete: 0 created, 1 adopted, 0 updated, 0 deleted, 0 failed.');
    expect(relationshipAt(h.emulator, 1)).toMatchObject({ id: live.id, displayName: 'Customer 1', tags: { [MANAGED_TAG]: 'true' } });
    await expectNoChanges(ws);
  });

  it('prunes managed relationships no file declares, only with --prune, and never touches unmanaged ones', async () => {
    seed(1);
    const managed = seed(2, { tags: { [MANAGED_TAG]: 'true' } });
    const unmanaged = seed(3);
    const ws = await workspaceForTest([entry(1)]);
    const withoutPrune = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(withoutPrune.code).toBe(0);
    expect(h.state.getRelationship(managed.id)).toBeDefined();
    const pruned = await pcc(ws, h.env, ['apply', '--auto-approve', '--prune']);
    expect(pruned.code).toBe(0);
    expect(pruned.stderr).toContain(`- deleted AWS/${PMA}/${accountId(2)} (${managed.id})`);
    expect(h.state.getRelationship(managed.id)).toBeUndefined();
    expect(h.state.getRelationship(unmanaged.id)).toBeDefined();
    await expectNoChanges(ws, ['--prune']);
  });

  it('replaces only with --allow-replace, loudly, delete then create', async () => {
    const old = seed(1, { associationType: 'INTERNAL', tags: { [MANAGED_TAG]: 'true' } });
    const ws = await workspaceForTest([entry(1)]);
    const blocked = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/blocked/);
    expect(mutatingCalls(h.emulator)).toBe(0);

    const replaced = await pcc(ws, h.env, ['apply', '--auto-approve', '--allow-replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toMatch(/WARNING: 1 relationship will be DELETED and created again/);
    const now = relationshipAt(h.emulator, 1)!;
    expect(now.id).not.toBe(old.id);
    expect(now.associationType).toBe('END_CUSTOMER');
    expect(replaced.stderr).toContain(`-/+ replaced AWS/${PMA}/${accountId(1)} (${old.id} → ${now.id})`);
    expect(replaced.stderr).toContain('1 replaced');
    expect(countByAddress(h.emulator).get(`AWS/${PMA}/${accountId(1)}`)).toBe(1);
    await expectNoChanges(ws);
  });

  it('--format json puts the outcomes, and only them, on stdout', async () => {
    const ws = await workspaceForTest([entry(1)]);
    const result = await pcc(ws, h.env, ['apply', '--auto-approve', '--format', 'json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { formatVersion: number; outcomes: Record<string, unknown>[]; summary: Record<string, number> };
    expect(json.formatVersion).toBe(1);
    expect(json.outcomes).toEqual([{ address: `AWS/${PMA}/${accountId(1)}`, action: 'create', status: 'succeeded', id: relationshipAt(h.emulator, 1)!.id }]);
    expect(json.summary).toMatchObject({ created: 1, failed: 0 });
  });

  it('with nothing to do says so and exits 0 without a mutating call', async () => {
    seed(1, { tags: { [MANAGED_TAG]: 'true' } });
    const ws = await workspaceForTest([entry(1)]);
    const result = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('No changes.');
    expect(mutatingCalls(h.emulator)).toBe(0);
  });

  it('a failed change exits 1, the others still apply, and the summary gives the reason', async () => {
    h.emulator.setFaults({ internalErrorRate: 1, operations: ['UpdateRelationship'] });
    seed(1, { displayName: 'Old', tags: { [MANAGED_TAG]: 'true' } });
    const ws = await workspaceForTest([entry(1), entry(2)]);
    const result = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Apply failed: 1 created, 0 updated, 0 deleted, 1 failed.');
    expect(result.stderr).toMatch(/✗ failed update AWS\/\S+ \(rs-[a-z0-9]+\): UpdateRelationship failed on the server after \d attempts/);
    expect(relationshipAt(h.emulator, 2)).toBeDefined();
  });
});

describe('pcc apply refuses', () => {
  it('without --auto-approve and no terminal: exit 1, a clear message, no call at all', async () => {
    const ws = await workspaceForTest([entry(1)]);
    const result = await pcc(ws, h.env, ['apply'], 'yes\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refusing to apply without --auto-approve: stdin is not a terminal/);
    expect(mutatingCalls(h.emulator)).toBe(0);
    expect(h.state.relationships()).toEqual([]);
  });

  it('in GitHub Actions, also as an ::error annotation so the run shows why', async () => {
    const ws = await workspaceForTest([entry(1)]);
    const result = await pcc(ws, { ...h.env, GITHUB_ACTIONS: 'true' }, ['apply']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^::error title=pcc%3A apply-refused::refusing to apply without --auto-approve: stdin is not a terminal/m);
    expect(mutatingCalls(h.emulator)).toBe(0);
  });

  it('a corrupt plan file, an unknown formatVersion, a stale desired hash, or a hand-edited change', async () => {
    const ws = await workspaceForTest([entry(1)]);
    const saved = await pcc(ws, h.env, ['plan', '--out', 'plan.json']);
    expect(saved.code).toBe(0);
    const text = await readFile(join(ws.cwd, 'plan.json'), 'utf8');
    const cases: [string, string, RegExp][] = [
      ['truncated.json', text.slice(0, text.length / 2), /is not valid JSON/],
      ['future.json', JSON.stringify({ ...JSON.parse(text), formatVersion: 99 }), /formatVersion 99 is not one this pcc reads/],
      ['edited.json', text.replace('"displayName": "Customer 1"', '"displayName": "Sneaky"'), /does not match the files it was made from/],
      ['summary.json', text.replace('"create": 1', '"create": 0'), /the plan summary does not match its changes/],
      [
        'kind.json',
        text.replace('"kind": "relationship"', '"kind": "pma"'),
        /is not a pcc plan: changes\[0\]\.kind: expected one of programManagementAccount, relationship, servicePeriod, got "pma"/,
      ],
      ['line.json', text.replace(/"line": \d+/, '"line": "4"'), /is not a pcc plan: changes\[0\]\.source\.line: expected a whole number, got a string/],
      ['applyable.json', text.replace('"applyable": true', '"applyable": false'), /"applyable" does not match its changes and errors \(the file was edited\)/],
    ];
    for (const [name, content, message] of cases) {
      await writeFile(join(ws.cwd, name), content);
      const result = await pcc(ws, h.env, ['apply', '--auto-approve', name]);
      expect(result.code, name).toBe(1);
      expect(result.stderr, name).toMatch(message);
    }
    await ws.write([entry(1, { displayName: 'Changed since' })]);
    const stale = await pcc(ws, h.env, ['apply', '--auto-approve', 'plan.json']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/changed since this plan was made \(desired-state hash differs\)/);
    const missing = await pcc(ws, h.env, ['apply', '--auto-approve', 'nope.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
    expect(mutatingCalls(h.emulator)).toBe(0);
  });
});

describe('pcc apply PLANFILE', () => {
  it('applies exactly the saved plan; a flag that disagrees with it is refused (issue 19), not ignored', async () => {
    seed(9, { tags: { [MANAGED_TAG]: 'true' } });
    const ws = await workspaceForTest([entry(1)]);
    expect((await pcc(ws, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const refused = await pcc(ws, h.env, ['apply', '--auto-approve', '--prune', 'plan.json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('it was made without --prune, and apply was given --prune');
    expect(mutatingCalls(h.emulator)).toBe(0);
    const result = await pcc(ws, h.env, ['apply', '--auto-approve', 'plan.json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Apply complete: 1 created, 0 updated, 0 deleted, 0 failed.');
    expect(relationshipAt(h.emulator, 9)).toBeDefined();
  });

  it('refuses a saved plan whose tag values were edited to differ from the files (bad input never reaches the API)', async () => {
    const live = seed(1, { tags: { [MANAGED_TAG]: 'true', team: 'x' } });
    const ws = await workspaceForTest([entry(1, { tags: { team: 'a' } })]);
    expect((await pcc(ws, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const text = await readFile(join(ws.cwd, 'plan.json'), 'utf8');
    expect(text).toContain('"after": "a"');
    await writeFile(join(ws.cwd, 'edited.json'), text.replace('"after": "a"', '"after": "bad\\u0007value"'));
    const result = await pcc(ws, h.env, ['apply', '--auto-approve', 'edited.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/does not match the files it was made from: the tags\.team field of .* differs from its file entry/);
    expect(mutatingCalls(h.emulator)).toBe(0);
    expect(h.state.getRelationship(live.id)?.tags).toEqual({ [MANAGED_TAG]: 'true', team: 'x' });
  });

  it('a stale plan fails per change and overwrites nothing it did not see', async () => {
    const a = seed(1, { displayName: 'Old 1', tags: { [MANAGED_TAG]: 'true' } });
    const b = seed(2, { displayName: 'Old 2', tags: { [MANAGED_TAG]: 'true' } });
    const gone = seed(3, { tags: { [MANAGED_TAG]: 'true' } });
    const ws = await workspaceForTest([entry(1), entry(2)]);
    expect((await pcc(ws, h.env, ['plan', '--prune', '--out', 'plan.json'])).code).toBe(0);
    h.state.mutateRelationship(a.id, { displayName: 'Someone else' });
    h.state.mutateRelationship(gone.id, { displayName: 'Touched since' });

    const result = await pcc(ws, h.env, ['apply', '--auto-approve', '--prune', 'plan.json']);
    expect(result.code).toBe(1);
    // Checked against a fresh plan: both now differ from what the reviewer saw, so neither is sent.
    expect(result.stderr).toMatch(
      new RegExp(`✗ failed update AWS/${PMA}/${accountId(1)} \\(${a.id}\\): refused, not sent: the files and live state now call for it with other values`),
    );
    expect(result.stderr).toMatch(
      new RegExp(`✗ failed delete AWS/${PMA}/${accountId(3)} \\(${gone.id}\\): refused, not sent: the files and live state now call for it with other values`),
    );
    expect(result.stderr).toContain('Apply failed: 0 created, 1 updated, 0 deleted, 2 failed.');
    expect(h.state.getRelationship(a.id)).toMatchObject({ displayName: 'Someone else', revision: '2' });
    expect(h.state.getRelationship(b.id)).toMatchObject({ displayName: 'Customer 2' });
    expect(h.state.getRelationship(gone.id)).toBeDefined();

    // Plan again and apply: converges, taking the files as the truth.
    expect((await pcc(ws, h.env, ['apply', '--auto-approve', '--prune'])).code).toBe(0);
    await expectNoChanges(ws, ['--prune']);
  });
});
