import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { APPLY_RUN_TAG } from '../../src/model/ownership-tags.js';
import { withEmulator } from '../support/emulator.js';
import { applyAndKill, countByAddress, entry, pcc, PMA, workspaceForTest } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 3, latencyMs: 60 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

const COUNT = 40;
const KILL_RATES = ['--parallelism', '3', '--write-rate', '20', '--read-rate', '50'];

function expectOnePerAddress() {
  const counts = countByAddress(h.emulator);
  expect(counts.size).toBe(COUNT);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

describe('apply killed mid-way', () => {
  it('pcc apply run again converges with no duplicate', async () => {
    const ws = await workspaceForTest(Array.from({ length: COUNT }, (_, i) => entry(i)));
    const output = await applyAndKill(ws, h.env, [...KILL_RATES, 'apply', '--auto-approve'], 8);
    expect(output).toContain('[exit SIGKILL]');
    const made = h.state.relationships().length;
    expect(made).toBeGreaterThanOrEqual(8);
    expect(made).toBeLessThan(COUNT);

    const rerun = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(rerun.code).toBe(0);
    expectOnePerAddress();
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('re-applying the same saved plan after a kill creates the rest and skips what the first run made', async () => {
    const ws = await workspaceForTest(Array.from({ length: COUNT }, (_, i) => entry(i)));
    expect((await pcc(ws, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    await applyAndKill(ws, h.env, [...KILL_RATES, 'apply', '--auto-approve', 'plan.json'], 8);
    const before = new Map(h.state.relationships().map((r) => [r.associatedAccountId, r.id]));
    expect(before.size).toBeLessThan(COUNT);

    const again = await pcc(ws, h.env, ['apply', '--auto-approve', 'plan.json']);
    expect(again.code).toBe(0);
    // Checked against a fresh plan: what the killed run made is a no-op now, so it is skipped, not sent again.
    // (A create in flight at the kill may land after `before` was read: it is skipped too.)
    const skipped = again.stderr.match(/· skipped create .*: no longer needed/g)?.length ?? 0;
    expect(skipped).toBeGreaterThanOrEqual(before.size);
    expect(again.stderr).toContain(`Apply complete: ${COUNT - skipped} created, 0 updated, 0 deleted, ${skipped} skipped, 0 failed.`);
    expectOnePerAddress();
    // Those made before the kill kept their ids.
    for (const r of h.state.relationships()) if (before.has(r.associatedAccountId)) expect(r.id).toBe(before.get(r.associatedAccountId));
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});

/**
 * Killed mid-apply, then run again at once while reads still lag the killed run's creates (issue 19 fault 10):
 * the rerun plans those creates again and sends the same clientTokens with its own run tag. Whether the service
 * refuses the mismatched request (409) or replays the first answer, there is one relationship per address, and
 * the rerun reports created only what carries its own run tag; the rest is "created by another apply".
 */
describe.each([
  ['the service refuses a reused token with another request (409)', {}],
  ['the service replays the first answer', { replayMismatchedTokens: true }],
])('apply killed mid-way, rerun while reads lag: %s', (_name, envelope) => {
  const LAGGING = 12;
  const lag = withEmulator({ ...envelope, idSeed: 5, latencyMs: 60, visibilityDelayMs: 6000 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

  it('one relationship per address, and the rerun reports created exactly those its own run tag is on', async () => {
    const ws = await workspaceForTest(Array.from({ length: LAGGING }, (_, i) => entry(i)));
    const output = await applyAndKill(ws, lag.env, [...KILL_RATES, 'apply', '--auto-approve'], 3);
    expect(output).toContain('[exit SIGKILL]');
    // A create in flight at the kill may still land: let the emulator answer it before noting the killed run's tag.
    await sleep(500);
    const runTags = () => new Map(lag.state.relationships().map((r) => [r.id, lag.state.tagsOf(r.arn)?.[APPLY_RUN_TAG]]));
    const killedRuns = new Set(runTags().values());
    expect(killedRuns.size).toBe(1);

    const rerun = await pcc(ws, lag.env, ['apply', '--auto-approve']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const counts = countByAddress(lag.emulator);
    expect(counts.size).toBe(LAGGING);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const created = rerun.stderr.match(/^\+ created /gm)?.length ?? 0;
    const byAnother = rerun.stderr.match(/^· skipped create .*: already created by another apply/gm)?.length ?? 0;
    const ownTagged = [...runTags().values()].filter((run) => run !== undefined && !killedRuns.has(run)).length;
    expect(created).toBe(ownTagged);
    expect(created).toBe(LAGGING - lag.state.relationships().filter((r) => killedRuns.has(lag.state.tagsOf(r.arn)?.[APPLY_RUN_TAG])).length);
    // What the killed run made but reads did not show yet was planned again, and found to be the killed run's.
    expect(byAnother).toBeGreaterThanOrEqual(1);
    expect(rerun.stderr).toContain(`Apply complete: ${created} created, 0 updated, 0 deleted, ${byAnother} created by another apply, 0 failed.`);
    expect((await pcc(ws, lag.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});
