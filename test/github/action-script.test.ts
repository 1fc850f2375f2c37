/**
 * The action's entry (action/main.mjs, as action.yml runs it) with a stand-in for the bundled CLI (pcc.mjs beside
 * it) that records its arguments: proves the inputs map to the right argv, with no shell expansion, and that exit
 * codes and outputs come out as documented.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionMain, inputEnv } from './action-step.js';

// Prints its argv as JSON on stdout, a line on stderr, and exits with FAKE_EXIT.
const FAKE_CLI = `
process.stdout.write(JSON.stringify(process.argv.slice(2)) + '\\n');
process.stderr.write('progress on stderr\\n');
process.exit(Number(process.env.FAKE_EXIT ?? 0));
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pcc-action-'));
  await mkdir(join(dir, 'action'), { recursive: true });
  await mkdir(join(dir, 'temp'));
  await mkdir(join(dir, 'workspace'));
  copyFileSync(actionMain(), join(dir, 'action', 'main.mjs'));
  await writeFile(join(dir, 'action', 'pcc.mjs'), FAKE_CLI);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Inputs {
  command: string;
  directory?: string;
  args?: string;
  region?: string;
  fakeExit?: number;
}

async function runAction({ command, directory = 'relationships', args = '', region = 'us-east-1', fakeExit = 0 }: Inputs) {
  const outputFile = join(dir, 'output');
  await writeFile(outputFile, '');
  const result = spawnSync(process.execPath, [join(dir, 'action', 'main.mjs')], {
    cwd: join(dir, 'workspace'),
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: join(dir, 'temp'),
      ...inputEnv({ command, directory, args, 'aws-region': region }),
      FAKE_EXIT: String(fakeExit),
    },
  });
  const outputs = Object.fromEntries(
    (await readFile(outputFile, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const first = result.stdout.split('\n')[0] ?? '';
  const argv = first.startsWith('[') ? (JSON.parse(first) as string[]) : undefined;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs, argv };
}

describe('the action’s entry, action/main.mjs', () => {
  it('maps the inputs to pcc --dir D --region R <command> <args…>', async () => {
    const run = await runAction({ command: 'plan', args: '--format markdown --out pcc-plan.json --detailed-exitcode' });
    expect(run.status).toBe(0);
    expect(run.argv).toEqual(['--dir', 'relationships', '--region', 'us-east-1', 'plan', '--format', 'markdown', '--out', 'pcc-plan.json', '--detailed-exitcode']);
  });

  it('splits args on spaces, tabs and newlines (a YAML block works)', async () => {
    const run = await runAction({ command: 'apply', directory: 'config/rel', args: '  pcc-plan.json\n\t--auto-approve \n' });
    expect(run.argv).toEqual(['--dir', 'config/rel', '--region', 'us-east-1', 'apply', 'pcc-plan.json', '--auto-approve']);
  });

  it('passes no --region when the input is empty, and no extra arguments when args is empty', async () => {
    expect((await runAction({ command: 'validate', region: '' })).argv).toEqual(['--dir', 'relationships', 'validate']);
  });

  it('never expands, globs or runs anything in the inputs', async () => {
    await writeFile(join(dir, 'workspace', 'decoy.json'), '{}');
    const args = '*.json $HOME $(touch pwned) `touch pwned2` ;touch pwned3';
    const run = await runAction({ command: 'plan', directory: '$(touch pwned4)', args });
    expect(run.argv).toEqual([
      '--dir',
      '$(touch pwned4)',
      '--region',
      'us-east-1',
      'plan',
      '*.json',
      '$HOME',
      '$(touch',
      'pwned)',
      '`touch',
      'pwned2`',
      ';touch',
      'pwned3',
    ]);
    for (const f of ['pwned', 'pwned2', 'pwned3', 'pwned4']) expect(existsSync(join(dir, 'workspace', f)), f).toBe(false);
  });

  it('succeeds on exit 2 (changes present) and reports the code', async () => {
    const run = await runAction({ command: 'plan', args: '--detailed-exitcode', fakeExit: 2 });
    expect(run.status).toBe(0);
    expect(run.outputs['exit-code']).toBe('2');
  });

  it('fails on exit 1 and still reports the code and the stdout file', async () => {
    const run = await runAction({ command: 'apply', fakeExit: 1 });
    expect(run.status).toBe(1);
    expect(run.outputs['exit-code']).toBe('1');
    expect(run.outputs['stdout-file']).toBeTruthy();
  });

  it('keeps stdout in a file under RUNNER_TEMP and shows it in the log too; stderr stays on stderr', async () => {
    const run = await runAction({ command: 'plan' });
    expect(run.outputs['exit-code']).toBe('0');
    const stdoutFile = run.outputs['stdout-file'] ?? '';
    expect(stdoutFile.startsWith(join(dir, 'temp', 'pcc-plan-stdout.'))).toBe(true);
    expect(await readFile(stdoutFile, 'utf8')).toBe(run.stdout);
    expect(run.stderr).toBe('progress on stderr\n');
  });

  it('gives each run its own stdout file', async () => {
    const first = await runAction({ command: 'plan' });
    const second = await runAction({ command: 'plan' });
    expect(first.outputs['stdout-file']).not.toBe(second.outputs['stdout-file']);
  });

  it('runs import and fmt too (fmt --check in CI)', async () => {
    expect((await runAction({ command: 'fmt', args: '--check' })).argv).toEqual(['--dir', 'relationships', '--region', 'us-east-1', 'fmt', '--check']);
    expect((await runAction({ command: 'import', args: '--out relationships/imported.yaml' })).argv).toEqual([
      '--dir',
      'relationships',
      '--region',
      'us-east-1',
      'import',
      '--out',
      'relationships/imported.yaml',
    ]);
  });

  it('refuses other commands without running pcc', async () => {
    for (const command of ['emulator', 'init', 'plan; touch pwned', '']) {
      const run = await runAction({ command });
      expect(run.status, command).toBe(1);
      expect(run.argv, command).toBeUndefined();
      expect(run.stdout, command).toContain("::error title=pcc-gitops::input 'command' must be one of validate, plan, apply, import, fmt");
    }
    expect(existsSync(join(dir, 'workspace', 'pwned'))).toBe(false);
  });
});
