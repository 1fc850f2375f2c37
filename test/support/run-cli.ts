import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI (`npm test` builds first). Tests drive it as a user would: a subprocess. */
export const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  cwd?: string;
  /** Added to a minimal environment: no AWS credentials or endpoint from the developer's shell leak in. */
  env?: Record<string, string | undefined>;
  /** Written to the CLI's stdin, then closed. */
  input?: string;
  timeoutMs?: number;
  /** Options for node itself, before the CLI's path (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
}

/** Environment for talking to an emulator at `endpoint` through the real SDK with dummy credentials. */
export function emulatorEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTESTTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret-key',
    AWS_REGION: 'us-east-1',
  };
}

export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NO_COLOR: '1',
    // Keep the developer's real AWS config out of the way.
    AWS_CONFIG_FILE: '/nonexistent/pcc-test-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/pcc-test-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  // A fresh refresh cache per run, so no run reuses another's reads (and none writes to the real home),
  // unless the caller chose one (XDG_CACHE_HOME in `env`, or --cache).
  const cacheHome = mkdtempSync(join(tmpdir(), 'pcc-test-cache-'));
  env.XDG_CACHE_HOME = cacheHome;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI_PATH, ...args], { cwd: options.cwd, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(cacheHome, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
