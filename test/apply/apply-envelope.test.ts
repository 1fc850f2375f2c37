import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { APPLY_RUN_TAG, MANAGED_TAG } from '../../src/model/ownership-tags.js';
import { withEmulator, type EmulatorHandle } from '../support/emulator.js';
import { accountId, countByAddress, entry, pcc, PMA, relationshipAt, workspaceForTest } from '../support/e2e-helpers.js';

/**
 * Answers the model allows (issue 9, faults 6, 7, 9, 10): optional members absent, reads that lag writes,
 * client tokens forgotten, short and empty pages. Plans stay right; applies neither fail nor duplicate.
 */

const withPma = { per: 'test' as const, seed: (e: { state: { createPma(i: { id: string }): unknown } }) => void e.state.createPma({ id: PMA }) };

function seed(h: EmulatorHandle, i: number, tags: Record<string, string>, extra: { resaleAccountModel?: string; sector?: string } = {}) {
  return h.state.seedRelationship({
    pmaId: PMA,
    associatedAccountId: accountId(i),
    associationType: 'END_CUSTOMER',
    displayName: `Customer ${i}`,
    sector: 'COMMERCIAL',
    tags,
    ...extra,
  });
}

function expectOnePerAddress(h: EmulatorHandle, count: number) {
  const counts = countByAddress(h.emulator);
  expect(counts.size).toBe(count);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

describe('fault 6: optional output members left out (as in the model examples)', () => {
  const h = withEmulator({ idSeed: 61, omitOptionalMembers: true }, withPma);
  it('existing relationships are matched, not planned as creates or replacements; the unmanaged one is reported', async () => {
    for (let i = 1; i <= 7; i++) seed(h, i, { [MANAGED_TAG]: 'true' }, i === 1 ? { resaleAccountModel: 'END_CUSTOMER' } : {});
    const stranger = seed(h, 8, {});
    const ws = await workspaceForTest(Array.from({ length: 7 }, (_, k) => entry(k + 1, k === 0 ? { resaleAccountModel: 'END_CUSTOMER' } : {})));
    const plan = await pcc(ws, h.env, ['plan', '--format', 'json', '--detailed-exitcode']);
    expect(plan.stderr).toBe('');
    const json = JSON.parse(plan.stdout) as { summary: Record<string, number>; unmanaged: { id: string }[] };
    expect(json.summary).toMatchObject({ create: 0, replace: 0, blocked: 0, noOp: 7, unmanaged: 1 });
    expect(json.unmanaged.map((u) => u.id)).toEqual([stranger.id]);
    expect(plan.code).toBe(0);
  });

  it('a sector change is still seen (read with GetRelationship), and creates and updates apply', async () => {
    seed(h, 1, { [MANAGED_TAG]: 'true' }, { sector: 'GOVERNMENT' });
    seed(h, 2, { [MANAGED_TAG]: 'true' });
    const ws = await workspaceForTest([entry(1), entry(2, { displayName: 'Renamed' }), entry(3)]);
    const plan = await pcc(ws, h.env, ['plan', '--format', 'json']);
    const json = JSON.parse(plan.stdout) as { summary: Record<string, number> };
    expect(json.summary).toMatchObject({ create: 1, update: 1, replace: 1, blocked: 1 });
    await ws.write([entry(2, { displayName: 'Renamed' }), entry(3)]);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(relationshipAt(h.emulator, 2)?.displayName).toBe('Renamed');
    expectOnePerAddress(h, 3);
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('fault 7: a new relationship shows in Get and List only after a while', () => {
  const h = withEmulator({ idSeed: 62, visibilityDelayMs: 1500 }, withPma);
  it('a create that answered is a success: no second create, no failure; the plan is empty once it shows', async () => {
    const ws = await workspaceForTest([entry(1), entry(2)]);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.stderr).toContain('Apply complete: 2 created, 0 updated, 0 deleted, 0 failed.');
    expect(applied.code).toBe(0);
    expect(h.emulator.stats.calls.CreateRelationship).toBe(2);
    expectOnePerAddress(h, 2);
    await sleep(1600);
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('fault 7, longer: a new relationship shows only after the lag retries are spent', () => {
  const h = withEmulator({ idSeed: 65, visibilityDelayMs: 20_000 }, withPma);
  it('the 409 of the next create names it: a success, no second relationship, no failure', async () => {
    const ws = await workspaceForTest([entry(1)]);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.stderr).toContain('Apply complete: 1 created, 0 updated, 0 deleted, 0 failed.');
    expect(applied.stderr).toContain('not yet shown by reads');
    expect(applied.code).toBe(0);
    expectOnePerAddress(h, 1);
    expect(relationshipAt(h.emulator, 1)?.tags).toEqual({ [MANAGED_TAG]: 'true', [APPLY_RUN_TAG]: expect.any(String) });
  }, 60_000);
});

describe('fault 9: client tokens forgotten after a while', () => {
  const h = withEmulator({ idSeed: 63, clientTokenTtlMs: 100 }, withPma);
  it('re-running an old saved plan never duplicates and converges', async () => {
    const ws = await workspaceForTest([entry(1), entry(2)]);
    expect((await pcc(ws, h.env, ['plan', '--out', 'p.json'])).code).toBe(0);
    expect((await pcc(ws, h.env, ['apply', 'p.json', '--auto-approve'])).code).toBe(0);
    await sleep(150);
    const again = await pcc(ws, h.env, ['apply', 'p.json', '--auto-approve']);
    expect(again.code).toBe(0);
    expectOnePerAddress(h, 2);
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('fault 10: pages shorter than asked, and empty pages that carry a nextToken', () => {
  const h = withEmulator({ idSeed: 64, shortPages: true }, withPma);
  it('everything is read once: the plan matches every relationship', async () => {
    for (let i = 1; i <= 9; i++) seed(h, i, { [MANAGED_TAG]: 'true' });
    const ws = await workspaceForTest([...Array.from({ length: 8 }, (_, k) => entry(k + 1)), entry(10)]);
    const plan = await pcc(ws, h.env, ['plan', '--prune', '--format', 'json']);
    const json = JSON.parse(plan.stdout) as { summary: Record<string, number> };
    expect(json.summary).toMatchObject({ create: 1, noOp: 8, delete: 1 });
    expect((await pcc(ws, h.env, ['apply', '--prune', '--auto-approve'])).code).toBe(0);
    expectOnePerAddress(h, 9);
  });
});
