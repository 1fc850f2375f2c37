/**
 * Issue 18, item 6: acting on one relationship. `--target ADDRESS` (repeatable) on plan and apply plans and applies
 * only the named relationships and what depends on them (their service periods), and the plan says it is partial
 * in every format; `--prune` with it is refused before anything is read; an address that names nothing is an
 * error with the likeliest address meant. `--replace ADDRESS` forces a replace of that relationship alone and allows
 * it, beside the blanket `--allow-replace`. End to end: built CLI → SDK → emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan-types.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, MANAGED, mutatingCalls, pcc, PMA, relationshipAt, seedEntry, type Workspace } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 63 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

const at = (i: number) => `AWS/${PMA}/${accountId(i)}`;
const NOTICE_30 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 };
const apiCalls = () => Object.values(h.emulator.stats.calls).reduce((sum, n) => sum + n, 0);

/** 1 and 2 live and managed, renamed by hand; 3 not live. 1 and 2 declare a service period. */
async function threeEntries(): Promise<void> {
  seedEntry(h.emulator, 1, { displayName: 'Old 1', tags: MANAGED });
  seedEntry(h.emulator, 2, { displayName: 'Old 2', tags: MANAGED });
  ws = await createWorkspace([entry(1, { servicePeriod: NOTICE_30 }), entry(2, { servicePeriod: NOTICE_30 }), entry(3)]);
}

describe('--target ADDRESS', () => {
  it('plans only the target and its service period, says so in text, markdown and JSON; apply touches nothing else', async () => {
    await threeEntries();
    const text = await pcc(ws!, h.env, ['plan', '--target', at(1)]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Partial plan (--target): only ${at(1)}, with its service period; anything else the files call for is neither shown nor applied.`);
    expect(text.stdout).toContain(`~ ${at(1)}`);
    expect(text.stdout).not.toContain(at(2));
    expect(text.stdout).not.toContain(at(3));

    const markdown = await pcc(ws!, h.env, ['plan', '--target', at(1), '--format', 'markdown']);
    expect(markdown.stdout).toContain(`## pcc plan\n\n> [!WARNING]\n> **Partial plan** (\`--target\`): only \`${at(1)}\`, with its service period;`);
    const json = JSON.parse((await pcc(ws!, h.env, ['plan', '--target', at(1), '--target', at(3), '--target', at(1), '--format', 'json'])).stdout) as Plan;
    expect(json.options.targets).toEqual([at(1), at(3)]);
    expect([...new Set(json.changes.map((c) => `${c.address} ${c.kind} ${c.action}`))]).toEqual([
      `${at(1)} relationship update`,
      `${at(1)} servicePeriod create`,
      `${at(3)} relationship create`,
    ]);

    const applied = await pcc(ws!, h.env, ['apply', '--target', at(1), '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain('Partial plan (--target)');
    expect(relationshipAt(h.emulator, 1)?.displayName).toBe('Customer 1');
    expect(relationshipAt(h.emulator, 2)?.displayName).toBe('Old 2');
    expect(relationshipAt(h.emulator, 3)).toBeUndefined();
    expect(h.state.handshakes().map((hs) => hs.receiverAccountId)).toEqual([accountId(1)]);
    // The rest is still to do: a whole plan shows it.
    const rest = await pcc(ws!, h.env, ['plan', '--detailed-exitcode']);
    expect(rest.code).toBe(2);
    expect(rest.stdout).not.toContain(`~ ${at(1)}`);
    expect(rest.stdout).toContain(`~ ${at(2)}`);
  });

  it('a saved partial plan is applied as partial (with the same --target), and says so', async () => {
    await threeEntries();
    expect((await pcc(ws!, h.env, ['plan', '--target', at(2), '--out', 'p.json'])).code).toBe(0);
    const shown = await pcc(ws!, h.env, ['show', 'p.json']);
    expect(shown.stdout).toContain(`Partial plan (--target): only ${at(2)}`);
    const applied = await pcc(ws!, h.env, ['apply', 'p.json', '--target', at(2)]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(relationshipAt(h.emulator, 1)?.displayName).toBe('Old 1');
    expect(relationshipAt(h.emulator, 2)?.displayName).toBe('Customer 2');
    expect(relationshipAt(h.emulator, 3)).toBeUndefined();
  });

  it('--prune with --target is refused on plan and apply, exit 1, before any API call', async () => {
    await threeEntries();
    for (const command of [['plan'], ['apply', '--auto-approve']]) {
      const before = apiCalls();
      const result = await pcc(ws!, h.env, [...command, '--prune', '--target', at(1)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('--prune cannot be combined with --target');
      expect(result.stdout).toBe('');
      expect(apiCalls() - before).toBe(0);
    }
  });

  it('an address that matches nothing declared or live is an error with the closest address; a malformed one too', async () => {
    await threeEntries();
    const typo = `AWS/${PMA}/10000000002`;
    const plan = await pcc(ws!, h.env, ['plan', '--target', typo]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`--target ${typo} matches no relationship declared in the files or live in the PMAs they name`);
    expect(plan.stderr).toContain(`did you mean ${at(2)}?`);
    const apply = await pcc(ws!, h.env, ['apply', '--auto-approve', '--target', typo]);
    expect(apply.code).toBe(1);
    expect(mutatingCalls(h.emulator)).toBe(0);
    // A live relationship no file declares is a target too (shown as unmanaged, never touched).
    seedEntry(h.emulator, 9);
    const unmanaged = await pcc(ws!, h.env, ['plan', '--target', at(9)]);
    expect(unmanaged.code, unmanaged.stderr).toBe(0);
    expect(unmanaged.stdout).toContain('Unmanaged (not in any file, never touched): 1');

    const malformed = await pcc(ws!, h.env, ['plan', '--target', 'acme']);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('expected a relationship address CATALOG/PMA/ACCOUNT');
  });
});

describe('--replace ADDRESS', () => {
  it('replaces that managed relationship alone (delete + create, a new id), without --allow-replace', async () => {
    const one = seedEntry(h.emulator, 1, { tags: MANAGED });
    const two = seedEntry(h.emulator, 2, { tags: MANAGED });
    ws = await createWorkspace([entry(1), entry(2)]);
    const plan = JSON.parse((await pcc(ws, h.env, ['plan', '--replace', at(1), '--format', 'json'])).stdout) as Plan;
    expect(plan.applyable).toBe(true);
    expect(plan.options.replace).toEqual([at(1)]);
    expect(plan.changes.filter((c) => c.action !== 'no-op')).toEqual([
      expect.objectContaining({ address: at(1), action: 'replace', reasonCode: 'replace-requested', id: one.id }),
    ]);
    const applied = await pcc(ws, h.env, ['apply', '--replace', at(1), '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(h.state.getRelationship(one.id)).toBeUndefined();
    expect(relationshipAt(h.emulator, 1)?.id).not.toBe(one.id);
    expect(relationshipAt(h.emulator, 1)?.tags['pcc:managed']).toBe('true');
    expect(h.state.getRelationship(two.id)).toBeDefined();
  });

  it('allows a replacement a field forces for that address alone; another stays blocked', async () => {
    seedEntry(h.emulator, 1, { associationType: 'DOWNSTREAM_SELLER', tags: MANAGED });
    seedEntry(h.emulator, 2, { associationType: 'DOWNSTREAM_SELLER', tags: MANAGED });
    ws = await createWorkspace([entry(1), entry(2)]);
    const blocked = await pcc(ws, h.env, ['plan', '--replace', at(1), '--format', 'json']);
    expect(blocked.code).toBe(1);
    const plan = JSON.parse(blocked.stdout) as Plan;
    expect(plan.changes.map((c) => [c.address, c.reasonCode])).toEqual([
      [at(1), 'replace-allowed'],
      [at(2), 'replace-blocked-no-allow'],
    ]);
    const one = await pcc(ws, h.env, ['apply', '--replace', at(1), '--target', at(1), '--auto-approve']);
    expect(one.code, one.stderr).toBe(0);
    expect(relationshipAt(h.emulator, 1)?.associationType).toBe('END_CUSTOMER');
    expect(relationshipAt(h.emulator, 2)?.associationType).toBe('DOWNSTREAM_SELLER');
  });

  it('never for a relationship pcc does not manage; an undeclared address, or one outside --target, is refused', async () => {
    seedEntry(h.emulator, 1);
    ws = await createWorkspace([entry(1), entry(2)]);
    const unmanaged = await pcc(ws, h.env, ['plan', '--replace', at(1)]);
    expect(unmanaged.code).toBe(1);
    expect(unmanaged.stdout).toContain('pcc never deletes a relationship it does not manage');

    const undeclared = await pcc(ws, h.env, ['plan', '--replace', at(7)]);
    expect(undeclared.code).toBe(1);
    expect(undeclared.stderr).toContain(`--replace ${at(7)} matches no relationship declared in the files`);

    const before = apiCalls();
    const outside = await pcc(ws, h.env, ['apply', '--auto-approve', '--replace', at(1), '--target', at(2)]);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain(`--replace ${at(1)} is outside the --target list: add --target ${at(1)}`);
    expect(apiCalls() - before).toBe(0);
    expect(mutatingCalls(h.emulator)).toBe(0);
  });
});
