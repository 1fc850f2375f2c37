import type { Command } from 'commander';
import type { OutputSink } from '../io/sink.js';
import type { Reporter } from '../report/reporter.js';

/** What cli.ts hands every command: commands never touch `process` themselves. */
export interface CommandContext {
  /** The two streams, for what is the command's own (progress, prompts, listings). */
  sink: OutputSink;
  /**
   * Problems and results: how they show (terminal, JSON, GitHub Actions) is the reporter's business, never the
   * command's. cli.ts picks it for the run, from the command's `--format` and the environment (src/report/).
   */
  reporter: Reporter;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** For the apply confirmation prompt; `isTTY` tells whether a person can answer. */
  stdin: NodeJS.ReadStream;
  /** The process exit code; the highest code set wins (see `setExitCode` in cli.ts). */
  setExitCode(code: number): void;
  /**
   * Takes over the first Ctrl+C (SIGINT) or SIGTERM while registered (the latest registration wins). The handler
   * returns 'exit' to end the process at once with 130, or 'continue' when the command winds down itself. With no
   * handler, and on a second signal, cli.ts restores the terminal and exits 130. Returns the unregister function.
   */
  onInterrupt(handler: InterruptHandler): () => void;
}

/** See {@link CommandContext.onInterrupt}. */
export type InterruptHandler = (signal: NodeJS.Signals) => 'exit' | 'continue';

/** Each file in src/commands/ exports one of these. */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;
