/**
 * The built CLI in a pseudo-terminal, as a person runs it: util-linux `script` gives it a terminal for stdin,
 * stdout and stderr, and what is written to `type` reaches it through the terminal's line discipline, so
 * "\u0003" is a real Ctrl+C (SIGINT to the foreground process group).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_PATH } from './run-cli.js';

export interface PtyRun {
  /** Everything the terminal showed so far (stdout and stderr together, with escape sequences). */
  screen(): string;
  /** Types into the terminal. */
  type(text: string): void;
  /** Resolves when `pattern` has appeared on the screen. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** The CLI's exit code. */
  exited: Promise<number | null>;
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export function runCliInPty(args: string[], options: { cwd: string; env: Record<string, string> }): PtyRun {
  const command = [process.execPath, CLI_PATH, ...args].map(quote).join(' ');
  // A refresh cache of this run's own, as runCli gives one: nothing lands in (or is reused from) a home's cache.
  const cacheHome = mkdtempSync(join(tmpdir(), 'pcc-test-cache-'));
  const child = spawn('script', ['-q', '-e', '-f', '-c', command, '/dev/null'], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', XDG_CACHE_HOME: cacheHome, TERM: 'xterm-256color', ...options.env },
    stdio: 'pipe',
  });
  let screen = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(screen)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      rmSync(cacheHome, { recursive: true, force: true });
      resolve(code);
    }),
  );
  return {
    screen: () => screen,
    type: (text) => void child.stdin.write(text),
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        if (pattern.test(screen)) return resolve();
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; screen:\n${screen}`)), timeoutMs);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
      }),
    exited,
  };
}
