/**
 * Where a command's output goes. Commands and renderers write through a sink, never to `console` or
 * `process.stdout`, so tests can record output; problems and results go through the run's reporter (src/report/).
 *
 * - `out`: what a script reads (the plan in any format, JSON results). Nothing else goes there.
 * - `err`: progress, warnings and errors, for people.
 */
export interface OutputSink {
  out(text: string): void;
  err(text: string): void;
  /** Colours allowed on stdout / stderr (a TTY and no NO_COLOR). */
  readonly outColor: boolean;
  readonly errColor: boolean;
  /** stderr is a terminal: progress bars and prompts are allowed. */
  readonly interactive: boolean;
  /** Running inside GitHub Actions (GITHUB_ACTIONS=true). Only pickReporter (src/report/) reads it: commands never do. */
  readonly github: boolean;
}

export interface TerminalSinkOptions {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: Readonly<Record<string, string | undefined>>;
}

function colourAllowed(stream: NodeJS.WriteStream, env: TerminalSinkOptions['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function createTerminalSink({ stdout, stderr, env }: TerminalSinkOptions): OutputSink {
  return {
    out: (text) => void stdout.write(text),
    err: (text) => void stderr.write(text),
    outColor: colourAllowed(stdout, env),
    errColor: colourAllowed(stderr, env),
    interactive: Boolean(stderr.isTTY),
    github: env.GITHUB_ACTIONS === 'true',
  };
}

/** A sink that keeps everything, for tests. */
export interface RecordingSink extends OutputSink {
  readonly stdout: string;
  readonly stderr: string;
}

export function createRecordingSink(options: Partial<Pick<OutputSink, 'outColor' | 'errColor' | 'interactive' | 'github'>> = {}): RecordingSink {
  let stdout = '';
  let stderr = '';
  return {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    outColor: options.outColor ?? false,
    errColor: options.errColor ?? false,
    interactive: options.interactive ?? false,
    github: options.github ?? false,
  };
}
