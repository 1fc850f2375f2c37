#!/usr/bin/env node
/**
 * argv → command. The only module that touches `process.exit`, `process.env` and the real streams.
 */
import { Command, CommanderError } from 'commander';
import { addGlobalOptions, HELP_CONFIGURATION } from './commands/global-options.js';
import type { CommandContext, InterruptHandler, RegisterCommand } from './commands/context.js';
import { createTerminalSink } from './io/sink.js';
import { pickReporter } from './report/reporter.js';
import { registerValidate } from './commands/validate.js';
import { registerPlan } from './commands/plan.js';
import { registerApply } from './commands/apply.js';
import { registerImport } from './commands/import.js';
import { registerFmt } from './commands/fmt.js';
import { registerEmulator } from './commands/emulator.js';
import { registerPmas } from './commands/pmas.js';
import { registerInit } from './commands/init.js';
import { registerShow } from './commands/show.js';
import { addHelpExamples } from './commands/help-examples.js';

const COMMANDS: RegisterCommand[] = [
  registerInit,
  registerValidate,
  registerPlan,
  registerShow,
  registerApply,
  registerImport,
  registerPmas,
  registerFmt,
  registerEmulator,
];

// The SDK warns on stderr about Node < 22 on every run; that is not the user's concern here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Exit code after an interrupt (128 + SIGINT), as shells report it. */
const INTERRUPTED = 130;
const interruptHandlers: InterruptHandler[] = [];
let interrupts = 0;

/** Shows the cursor and turns line wrapping back on: a progress bar hides one and turns off the other. */
function restoreTerminal(): void {
  if (process.stderr.isTTY) process.stderr.write('\u001b[?25h\u001b[?7h');
}

function onSignal(signal: NodeJS.Signals): void {
  const handler = interruptHandlers.at(-1);
  if (++interrupts === 1 && handler && handler(signal) === 'continue') return;
  restoreTerminal();
  process.stderr.write(`\npcc: stopped by ${signal}\n`);
  process.exit(INTERRUPTED);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const sink = createTerminalSink({ stdout: process.stdout, stderr: process.stderr, env: process.env });
  const ctx: CommandContext = {
    sink,
    reporter: pickReporter({ sink, env: process.env }),
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    setExitCode: (code) => void (exitCode = Math.max(exitCode, code)),
    onInterrupt: (handler) => {
      interruptHandlers.push(handler);
      return () => void interruptHandlers.splice(interruptHandlers.indexOf(handler), 1);
    },
  };
  const program = addGlobalOptions(new Command('pcc'))
    .description('GitOps for AWS Partner Central Channel relationships')
    .version(await readVersion())
    .showHelpAfterError('(run pcc --help for usage)')
    .configureHelp(HELP_CONFIGURATION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.sink.out(s), writeErr: (s) => ctx.sink.err(s) });
  for (const register of COMMANDS) register(program, ctx);
  addHelpExamples(program);
  // One reporter per run, picked before the command runs: from its --format (parsed by now) and the environment.
  program.hook('preAction', (_program, command) => {
    const globals = command.optsWithGlobals<{ color?: boolean; profile?: string }>();
    if (globals.color === false) {
      process.env.NO_COLOR = '1';
      ctx.sink = createTerminalSink({ stdout: process.stdout, stderr: process.stderr, env: process.env });
    }
    ctx.reporter = pickReporter({ sink: ctx.sink, env: process.env, format: command.opts().format });
    // --profile NAME means exactly what AWS_PROFILE=NAME means to the SDK: some of its loaders (the endpoint_url
    // of a profile or its services section) read only the variable, whatever the client is given.
    if (globals.profile) process.env.AWS_PROFILE = globals.profile;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    throw error;
  }
  return exitCode;
}

async function readVersion(): Promise<string> {
  if (typeof __PCC_BUNDLED_VERSION__ === 'string') return __PCC_BUNDLED_VERSION__;
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pcc: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
