import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const API_OPTIONS = ['--profile <profile>', '--region <region>', '--endpoint-url <url>', '--read-rate <n>', '--write-rate <n>', '--parallelism <n>', '--debug'];

describe('pcc <command> --help', () => {
  it('shows the global options a command uses: all of them for commands that call the API', async () => {
    for (const command of ['plan', 'apply', 'import', 'pmas']) {
      const result = await runCli([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain('Global Options:');
      for (const option of ['--dir <dir>', '--no-color', ...API_OPTIONS]) expect(result.stdout, command).toContain(option);
    }
  });

  it('offline commands list no API options (they call no API)', async () => {
    for (const command of ['init', 'validate', 'fmt', 'emulator']) {
      const result = await runCli([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain('--no-color');
      for (const option of API_OPTIONS) expect(result.stdout, `${command} ${option}`).not.toContain(option);
    }
  });

  it('every command shows examples that run that command', async () => {
    const top = await runCli(['--help']);
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+)\b.*$/gm)].map(([, name]) => name!).filter((name) => name !== 'help');
    expect(commands.length).toBeGreaterThanOrEqual(8);
    for (const command of commands) {
      const result = await runCli([command, '--help']);
      const examples = result.stdout.split('\nExamples:\n')[1] ?? '';
      const lines = examples.split('\n').filter(Boolean);
      expect(lines.length, command).toBeGreaterThanOrEqual(2);
      for (const line of lines) expect(line, command).toMatch(new RegExp(`^ {2}\\$ pcc (--[a-z-]+ \\S+ )?${command}\\b`));
    }
  });
});
