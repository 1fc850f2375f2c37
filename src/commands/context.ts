import type { Command } from 'commander';
import type { OutputSink } from '../io/sink.js';

/** What cli.ts hands every command: commands never touch `process` themselves. */
export interface CommandContext {
  sink: OutputSink;
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
