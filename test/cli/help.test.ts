import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('pcc <command> --help', () => {
  it('shows the global options too, for every command', async () => {
    for (const command of ['validate', 'plan', 'apply', 'show', 'import', 'fmt', 'pmas', 'emulator']) {
      const result = await runCli([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain('Global Options:');
      for (const option of ['--dir <dir>', '--profile <profile>', '--endpoint-url <url>', '--read-rate <n>']) expect(result.stdout, command).toContain(option);
    }
  });

  it('plan, apply and show give examples of the saved-plan flow, --target and --replace', async () => {
    const help = async (command: string) => (await runCli([command, '--help'])).stdout;
    expect(await help('plan')).toMatch(/Examples:[\s\S]*pcc plan --out plan\.json[\s\S]*--target AWS\/[\s\S]*--replace AWS\//);
    expect(await help('apply')).toMatch(/Examples:[\s\S]*pcc apply plan\.json[\s\S]*pcc apply r\.json --revoke/);
    expect(await help('show')).toMatch(/Examples:[\s\S]*pcc show plan\.json --format markdown/);
    for (const command of ['plan', 'apply']) {
      const text = await help(command);
      for (const option of ['--target <address>', '--replace <address>', '--revoke', '--max-deletes <n>']) expect(text, command).toContain(option);
    }
  });
});
