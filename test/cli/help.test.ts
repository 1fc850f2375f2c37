import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const API_OPTIONS = ['--profile <profile>', '--region <region>', '--endpoint-url <url>', '--read-rate <n>', '--write-rate <n>', '--parallelism <n>', '--debug'];

describe('pcc <command> --help', () => {
  it('shows the global options a command uses: all of them for apply, all but --write-rate for the commands that only read', async () => {
    for (const command of ['plan', 'apply', 'import', 'pmas']) {
      const result = await runCli([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain('Global Options:');
      const used = command === 'apply' ? API_OPTIONS : API_OPTIONS.filter((option) => option !== '--write-rate <n>');
      for (const option of ['--no-color', ...used]) expect(result.stdout, `${command} ${option}`).toContain(option);
      if (command !== 'apply') expect(result.stdout, command).not.toContain('--write-rate');
      // pmas lists what the credentials see: it reads no relationship files.
      if (command === 'pmas') expect(result.stdout).not.toContain('--dir');
      else expect(result.stdout, command).toContain('--dir <dir>');
    }
  });

  it('offline commands list no API options (they call no API); show reads no relationship files either', async () => {
    for (const command of ['init', 'validate', 'show', 'fmt', 'emulator']) {
      const result = await runCli([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain('--no-color');
      for (const option of API_OPTIONS) expect(result.stdout, `${command} ${option}`).not.toContain(option);
      if (command === 'show') expect(result.stdout).not.toContain('--dir');
      else expect(result.stdout, command).toContain('--dir <dir>');
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
