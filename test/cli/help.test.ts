import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('pcc <command> --help', () => {
  it('shows the global options too, for every command', async () => {
    for (const command of ['validate', 'plan', 'apply', 'import', 'fmt', 'pmas', 'emulator']) {
      const result = await runCli([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain('Global Options:');
      for (const option of ['--dir <dir>', '--profile <profile>', '--endpoint-url <url>', '--read-rate <n>']) expect(result.stdout, command).toContain(option);
    }
  });
});
