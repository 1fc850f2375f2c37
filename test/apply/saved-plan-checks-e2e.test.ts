/**
 * Issue 10, fault 4: an edited saved plan cannot add a change. Apply checks each saved change against a fresh
 * plan from the files under the command's --dir and the live state, and never reads the folder the plan's
 * recorded `dir` names.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { LiveRelationshipState } from '../../src/live/live-state.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { planUnmatched } from '../../src/kinds/relationship/plan-unmatched.js';
import { summarizePlan } from '../../src/plan/summarize-plan.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, MANAGED, mutatingCalls, pcc, PMA, relationshipAt, seedEntry, type Workspace } from '../support/e2e-helpers.js';

const OTHER_PMA = 'pma-0ther0pma0000';
const h = withEmulator({ idSeed: 24 }, { per: 'test', seed: (e) => void [PMA, OTHER_PMA].forEach((id) => e.state.createPma({ id })) });
let ws: Workspace;
afterEach(() => ws.remove());

async function readPlan(name: string): Promise<Plan> {
  return JSON.parse(await readFile(join(ws.cwd, name), 'utf8')) as Plan;
}

async function savePlan(name: string, plan: Plan): Promise<void> {
  await writeFile(join(ws.cwd, name), JSON.stringify(plan, null, 2));
}

describe('applying an edited saved plan', () => {
  it('refuses an added delete of a managed relationship in a PMA no file names, even with --prune; applies the rest', async () => {
    const victim = seedEntry(h.emulator, 9, { pmaId: OTHER_PMA, tags: MANAGED });
    ws = await createWorkspace([entry(1)]);
    expect((await pcc(ws, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const plan = await readPlan('plan.json');
    plan.options.prune = true;
    // The delete exactly as a plan of that PMA would have it (the planner's own function writes it).
    const { deletes } = planUnmatched([victim as unknown as LiveRelationshipState], true);
    plan.changes.push(...deletes);
    plan.summary = summarizePlan(plan.changes, plan.unmanaged.length);
    await savePlan('edited.json', plan);

    // Turning pruning on in the file is not enough: whoever runs apply must ask for it.
    const unasked = await pcc(ws, h.env, ['apply', '--auto-approve', 'edited.json']);
    expect(unasked.code).toBe(1);
    expect(unasked.stderr).toContain('it was made with --prune; pass --prune to apply it too');
    expect(mutatingCalls(h.emulator)).toBe(0);

    const result = await pcc(ws, h.env, ['apply', '--auto-approve', '--prune', 'edited.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`✗ failed delete AWS/${OTHER_PMA}/${accountId(9)} (${victim.id}): refused, not sent: the files and live state do not call for it`);
    expect(h.state.getRelationship(victim.id)).toBeDefined();
    expect(h.emulator.stats.calls.DeleteRelationship ?? 0).toBe(0);
    // The change the files do call for went ahead.
    expect(result.stderr).toContain('Apply failed: 1 created, 0 updated, 0 deleted, 1 failed.');
    expect(relationshipAt(h.emulator, 1)).toBeDefined();
  });

  it('never reads the folder the plan names in `dir`: the files under --dir decide', async () => {
    ws = await createWorkspace([entry(1)]);
    await mkdir(join(ws.cwd, 'other'));
    const more = { catalog: 'AWS', programManagementAccountIdentifier: PMA, relationships: [entry(1), entry(2)] };
    await writeFile(join(ws.cwd, 'other', 'main.yaml'), stringify(more));
    expect((await pcc(ws, h.env, ['plan', '--dir', 'other', '--out', 'plan.json'])).code).toBe(0);
    expect((await readPlan('plan.json')).dir).toBe('other');

    const result = await pcc(ws, h.env, ['apply', '--auto-approve', 'plan.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the files in relationships changed since this plan was made');
    expect(mutatingCalls(h.emulator)).toBe(0);
    // Named on purpose, the folder is used.
    const named = await pcc(ws, h.env, ['apply', '--auto-approve', '--dir', 'other', 'plan.json']);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stderr).toContain('Apply complete: 2 created');
  });

  it('a change that live state already matches is skipped as done; changes nobody saved are not applied', async () => {
    seedEntry(h.emulator, 1, { displayName: 'Old', tags: MANAGED });
    const other = seedEntry(h.emulator, 2, { tags: MANAGED });
    ws = await createWorkspace([entry(1), entry(2)]);
    expect((await pcc(ws, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const live1 = relationshipAt(h.emulator, 1)!;
    h.state.mutateRelationship(live1.id, { displayName: 'Customer 1' });
    h.state.mutateRelationship(other.id, { displayName: 'Changed by hand' });

    const result = await pcc(ws, h.env, ['apply', '--auto-approve', 'plan.json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`· skipped update AWS/${PMA}/${accountId(1)} (${live1.id}): no longer needed`);
    expect(result.stderr).toContain('1 change(s) the files and live state now call for are not in the saved plan and are not applied');
    expect(h.state.getRelationship(other.id)?.displayName).toBe('Changed by hand');
    expect(mutatingCalls(h.emulator)).toBe(0);
  });
});
