/**
 * The action as the runner runs it (node on action.yml's `runs.main`, inputs as INPUT_ variables), in a simulated
 * GitHub Actions environment: temporary GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, a pull_request event
 * in GITHUB_EVENT_PATH, RUNNER_TEMP. Async, so an emulator in the test process can answer the CLI.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, parseYaml, readText, type Yaml } from './workflow-files.js';
import { stringify } from 'yaml';

/** The JavaScript file the action runs (action.yml `runs.main`), under `actionPath`. */
export function actionMain(actionPath = REPO_ROOT): string {
  const runs = parseYaml(readText(join(actionPath, 'action.yml'))).runs as Yaml;
  if (runs.using !== 'node24' || typeof runs.main !== 'string') throw new Error('action.yml is not a node24 JavaScript action');
  return join(actionPath, runs.main);
}

/** The environment the runner gives a JavaScript action's inputs: `INPUT_<NAME>`, upper-cased, hyphens kept. */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
}

/** The runner's parser for GITHUB_OUTPUT (actions/runner FileCommandManager): `k=v` or `k<<DELIM` … `DELIM`. */
export function parseOutputFile(text: string): Map<string, string> {
  const outputs = new Map<string, string>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      outputs.set(line.slice(0, equals), line.slice(equals + 1));
      continue;
    }
    if (heredoc < 0) throw new Error(`invalid line ${i + 1}: ${line}`);
    const delimiter = line.slice(heredoc + 2);
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    if (i >= lines.length) throw new Error(`no closing delimiter ${delimiter}`);
    outputs.set(line.slice(0, heredoc), value.join('\n'));
  }
  return outputs;
}

/** A pull_request event as GitHub writes it to GITHUB_EVENT_PATH (the fields workflows read). */
export function pullRequestEvent(number = 7): object {
  const repo = { full_name: 'acme/channel', name: 'channel', owner: { login: 'acme' } };
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      head: { ref: 'add-acme', sha: '0123456789abcdef0123456789abcdef01234567', repo },
      base: { ref: 'main', sha: 'fedcba9876543210fedcba9876543210fedcba98', repo },
    },
    repository: repo,
  };
}

/** One runner job's worth of directories: the workspace (cwd), RUNNER_TEMP and the step's files. */
export interface Runner {
  workspace: string;
  temp: string;
  /** Writes `relationships/<name>` in the workspace. */
  writeFile(name: string, text: string): Promise<void>;
  run(inputs: StepInputs): Promise<StepRun>;
  remove(): Promise<void>;
}

export interface StepInputs {
  command: string;
  args?: string;
  directory?: string;
  region?: string;
  /** Added to the step's environment (the emulator's endpoint and dummy credentials, say). */
  env?: Record<string, string>;
  /**
   * Cancels the run as the runner does once stderr matches `when`: `signal` to the action's own process only (the
   * runner signals the process it started, not its children), then `then` after `afterMs` if it is still running.
   */
  cancel?: { when: RegExp; signal: NodeJS.Signals; then?: NodeJS.Signals; afterMs?: number };
}

export interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Map<string, string>;
  /** What the step appended to GITHUB_STEP_SUMMARY (each step gets a fresh file, as on GitHub). */
  summary: string;
}

/**
 * Makes a runner whose action is `action` (default this repository: action.yml and its committed bundle), or the
 * folder `action(workspace)` gives (an action in a checkout inside the workspace, as `uses: ./.pcc-base/…`).
 */
export async function createRunner(action: string | ((workspace: string) => string) = REPO_ROOT): Promise<Runner> {
  const root = await mkdtemp(join(tmpdir(), 'pcc-runner-'));
  const workspace = join(root, 'workspace');
  const actionPath = typeof action === 'string' ? action : action(workspace);
  const temp = join(root, 'temp');
  await mkdir(join(workspace, 'relationships'), { recursive: true });
  await mkdir(temp);
  const eventPath = join(root, 'event.json');
  await writeFile(eventPath, JSON.stringify(pullRequestEvent()));
  let steps = 0;
  return {
    workspace,
    temp,
    writeFile: (name, text) => writeFile(join(workspace, 'relationships', name), text),
    remove: () => rm(root, { recursive: true, force: true }),
    async run({ command, args = '', directory = 'relationships', region = 'us-east-1', env = {}, cancel }) {
      const step = ++steps;
      const outputFile = join(root, `output-${step}`);
      const summaryFile = join(root, `summary-${step}.md`);
      await writeFile(outputFile, '');
      await writeFile(summaryFile, '');
      const result = await runNode(
        actionMain(actionPath),
        workspace,
        {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          CI: 'true',
          GITHUB_ACTIONS: 'true',
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_WORKSPACE: workspace,
          GITHUB_REPOSITORY: 'acme/channel',
          GITHUB_ACTION_PATH: actionPath,
          GITHUB_OUTPUT: outputFile,
          GITHUB_STEP_SUMMARY: summaryFile,
          RUNNER_TEMP: temp,
          // The refresh cache stays in this test's folder, never the developer's home.
          XDG_CACHE_HOME: join(root, 'cache'),
          // The developer's AWS configuration stays out of the way.
          AWS_CONFIG_FILE: '/nonexistent/pcc-test-config',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/pcc-test-credentials',
          AWS_EC2_METADATA_DISABLED: 'true',
          ...inputEnv({ command, directory, args, 'aws-region': region }),
          ...env,
        },
        cancel,
      );
      return {
        ...result,
        outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
        summary: await readFile(summaryFile, 'utf8'),
      };
    },
  };
}

/** Runs a `run:` script with bash as the runner does (`bash --noprofile --norc -e -o pipefail`). */
export function runBash(script: string, cwd: string, env: Record<string, string>) {
  return runProcess('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', script], cwd, env);
}

/** Runs a JavaScript action's main file with node, as the runner does (here with this machine's node). */
export function runNode(main: string, cwd: string, env: Record<string, string>, cancel?: StepInputs['cancel']) {
  return runProcess(process.execPath, [main], cwd, env, cancel);
}

function runProcess(command: string, args: string[], cwd: string, env: Record<string, string>, cancel?: StepInputs['cancel']) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    let cancelled = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (!cancel || cancelled || !cancel.when.test(stderr)) return;
      cancelled = true;
      child.kill(cancel.signal);
      if (cancel.then) setTimeout(() => child.exitCode === null && child.kill(cancel.then), cancel.afterMs ?? 1000).unref();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end();
  });
}

export const E2E_PMA = 'pma-u8ic702rtzng8';
/** Rate limits are not under test in the Actions tests: the client may go as fast as the emulator answers. */
export const FAST = '--read-rate 1000 --write-rate 1000 --parallelism 16';
/** The associated account of relationship `i` in `relationshipsYaml`. */
export const e2eAccount = (i: number) => String(200000000000 + i);

/** One relationships file declaring `count` END_CUSTOMER relationships in E2E_PMA, each with `servicePeriod` if given. */
export function relationshipsYaml(count: number, options: { sector?: string; name?: string; servicePeriod?: Record<string, unknown> } = {}): string {
  const relationships = Array.from({ length: count }, (_, i) => ({
    associatedAccountId: e2eAccount(i),
    associationType: 'END_CUSTOMER',
    displayName: options.name ?? `Customer ${i}`,
    sector: options.sector ?? 'COMMERCIAL',
    ...(options.servicePeriod ? { servicePeriod: options.servicePeriod } : {}),
  }));
  return stringify({ catalog: 'AWS', programManagementAccountIdentifier: E2E_PMA, relationships });
}
