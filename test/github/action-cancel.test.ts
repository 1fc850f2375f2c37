/**
 * A run cancelled on GitHub: the runner sends SIGINT to the action's process (not to its children), then SIGTERM
 * 7.5 s later. The action passes each signal on to pcc, so an apply lets the calls in flight finish, starts
 * nothing new, writes what was and was not done to the job summary, and the step ends with pcc's 130 — and no pcc
 * is left behind creating relationships after the step has ended.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createRunner, E2E_PMA, relationshipsYaml, type Runner } from './action-step.js';

const SLOW = '--read-rate 1000 --write-rate 1000 --parallelism 2';

let runner: Runner;
beforeEach(async () => {
  runner = await createRunner();
});
afterEach(async () => {
  await runner.remove();
});

describe('a cancelled run of the action', () => {
  const h = withEmulator({ idSeed: 8, latencyMs: 150 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });

  it.each([
    ['SIGINT', undefined],
    ['SIGINT', 'SIGTERM'],
    ['SIGTERM', undefined],
  ] as const)('%s (then %s): pcc hears it, finishes what is in flight, says what was done, exits 130', async (signal, then) => {
    await runner.writeFile('main.yaml', relationshipsYaml(40));
    const run = await runner.run({
      command: 'apply',
      args: `--auto-approve ${SLOW}`,
      env: h.env,
      cancel: { when: /(\+ created [^\n]*\n[\s\S]*){3}/, signal, ...(then ? { then, afterMs: 50 } : {}) },
    });
    expect(run.status, run.stderr).toBe(130);
    expect(run.outputs.get('exit-code')).toBe('130');
    expect(run.stderr).toContain(`Interrupted (${signal})`);
    const atEnd = h.state.relationships().length;
    await sleep(1500);
    // No pcc was left running: nothing new starts after the step has ended. (After a second signal pcc stops at
    // once, so the creates it had in flight, at most --parallelism 2, may still land.)
    const settled = h.state.relationships().length;
    expect(settled - atEnd).toBeLessThanOrEqual(then ? 2 : 0);
    await sleep(1000);
    expect(h.state.relationships().length).toBe(settled);
    expect(settled).toBeLessThan(40);
    if (!then) {
      const summary = /Interrupted: (\d+) changes? finished \(above\), (\d+) not started/.exec(run.stderr);
      expect(summary, run.stderr).not.toBeNull();
      expect(Number(summary?.[1])).toBe(settled);
      // The job summary says the apply was interrupted, never that it is complete.
      expect(run.summary.startsWith('## pcc apply: interrupted\n')).toBe(true);
      expect(run.summary).toMatch(/\*\*Apply interrupted: \d+ created, 0 updated, 0 deleted, \d+ skipped, 0 failed\.\*\*/);
    }
    // After a second signal pcc stops at once: whatever it wrote by then, never that the apply is complete.
    expect(run.summary).not.toContain('Apply complete');
  });
});
