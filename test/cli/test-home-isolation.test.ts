/**
 * Tests never write into the developer's home: `~/.cache/pcc` once gained 56 files from one test run (a helper
 * passed the real HOME and no cache folder, so the CLI's refresh cache went to its default place). Two guards:
 * the run has a home of its own (test/vitest.config.ts), and every helper that runs the CLI gives it a cache of
 * its own, so nothing lands under whatever HOME is, even one a test sets.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { refreshCacheDir } from '../../src/live/refresh-cache-file.js';
import { withEmulator } from '../support/emulator.js';
import { startCli } from '../support/emulator-process.js';
import { applyAndKill, createWorkspace, entry, FAST, PMA, pcc, seedEntry, type Workspace } from '../support/e2e-helpers.js';
import { runCliInPty } from '../support/pty.js';
import { runCli } from '../support/run-cli.js';
import { createRunner, e2eAccount, FAST as RUNNER_FAST, relationshipsYaml } from '../github/action-step.js';

/** Every file and folder under `dir`, relative to it. */
async function contents(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

// Live relationships the files declare: a plan reads them, so it has a refresh cache to write.
const h = withEmulator(
  { idSeed: 31, rateLimits: false },
  {
    seed: (e) => {
      e.state.createPma({ id: PMA });
      for (const i of [1, 2]) seedEntry(e, i);
      for (const i of [0, 1])
        e.state.seedRelationship({
          pmaId: PMA,
          associatedAccountId: e2eAccount(i),
          associationType: 'END_CUSTOMER',
          displayName: `Runner ${i}`,
          sector: 'COMMERCIAL',
          tags: {},
        });
    },
  },
);

describe('the test run’s home', () => {
  it('is a temporary folder, not the developer’s, and the default refresh cache lies inside it', () => {
    const home = process.env.HOME ?? '';
    expect(home).not.toBe(userInfo().homedir);
    expect(relative(tmpdir(), home).split(sep)[0]).toMatch(/^pcc-test-home-/);
    const cache = refreshCacheDir(process.env, process.platform, home) ?? '';
    expect(relative(home, cache).startsWith('..')).toBe(false);
  });
});

describe('helpers that run the CLI', () => {
  const saved = { HOME: process.env.HOME, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
  let sentinel = '';
  let ws: Workspace | undefined;
  afterEach(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await ws?.remove();
    await rm(sentinel, { recursive: true, force: true });
  });

  it('write nothing under HOME, whichever it is: each CLI run gets a cache folder of its own', async () => {
    // A home as a developer's shell has it (no XDG_CACHE_HOME), that the helpers read from process.env.
    sentinel = await mkdtemp(join(tmpdir(), 'pcc-sentinel-home-'));
    process.env.HOME = sentinel;
    delete process.env.XDG_CACHE_HOME;
    ws = await createWorkspace([entry(1), entry(2)]);

    const planned = await pcc(ws, h.env, ['plan']);
    expect(planned.code, planned.stderr).toBe(0);
    const direct = await runCli([...FAST, 'plan'], { cwd: ws.cwd, env: h.env });
    expect(direct.code, direct.stderr).toBe(0);

    const pty = runCliInPty([...FAST, 'plan'], { cwd: ws.cwd, env: { ...h.env, NO_COLOR: '1' } });
    expect(await pty.exited, pty.screen()).toBe(0);
    expect(pty.screen()).toMatch(/Plan: .*2 to adopt/);

    const killed = await applyAndKill(ws, h.env, [...FAST, 'plan'], Number.POSITIVE_INFINITY);
    expect(killed).toContain('[exit 0]');

    const emulator = await startCli([]);
    emulator.child.kill('SIGINT');
    await emulator.exited;

    const runner = await createRunner();
    try {
      await runner.writeFile('main.yaml', relationshipsYaml(2));
      const step = await runner.run({ command: 'plan', args: `--detailed-exitcode ${RUNNER_FAST}`, env: h.env });
      expect(step.outputs.get('exit-code'), step.stderr).toBe('2');
    } finally {
      await runner.remove();
    }

    expect(await contents(sentinel)).toEqual([]);
  });

  it('the check bites: a CLI run given the sentinel home and no cache folder writes its refresh cache there', async () => {
    sentinel = await mkdtemp(join(tmpdir(), 'pcc-sentinel-home-'));
    ws = await createWorkspace([entry(1)]);
    // What the pty helper did before: HOME passed on, XDG_CACHE_HOME not set.
    const result = await runCli([...FAST, 'plan'], { cwd: ws.cwd, env: { ...h.env, HOME: sentinel, XDG_CACHE_HOME: undefined } });
    expect(result.code, result.stderr).toBe(0);
    expect(await contents(sentinel)).toEqual(expect.arrayContaining([join('.cache', 'pcc'), expect.stringMatching(/^\.cache[/\\]pcc[/\\]refresh-[0-9a-f]{16}\.json$/)]));
  });
});
