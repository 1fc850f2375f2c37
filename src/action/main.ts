/**
 * The GitHub Action's entry (action.yml `runs.main`, bundled to action/main.mjs): maps the inputs to one `pcc`
 * command, run with the bundled CLI beside it (action/pcc.mjs), and nothing more (STYLE.md practice 14). The job
 * summary, `has-changes`/`plan-file` outputs and annotations are the CLI's own work. Like cli.ts, an entry point:
 * it may touch `process`.
 *
 * Inputs (env `INPUT_<NAME>`, as the runner sets them): command (validate, plan, apply, import or fmt), directory,
 * args (split on white space, never expanded), aws-region. Outputs: exit-code, stdout-file (what pcc printed on
 * stdout). Exit code 2 (changes present, with --detailed-exitcode) is an answer, not a failure: the step passes.
 * SIGINT and SIGTERM (a cancelled run) are passed on to pcc, whose exit code (130) the step then ends with.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACTION_COMMANDS = ['validate', 'plan', 'apply', 'import', 'fmt'] as const;

const input = (name: string): string => (process.env[`INPUT_${name.toUpperCase()}`] ?? '').trim();

/** The argv after `pcc`: global options first, then the command and its extra arguments. */
function argvOf(command: string, directory: string, args: string, region: string): string[] {
  return ['--dir', directory || 'relationships', ...(region ? ['--region', region] : []), command, ...args.split(/\s+/).filter(Boolean)];
}

async function main(): Promise<number> {
  const command = input('command');
  if (!(ACTION_COMMANDS as readonly string[]).includes(command)) {
    process.stdout.write(`::error title=pcc-gitops::input 'command' must be one of ${ACTION_COMMANDS.join(', ')}\n`);
    return 1;
  }
  const cli = join(dirname(fileURLToPath(import.meta.url)), 'pcc.mjs');
  const stdoutFile = join(mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), `pcc-${command}-stdout.`)), 'stdout');
  const file = createWriteStream(stdoutFile);
  const child = spawn(process.execPath, [cli, ...argvOf(command, input('directory'), input('args'), input('aws-region'))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // A cancelled run: the runner signals this process only (SIGINT, then SIGTERM). pcc gets each signal and winds
  // down itself (calls in flight finish, the summary says what was done); this process waits for it to end.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void child.kill(signal));
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    file.write(chunk);
  });
  const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? 1)));
  await new Promise<void>((resolve) => file.end(resolve));
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `exit-code=${code}\nstdout-file=${stdoutFile}\n`);
  return code === 2 ? 0 : code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stdout.write(`::error title=pcc-gitops::${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
