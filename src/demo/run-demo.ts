/**
 * `npm run demo`: the whole pcc workflow on the example files in `relationships/`, against an emulator started
 * in this process: no AWS account, no network. Each step runs the real CLI (`node dist/cli.js …`) as a child
 * process, so what is shown is exactly what a user sees. Like cli.ts, this is an entry point: it may touch
 * `process`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import picocolors from 'picocolors';
import { loadDesired } from '../desired/load-desired.js';
import type { DesiredRelationship } from '../desired/types.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { seedDemo } from './seed-demo.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));
const DIR = 'relationships';
// The emulator runs without quotas here, so the client need not hold back to the documented 3 and 5 per second.
const FAST = ['--read-rate', '100', '--write-rate', '100'];

interface Step {
  command: string[];
  /** Exit codes that mean the step went as it should. */
  expect: number[];
  why: string;
}

/** The reviewed-then-applied flow: the plan is shown once, saved, and exactly that plan is applied. */
function stepsFor(planFile: string): Step[] {
  return [
    { command: ['validate'], expect: [0], why: 'offline: YAML, schema and cross-file rules' },
    { command: ['plan', '--out', planFile], expect: [0], why: 'read the live state, show what would change, save the plan for review' },
    { command: ['apply', '--auto-approve', planFile], expect: [0], why: 'apply exactly the saved plan' },
    { command: ['plan', '--detailed-exitcode'], expect: [0], why: 'nothing left to do: exit code 0 means no changes' },
  ];
}

const c = picocolors.createColors(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Exit code after an interrupt (128 + SIGINT), as shells report it. */
const INTERRUPTED = 130;

/**
 * Ctrl+C or a kill: the step running ends first (a terminal's Ctrl+C reaches it too; pcc stops cleanly on its
 * own), no further step starts, and the demo removes what it made. A second signal kills the step at once.
 */
const interrupt = { signalled: false, kill: () => {} };
function onSignal(): void {
  if (interrupt.signalled) interrupt.kill();
  interrupt.signalled = true;
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

function runStep(step: Step, env: NodeJS.ProcessEnv): Promise<number> {
  const args = step.command[0] === 'validate' ? step.command : [...FAST, ...step.command];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--dir', DIR, ...args], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    interrupt.kill = () => void child.kill('SIGKILL');
    child.on('error', reject);
    child.on('close', (code) => {
      interrupt.kill = () => {};
      resolve(code ?? 1);
    });
  });
}

function childEnv(endpoint: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDDEMODEMODEMODEMO',
    AWS_SECRET_ACCESS_KEY: 'demo-secret',
    AWS_REGION: 'us-east-1',
    // Whatever the user's own AWS configuration says stays out of the demo.
    AWS_CONFIG_FILE: '/nonexistent/pcc-demo-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/pcc-demo-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'GITHUB_ACTIONS']) delete env[key];
  return env;
}

async function main(): Promise<number> {
  const { desired, diagnostics } = await loadDesired({ dir: DIR, cwd: ROOT });
  // The plan file and the refresh cache live in a folder of the demo's own: nothing lands in the user's cache,
  // and the folder goes when the demo ends, however it ends.
  const scratch = await mkdtemp(join(tmpdir(), 'pcc-demo-'));
  try {
    const emulator = await startEmulator({ rateLimits: false, idSeed: 2024 });
    try {
      return await demo(emulator, desired.relationships, diagnostics.length, scratch);
    } finally {
      await emulator.stop();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function demo(emulator: RunningEmulator, declared: readonly DesiredRelationship[], problems: number, scratch: string): Promise<number> {
  const seeded = seedDemo(emulator.state, declared);
  say(c.bold('pcc demo: the example files in relationships/ against a local Partner Central Channel emulator'));
  say(`Emulator at ${emulator.endpoint}, seeded with ${emulator.state.pmas().length} program management accounts and`);
  say(`${emulator.state.relationships().length} live relationships: one declared but not yet managed, with a drifted name (${seeded.adopted ?? 'none'}),`);
  say(`one managed but renamed by hand (${seeded.updated ?? 'none'}), and one that no file declares (${seeded.unmanaged}).`);
  if (problems > 0) say(c.yellow(`(the files have ${problems} problems: validate will show them)`));
  const env = { ...childEnv(emulator.endpoint), XDG_CACHE_HOME: scratch };
  for (const step of stepsFor(join(scratch, 'plan.json'))) {
    if (interrupt.signalled) return stopped();
    say('');
    say(c.dim(`# ${step.why}`));
    say(c.bold(c.cyan(`$ pcc ${step.command.join(' ')}`)));
    const code = await runStep(step, env);
    if (interrupt.signalled) return stopped();
    if (!step.expect.includes(code)) {
      say(c.red(`demo: \`pcc ${step.command.join(' ')}\` exited ${code}, expected ${step.expect.join(' or ')}`));
      return 1;
    }
  }
  say('');
  say(c.green(`Demo complete: ${emulator.state.relationships().length} relationships live, the unmanaged one untouched.`));
  return 0;
}

function stopped(): number {
  process.stderr.write('demo: interrupted; stopping the emulator and removing the demo’s temporary folder\n');
  return INTERRUPTED;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
