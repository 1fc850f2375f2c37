import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_PATH } from '../helpers/run-cli.js';
import { withEmulator } from '../helpers/emulator.js';
import { countByAddress, createWorkspace, entry, pcc, PMA, type Workspace } from './e2e-helpers.js';

const h = withEmulator({ idSeed: 3, latencyMs: 60 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

const COUNT = 40;

/** Starts `pcc apply`, and SIGKILLs it once `after` creates were reported. Resolves with what it printed. */
function applyAndKill(workspace: Workspace, env: Record<string, string>, args: string[], after: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, '--parallelism', '3', '--write-rate', '20', '--read-rate', '50', ...args], {
      cwd: workspace.cwd,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if ((stderr.match(/\+ created/g) ?? []).length >= after) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(`${stderr}\n[exit ${code ?? signal}]`));
  });
}

function expectOnePerAddress() {
  const counts = countByAddress(h.emulator);
  expect(counts.size).toBe(COUNT);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

describe('apply killed mid-way', () => {
  it('pcc apply run again converges with no duplicate', async () => {
    ws = await createWorkspace(Array.from({ length: COUNT }, (_, i) => entry(i)));
    const output = await applyAndKill(ws, h.env, ['apply', '--auto-approve'], 8);
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
    ws = await createWorkspace(Array.from({ length: COUNT }, (_, i) => entry(i)));
    expect((await pcc(ws, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    await applyAndKill(ws, h.env, ['apply', '--auto-approve', 'plan.json'], 8);
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
