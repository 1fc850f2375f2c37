/**
 * Ctrl+C in a terminal, during a progress bar: the terminal comes back (cursor shown, line wrapping on), calls in
 * flight finish, apply says what was done and what was not, and the exit code is 130. Then a rerun finishes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runCliInPty } from '../support/pty.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';
import { createWorkspace, entry, FAST, PMA } from '../support/e2e-helpers.js';

const SHOW_CURSOR = '\u001b[?25h';
const WRAP_ON = '\u001b[?7h';
const HIDE_CURSOR = '\u001b[?25l';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

describe('Ctrl+C in a terminal', () => {
  it('during apply: in-flight changes finish, the rest do not start, the summary says which, exit 130', async () => {
    emulator = await startEmulator({ rateLimits: false, latencyMs: 150, idSeed: 11 });
    emulator.state.createPma({ id: PMA });
    const workspace = await createWorkspace(Array.from({ length: 40 }, (_, i) => entry(i)));
    const env = emulatorEnv(emulator.endpoint);
    const run = runCliInPty([...FAST, '--parallelism', '2', 'apply', '--auto-approve'], { cwd: workspace.cwd, env: { ...env, NO_COLOR: '1' } });
    await run.waitFor(/(\+ created [^\n]*\n[\s\S]*){3}/);
    expect(run.screen()).toContain(HIDE_CURSOR); // the bar is up
    run.type('\u0003');
    expect(await run.exited).toBe(130);
    const screen = run.screen();
    const afterInterrupt = screen.slice(screen.indexOf('Interrupted (SIGINT)'));
    expect(afterInterrupt).toContain(SHOW_CURSOR);
    expect(afterInterrupt).toContain(WRAP_ON);
    const summary = /Interrupted: (\d+) changes? finished \(above\), (\d+) not started:/.exec(screen);
    expect(summary, screen).not.toBeNull();
    const [finished, notStarted] = [Number(summary?.[1]), Number(summary?.[2])];
    expect(finished + notStarted).toBe(40);
    expect(notStarted).toBeGreaterThan(0);
    // The closing line says the apply was interrupted, not that it is complete.
    expect(screen).toMatch(/Apply interrupted: \d+ created, 0 updated, 0 deleted, \d+ skipped, 0 failed\./);
    expect(screen).not.toContain('Apply complete');
    // Every change reported done has landed, and nothing else did.
    const created = screen.match(/\+ created /g)?.length ?? 0;
    expect(created).toBe(finished);
    expect(emulator.state.relationships()).toHaveLength(finished);

    const rerun = await runCli([...FAST, 'apply', '--auto-approve'], { cwd: workspace.cwd, env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain(`Apply complete: ${notStarted} created`);
    expect(emulator.state.relationships()).toHaveLength(40);
    await workspace.remove();
  });

  it('during a plan: the bar is gone, the terminal restored, nothing changed, exit 130', async () => {
    emulator = await startEmulator({ rateLimits: false, latencyMs: 200, idSeed: 12 });
    for (let i = 0; i < 30; i++)
      emulator.state.seedRelationship({
        pmaId: PMA,
        associatedAccountId: String(100000000000 + i),
        associationType: 'END_CUSTOMER',
        displayName: `Customer ${i}`,
        sector: 'COMMERCIAL',
      });
    const workspace = await createWorkspace(Array.from({ length: 30 }, (_, i) => entry(i)));
    const run = runCliInPty([...FAST, '--parallelism', '1', 'plan'], { cwd: workspace.cwd, env: emulatorEnv(emulator.endpoint) });
    await run.waitFor(/Reading tags/);
    run.type('\u0003');
    expect(await run.exited).toBe(130);
    const screen = run.screen();
    const afterInterrupt = screen.slice(screen.indexOf('interrupted while reading'));
    expect(afterInterrupt.length).toBeGreaterThan(0);
    expect(screen.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(screen.lastIndexOf(HIDE_CURSOR));
    expect(screen).toContain('nothing was changed (a plan only reads)');
    expect(screen).not.toContain('Plan:');
    await workspace.remove();
  });
});
