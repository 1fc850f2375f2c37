/**
 * The whole life of a set of relationships, driven through the built CLI against the emulator over HTTP
 * (issue 9, "Done when"): create and adopt (one with 50 tags) under throttles, 500s and dropped responses;
 * rename, support-plan and tag changes (meeting the one-shot race when the setting has it); a replace and a
 * prune; SIGKILL mid-apply and a rerun. After every step: one relationship per address, every field, tag and
 * stored support plan as declared, nothing unmanaged touched, every change reported done landed, and an empty
 * plan. The envelope matrix runs it under each emulator setting alone and all together.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { RelationshipRecord, RunningEmulator } from '../../src/emulator/index.js';
import { APPLY_RUN_TAG, MANAGED_TAG, SUPPORT_PLAN_TAG } from '../../src/model/ownership-tags.js';
import { supportPlanTagValue } from '../../src/model/support-plan-tag.js';
import type { SupportPlan } from '../../src/model/relationship.js';
import { emulatorEnv } from '../support/run-cli.js';
import { accountId, applyAndKill, countByAddress, createWorkspace, entry, pcc, PMA, type Entry, type Workspace } from '../support/e2e-helpers.js';

export interface LifeSettings {
  /** Arm the emulator's one-shot update race before the rename/support-plan/tag step. */
  race?: boolean;
  /** The emulator's visibility delay: wait it out before checking that the plan is empty. */
  visibilityDelayMs?: number;
}

const PLAN_A: SupportPlan = { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } };
const PLAN_B: SupportPlan = { partnerLedSupport: { coverage: 'MANAGEMENT_ACCOUNT_ONLY', tamLocation: 'eu-west-1', provider: 'DISTRIBUTOR' } };
const PLAN_C: SupportPlan = { resoldUnifiedOperations: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1', chargeAccountId: '111122223333' } };
const FIFTY = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${String(i).padStart(2, '0')}`, 'v']));
const FORTY_SEVEN = Object.fromEntries(Object.entries(FIFTY).slice(0, 47));

interface Outcome {
  address: string;
  action: string;
  status: string;
  id?: string;
  replacedId?: string;
  error?: string;
}

/** The emulator a life runs against, and the environment that points the CLI at it. */
interface World {
  emulator: RunningEmulator;
  env: Record<string, string>;
}

/** Seeds what the life starts from: a hand-made relationship to adopt (50 tags), one pcc manages, two strangers. */
function seedWorld(emulator: RunningEmulator): RelationshipRecord[] {
  const base = { pmaId: PMA, associationType: 'END_CUSTOMER', sector: 'COMMERCIAL' } as const;
  emulator.state.createPma({ id: PMA });
  emulator.state.seedRelationship({ ...base, associatedAccountId: accountId(3), displayName: 'Hand made', tags: FIFTY });
  emulator.state.seedRelationship({ ...base, associatedAccountId: accountId(4), displayName: 'Customer 4', tags: { [MANAGED_TAG]: 'true' } });
  return [
    emulator.state.seedRelationship({
      ...base,
      associatedAccountId: accountId(8),
      displayName: 'Stranger',
      tags: { 'aws:cloudformation:stack-name': 's', owner: 'them' },
    }),
    emulator.state.seedRelationship({ ...base, associatedAccountId: accountId(9), displayName: 'Marked false', tags: { [MANAGED_TAG]: 'false' } }),
  ];
}

/** Everything declared is in the emulator exactly as declared; nothing else but the untouched strangers. */
function expectAsDeclared(emulator: RunningEmulator, entries: Entry[], strangers: RelationshipRecord[]): void {
  const counts = countByAddress(emulator);
  expect(
    [...counts.values()].every((n) => n === 1),
    'one relationship per address',
  ).toBe(true);
  expect(counts.size).toBe(entries.length + strangers.length);
  const byAccount = new Map(emulator.state.relationships().map((r) => [r.associatedAccountId, r]));
  for (const e of entries) {
    const live = byAccount.get(e.associatedAccountId);
    const plan = e.requestedSupportPlan as SupportPlan | undefined;
    expect(live, e.associatedAccountId).toMatchObject({
      displayName: e.displayName,
      associationType: e.associationType,
      sector: e.sector,
      ...(e.resaleAccountModel ? { resaleAccountModel: e.resaleAccountModel } : {}),
    });
    expect(live?.requestedSupportPlan, `${e.associatedAccountId} support plan`).toEqual(plan);
    // Those pcc created carry the run tag of the apply that made them; the two seeded ones were adopted.
    const created = e.associatedAccountId !== accountId(3) && e.associatedAccountId !== accountId(4);
    expect(live?.tags, `${e.associatedAccountId} tags`).toEqual({
      ...e.tags,
      [MANAGED_TAG]: 'true',
      ...(plan ? { [SUPPORT_PLAN_TAG]: supportPlanTagValue(plan) } : {}),
      ...(created ? { [APPLY_RUN_TAG]: expect.any(String) } : {}),
    });
  }
  for (const stranger of strangers) expect(emulator.state.getRelationship(stranger.id), 'unmanaged untouched').toEqual(stranger);
}

/** Every outcome reported done landed: created/updated ones are the relationship at their address, deleted ones are gone. */
function expectReportedLanded(emulator: RunningEmulator, outcomes: Outcome[]): void {
  for (const o of outcomes.filter((x) => x.status === 'succeeded')) {
    const live = o.id === undefined ? undefined : emulator.state.getRelationship(o.id);
    if (o.action === 'delete') expect(live, `${o.address} deleted`).toBeUndefined();
    else expect(live?.associatedAccountId, `${o.action} ${o.address} landed`).toBe(o.address.split('/')[2]);
    if (o.replacedId) expect(emulator.state.getRelationship(o.replacedId)).toBeUndefined();
  }
}

async function applyJson(h: World, ws: Workspace, flags: string[]): Promise<{ code: number | null; outcomes: Outcome[]; stderr: string }> {
  const result = await pcc(ws, h.env, ['apply', '--auto-approve', '--format', 'json', ...flags]);
  const outcomes = result.stdout ? ((JSON.parse(result.stdout) as { outcomes: Outcome[] }).outcomes ?? []) : [];
  expectReportedLanded(h.emulator, outcomes);
  return { code: result.code, outcomes, stderr: result.stderr };
}

/** Runs the life against `emulator`, seeded first (seedLife). */
export async function runLife(emulator: RunningEmulator, settings: LifeSettings): Promise<void> {
  const strangers = seedWorld(emulator);
  const h: World = { emulator, env: emulatorEnv(emulator.endpoint) };
  const e1 = entry(1, { requestedSupportPlan: PLAN_A, tags: { team: 'blue' } });
  const e2 = entry(2, { resaleAccountModel: 'END_CUSTOMER', requestedSupportPlan: PLAN_B });
  const e3 = entry(3, { tags: FORTY_SEVEN });
  const e4 = entry(4);
  let entries = [e1, e2, e3, e4];
  const ws = await createWorkspace(entries);
  const converged = async (flags: string[] = []) => {
    expectAsDeclared(h.emulator, entries, strangers);
    if (settings.visibilityDelayMs) await sleep(settings.visibilityDelayMs + 50);
    const plan = await pcc(ws, h.env, ['plan', '--detailed-exitcode', ...flags]);
    expect(plan.code, `plan after convergence: ${plan.stdout}${plan.stderr}`).toBe(0);
  };
  const step = async (name: string, flags: string[] = []) => {
    const applied = await applyJson(h, ws, flags);
    expect(applied.code, `${name}: ${applied.stderr}`).toBe(0);
    await converged(flags);
  };
  try {
    // Create and adopt (the adopted one has 50 tags), while the service throttles, fails and drops answers.
    // Low rates: the SDK makes 5 attempts, and a refresh that is still refused after them stops the apply.
    h.emulator.setFaults({ internalErrorRate: 0.04, throttleRate: 0.04, dropAfterCommitRate: 0.04, seed: 7 });
    const faulty = await applyJson(h, ws, []);
    h.emulator.setFaults(undefined);
    expect(faulty.code, `create/adopt under faults: ${faulty.stderr}`).toBe(0);
    await converged();

    // Rename, support-plan change, tag change. The race makes one update meet someone else's rename: it
    // fails as stale, records nothing, and the next apply converges.
    entries = [{ ...e1, displayName: 'Renamed 1', tags: { team: 'green' } }, { ...e2, requestedSupportPlan: PLAN_C }, { ...e3, tags: { ...FORTY_SEVEN, t00: 'w' } }, e4];
    await ws.write(entries);
    if (settings.race) {
      h.emulator.raceNextUpdate();
      const raced = await applyJson(h, ws, []);
      expect(raced.code).toBe(1);
      const failures = raced.outcomes.filter((o) => o.status === 'failed');
      expect(failures).toHaveLength(1);
      expect(failures[0]?.error).toContain('changed since the plan; plan again');
    }
    await step('rename, support plan, tags');

    // Replace (associationType cannot change in place), and prune what no file declares any more.
    entries = [entries[0] as Entry, { ...(entries[1] as Entry), associationType: 'INTERNAL' }, entries[2] as Entry];
    await ws.write(entries);
    await step('replace and prune', ['--allow-replace', '--prune']);

    // SIGKILL mid-apply, then run again.
    entries = [...entries, entry(5), entry(6, { tags: { x: '1' } }), entry(7, { requestedSupportPlan: PLAN_A })];
    await ws.write(entries);
    // Slow writes, one at a time: killed as soon as the first create is reported.
    await applyAndKill(ws, h.env, ['--parallelism', '1', '--write-rate', '2', '--read-rate', '200', 'apply', '--auto-approve', '--prune'], 1);
    await step('rerun after SIGKILL', ['--prune']);
  } finally {
    await ws.remove();
  }
}
