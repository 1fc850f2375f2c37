/** `pcc emulator` as a subprocess: the built CLI, as a user starts it. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_PATH } from './run-cli.js';

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  endpoint: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Starts `pcc emulator` and waits for the endpoint it prints on stderr. `cwd` defaults to an empty folder, so no
 * relationship files seed PMAs unless a test puts them there.
 */
export function startCli(args: string[], cwd = mkdtempSync(join(tmpdir(), 'pcc-emulator-cwd-'))): Promise<ServerProcess> {
  const child = spawn(process.execPath, [CLI_PATH, 'emulator', '--port', '0', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no endpoint printed; stderr: ${stderr}`));
    }, 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1] && stderr.includes('Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, endpoint: match[1], stdout: () => stdout, stderr: () => stderr, exited });
      }
    });
    void exited.then(() => reject(new Error(`exited early; stderr: ${stderr}`)));
  });
}
