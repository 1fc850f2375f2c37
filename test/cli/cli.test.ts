import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('pcc (the binary)', () => {
  it('prints help naming every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['validate', 'plan', 'apply', 'import', 'fmt', 'emulator']) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });

  it('rejects a bad global option value with exit 1 and a message on stderr', async () => {
    const result = await runCli(['--parallelism', 'x', 'validate']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("option '--parallelism <n>' argument 'x' is invalid");
  });

  it('rejects an unknown command with exit 1', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });
});
