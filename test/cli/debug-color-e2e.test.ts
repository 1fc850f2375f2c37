/**
 * `--debug` (each SDK attempt and answer on stderr, secrets redacted) and `--no-color` / NO_COLOR / FORCE_COLOR
 * (issue 18.8), through the built CLI against the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkspace, entry, PMA, type Workspace } from '../support/e2e-helpers.js';
import { withEmulator } from '../support/emulator.js';
import { runCli } from '../support/run-cli.js';

const e = withEmulator({}, { seed: (emulator) => void emulator.state.createPma({ id: PMA }) });
const SECRETS = { AWS_ACCESS_KEY_ID: 'AKIDDEBUGKEYID0001', AWS_SECRET_ACCESS_KEY: 'debug-secret-9f8e7d', AWS_SESSION_TOKEN: 'debug-session-token-5a4b3c' };
const ESC = '\u001b[';
let workspace: Workspace | undefined;
afterEach(async () => {
  e.emulator.setFaults(undefined);
  await workspace?.remove();
});

describe('--debug', () => {
  it('prints every attempt (retries of a throttled call included) and every answer, and no credential, signature or token', async () => {
    e.emulator.setFaults({ throttleRate: 1, operations: ['ListProgramManagementAccounts'] });
    const throttled = await runCli(['--debug', 'pmas', '--catalog', 'AWS'], { env: { ...e.env, ...SECRETS } });
    expect(throttled.code).toBe(1);
    for (let attempt = 1; attempt <= 5; attempt++) expect(throttled.stderr).toContain(`amz-sdk-request: attempt=${attempt}; max=5`);
    expect(throttled.stderr.match(/pcc: debug: ← ListProgramManagementAccounts 429 ThrottlingException \(throttled: the SDK retries\)/g)).toHaveLength(5);
    e.emulator.setFaults(undefined);
    const ok = await runCli(['pmas', '--debug'], { env: { ...e.env, ...SECRETS } });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(
      new RegExp(`pcc: debug: → ListProgramManagementAccounts POST ${e.endpoint}/ .*x-amz-target: PartnerCentralChannel.ListProgramManagementAccounts`),
    );
    expect(ok.stderr).toMatch(/pcc: debug: ← ListProgramManagementAccounts 200 in \d+ ms \(request id [0-9a-f-]+\)/);
    for (const output of [throttled, ok]) {
      expect(output.stderr).toContain('authorization: [redacted]');
      expect(output.stderr).toContain('x-amz-security-token: [redacted]');
      for (const secret of Object.values(SECRETS)) expect(output.stderr).not.toContain(secret);
      expect(output.stderr).not.toMatch(/Signature=|Credential=|AWS4-HMAC-SHA256/);
      expect(output.stdout).not.toContain('pcc: debug');
    }
  });

  it("a call that waits for pcc's own client-side rate says so", async () => {
    // pmas lists two catalogs, one ListProgramManagementAccounts each: at 1 a second, the second waits.
    const result = await runCli(['--debug', '--read-rate', '1', 'pmas'], { env: { ...e.env, ...SECRETS } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('pcc: debug: ListProgramManagementAccounts waits for its client-side rate (--read-rate/--write-rate)');
  });

  it('without --debug nothing of it shows', async () => {
    const result = await runCli(['pmas'], { env: { ...e.env, ...SECRETS } });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('pcc: debug');
  });
});

describe('colours', () => {
  it('FORCE_COLOR colours the plan; --no-color and NO_COLOR take them away', async () => {
    workspace = await createWorkspace([entry(1)]);
    const run = (args: string[], env: Record<string, string | undefined>) => runCli(args, { cwd: workspace!.cwd, env: { ...e.env, NO_COLOR: undefined, ...env } });
    const forced = await run(['plan'], { FORCE_COLOR: '1' });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(ESC);
    for (const [args, env] of [
      [['plan', '--no-color'], { FORCE_COLOR: '1' }],
      [['--no-color', 'plan'], { FORCE_COLOR: '1' }],
      [['plan'], { NO_COLOR: '1' }],
      [['plan'], {}],
    ] as const) {
      const plain = await run([...args], env);
      expect(plain.code).toBe(0);
      expect(plain.stdout).toContain('Plan: 1 to create');
      expect(plain.stdout + plain.stderr).not.toContain(ESC);
    }
  });
});
