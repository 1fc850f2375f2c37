/**
 * Apply and the refresh cache, through the built CLI and the emulator: `apply --refresh full` plans with full
 * reads, and apply's own writes void the cached tags they touch (tag writes move no revision), whichever refresh
 * planned them. (The default `--refresh cached`: apply-cached-e2e.test.ts.)
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { CLI_PATH } from '../support/run-cli.js';
import { createWorkspace, entry, managedSeed as seedOf, pcc, type Workspace } from '../support/e2e-helpers.js';

const N = 20;
const declared = (i: number, team = 'a') => entry(i, { resaleAccountModel: 'END_CUSTOMER', tags: { team } });

describe('pcc apply with the refresh cache', () => {
  const emu = withEmulator({}, { per: 'test' });
  let ws: Workspace;
  let cache: string[];

  beforeEach(async () => {
    for (let i = 0; i < N; i++) emu.state.seedRelationship(seedOf(i));
    ws = await createWorkspace(Array.from({ length: N }, (_, i) => declared(i)));
    cache = ['--cache', join(ws.cwd, 'cache')];
    expect((await pcc(ws, emu.env, ['plan', ...cache])).code).toBe(0);
  });
  afterEach(() => ws.remove());

  async function run(args: string[]) {
    emu.emulator.resetStats();
    const result = await pcc(ws, emu.env, [...args, ...cache]);
    return { ...result, calls: { ...emu.emulator.stats.calls } };
  }

  async function retagFive(apply: () => Promise<{ code: number | null; stderr: string; calls: Record<string, number> }>) {
    await ws.write(Array.from({ length: N }, (_, i) => declared(i, i === 5 ? 'b' : 'a')));
    const applied = await apply();
    expect(applied.code, applied.stderr).toBe(0);
    expect(emu.state.relationships().find((r) => r.associatedAccountId === entry(5).associatedAccountId)?.tags.team).toBe('b');
    return applied;
  }

  it('with --refresh full, plans with full reads despite a warm cache, and voids the cached tags it wrote', async () => {
    const applied = await retagFive(() => run(['apply', '--auto-approve', '--refresh', 'full']));
    // Planning inside apply read every tag and detail (then apply re-read what it changed).
    expect(applied.calls.ListTagsForResource).toBeGreaterThanOrEqual(N);
    expect(applied.calls.GetRelationship).toBeGreaterThanOrEqual(N);

    // The tag write moved no revision: only the invalidation makes the next plan read it again.
    const after = await run(['plan', '--format', 'json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).summary).toMatchObject({ update: 0, noOp: N, reads: 1 });
    // ListChannelHandshakes: the one read per catalog of accepted service periods (a period no file declares is reported);
    // ListProgramManagementAccounts: the one read per catalog of its PMAs.
    expect(after.calls).toEqual({ ListRelationships: 1, ListTagsForResource: 1, ListChannelHandshakes: 1, ListProgramManagementAccounts: 1 });
  });

  it('applying a plan saved from the cache (with the cache: the default) also voids what it wrote', async () => {
    await ws.write(Array.from({ length: N }, (_, i) => declared(i, i === 5 ? 'b' : 'a')));
    const saved = await run(['plan', '--out', 'saved.plan.json']);
    expect(saved.calls).toEqual({ ListRelationships: 1, ListChannelHandshakes: 1, ListProgramManagementAccounts: 1 });
    await retagFive(() => run(['apply', '--auto-approve', 'saved.plan.json']));
    const after = await run(['plan', '--format', 'json']);
    expect(JSON.parse(after.stdout).summary).toMatchObject({ update: 0, noOp: N, reads: 1 });
  });
});

describe('pcc apply stopped mid-way with the refresh cache', () => {
  // Slow answers, so the apply can be stopped with tag writes done and others in flight.
  const emu = withEmulator({ latencyMs: 80 }, { per: 'test' });

  /** Starts apply; once `after` changes were reported, sends `signals` (one every 20 ms). Resolves when it ended. */
  function applyAndStop(ws: Workspace, cache: string[], after: number, signals: NodeJS.Signals[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI_PATH, '--write-rate', '200', '--read-rate', '200', '--parallelism', '2', 'apply', '--auto-approve', ...cache], {
        cwd: ws.cwd,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', ...emu.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let sent = false;
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (sent || (stderr.match(/^~ updated /gm) ?? []).length < after) return;
        sent = true;
        signals.forEach((signal, i) => setTimeout(() => child.kill(signal), i * 20));
      });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(`${stderr}\n[exit ${code ?? signal}]`));
    });
  }

  it.each([
    ['a second Ctrl+C', ['SIGINT', 'SIGINT'] as NodeJS.Signals[], '[exit 130]'],
    ['SIGKILL', ['SIGKILL'] as NodeJS.Signals[], '[exit SIGKILL]'],
  ])('after %s, a cached plan sees every tag write that landed, as a full read does', async (_name, signals, exit) => {
    for (let i = 0; i < N; i++) emu.state.seedRelationship(seedOf(i));
    const ws = await createWorkspace(Array.from({ length: N }, (_, i) => declared(i)));
    const cache = ['--cache', join(ws.cwd, 'cache')];
    try {
      expect((await pcc(ws, emu.env, ['plan', ...cache])).code).toBe(0);
      await ws.write(Array.from({ length: N }, (_, i) => declared(i, 'b')));
      const output = await applyAndStop(ws, cache, 3, signals);
      expect(output).toContain(exit);
      await new Promise((resolve) => setTimeout(resolve, 500)); // writes in flight at the stop land
      const retagged = emu.state.relationships().filter((r) => r.tags.team === 'b').length;
      expect(retagged).toBeGreaterThanOrEqual(3);
      expect(retagged).toBeLessThan(N);

      // The cached plan first: a full one would refresh the cache.
      const cached = await pcc(ws, emu.env, ['plan', '--format', 'json', ...cache]);
      const full = await pcc(ws, emu.env, ['plan', '--format', 'json', '--refresh', 'full', ...cache]);
      expect(JSON.parse(full.stdout).summary).toMatchObject({ update: N - retagged });
      expect(JSON.parse(cached.stdout).summary).toMatchObject({ update: N - retagged });
    } finally {
      await ws.remove();
    }
  });
});
