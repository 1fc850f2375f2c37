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
}

/** Each file in src/commands/ exports one of these. */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;
