/**
 * Issue 10, fault 3: mass deletion needs a second look. Cutting a file from 30 entries to 5 must not delete
 * 25 relationships with nothing but a count: by default more than 10 deletes, or more than half of a PMA's
 * managed relationships (when it has more than 4), is refused; `--max-deletes N` allows up to N for one run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan-types.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, MANAGED, mutatingCalls, pcc, PMA, seedEntry, type Workspace } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 23 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace;
afterEach(() => ws.remove());

/** `managed` managed relationships live, of which the file keeps the first `kept`. */
async function cutTo(managed: number, kept: number) {
  for (let i = 0; i < managed; i++) seedEntry(h.emulator, i, { tags: MANAGED });
  ws = await createWorkspace(Array.from({ length: kept }, (_, i) => entry(i)));
}

describe('the delete guard', () => {
  it('30 cut to 5: apply --prune refuses, writes nothing, shows the deletions first and why', async () => {
    await cutTo(30, 5);
    const result = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(result.code).toBe(1);
    expect(mutatingCalls(h.emulator)).toBe(0);
    expect(h.state.relationships()).toHaveLength(30);
    expect(result.stderr).toContain('the plan deletes 25 relationships, more than the 10 allowed per run without --max-deletes');
    expect(result.stderr).toContain(`the plan deletes 25 of the 30 managed relationships in AWS/${PMA}, more than half`);
    expect(result.stderr).toContain('run again with --max-deletes 25');
    // The plan is shown, deletions first.
    const firstChange = result.stderr.split('\n').find((line) => / AWS\//.test(line) && /will be/.test(line));
    expect(firstChange).toContain('will be deleted');
  });

  it('plan --prune: exit 1 and not saved; markdown leads with the deletions and their count', async () => {
    await cutTo(30, 5);
    const plan = await pcc(ws, h.env, ['plan', '--prune', '--format', 'markdown', '--out', 'plan.json']);
    expect(plan.code).toBe(1);
    expect(existsSync(join(ws.cwd, 'plan.json'))).toBe(false);
    expect(plan.stdout).toContain('**Plan: 25 to delete, 0 to create, 0 to update.**');
    expect(plan.stdout).toContain('more than the 10 allowed per run without \\-\\-max\\-deletes');
    expect(plan.stdout.match(/will be deleted/g)).toHaveLength(25);
  });

  it('--max-deletes N replaces both limits: 24 is refused, 25 deletes the 25', async () => {
    await cutTo(30, 5);
    const short = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve', '--max-deletes', '24']);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('the plan deletes 25 relationships, more than --max-deletes 24 allows');
    expect(mutatingCalls(h.emulator)).toBe(0);

    const saved = await pcc(ws, h.env, ['plan', '--prune', '--max-deletes', '25', '--out', 'plan.json', '--format', 'json']);
    expect(saved.code, saved.stderr).toBe(0);
    expect((JSON.parse(saved.stdout) as Plan).options).toEqual({ prune: true, allowReplace: false, maxDeletes: 25 });
    // A saved plan is applied only with the limit it was made with (issue 19): asked for again, not taken from the file.
    const guarded = await pcc(ws, h.env, ['apply', '--auto-approve', '--prune', 'plan.json']);
    expect(guarded.code).toBe(1);
    expect(guarded.stderr).toContain('it was made with --max-deletes 25; pass --max-deletes 25 to apply it too');
    expect(mutatingCalls(h.emulator)).toBe(0);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve', '--prune', '--max-deletes', '25', 'plan.json']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain('25 deleted, 0 failed');
    expect(
      h.state
        .relationships()
        .map((r) => r.associatedAccountId)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4].map(accountId));
  });

  it('more than half of a PMA with more than 4 managed is refused even under 10; half is allowed', async () => {
    await cutTo(6, 2);
    const four = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(four.code).toBe(1);
    expect(four.stderr).toContain(`the plan deletes 4 of the 6 managed relationships in AWS/${PMA}, more than half`);
    expect(mutatingCalls(h.emulator)).toBe(0);
    await ws.write([0, 1, 2].map((i) => entry(i)));
    const three = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(three.code, three.stderr).toBe(0);
    expect(h.state.relationships()).toHaveLength(3);
  });

  it('a PMA with 4 managed may lose all 4 without --max-deletes', async () => {
    await cutTo(4, 0);
    const result = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(result.code, result.stderr).toBe(0);
    expect(h.state.relationships()).toHaveLength(0);
  });

  // A replace deletes the live relationship (then creates another): it counts against the guard like a delete.
  it('replaces count as deletions: 12 replaced with --allow-replace are refused, --max-deletes 12 allows them', async () => {
    for (let i = 0; i < 12; i++) seedEntry(h.emulator, i, { tags: MANAGED, associationType: 'DOWNSTREAM_SELLER' });
    ws = await createWorkspace(Array.from({ length: 12 }, (_, i) => entry(i)));
    const ids = h.state.relationships().map((r) => r.id);
    const refused = await pcc(ws, h.env, ['apply', '--allow-replace', '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the plan deletes 12 relationships, more than the 10 allowed per run without --max-deletes');
    expect(mutatingCalls(h.emulator)).toBe(0);
    expect(h.state.relationships().map((r) => r.id)).toEqual(ids);
    const allowed = await pcc(ws, h.env, ['apply', '--allow-replace', '--auto-approve', '--max-deletes', '12']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(h.state.relationships().every((r) => r.associationType === 'END_CUSTOMER')).toBe(true);
  });
});
