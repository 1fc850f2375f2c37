/**
 * Program management accounts end to end (issue 21): files that declare PMAs and relationships naming them,
 * counts of what the emulator holds per PMA address, calls per operation between two points, and a CLI run
 * that the test SIGKILLs at a moment the emulator chooses (an answered request, before pcc reads the answer).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { RunningEmulator } from '../../src/emulator/index.js';
import type { Entry, Workspace } from './e2e-helpers.js';
import { CLI_PATH } from './run-cli.js';

/** A PMA as a file declares it under `programManagementAccounts:`. */
export interface PmaDeclaration {
  name: string;
  program: 'SOLUTION_PROVIDER' | 'DISTRIBUTION' | 'DISTRIBUTION_SELLER';
  accountId: string;
  displayName: string;
  tags?: Record<string, string>;
  id?: string;
}

/** `<catalog>/<program>/<accountId>`: a PMA's address (catalog AWS). */
export const pmaAddress = (pma: Pick<PmaDeclaration, 'program' | 'accountId'>, catalog = 'AWS') => `${catalog}/${pma.program}/${pma.accountId}`;

/** A document declaring PMAs (catalog AWS). */
export const pmaDocument = (pmas: PmaDeclaration[]) => ({ catalog: 'AWS', programManagementAccounts: pmas });

/** A document of relationships under a declared PMA, by its name. */
export const namedDocument = (name: string, entries: Entry[]) => ({ catalog: 'AWS', programManagementAccount: name, relationships: entries });

/** A document of relationships under an existing PMA, by its id. */
export const identifiedDocument = (pmaId: string, entries: Entry[]) => ({ catalog: 'AWS', programManagementAccountIdentifier: pmaId, relationships: entries });

/** Replaces the workspace's `relationships/main.yaml` with these YAML documents. */
export async function writeDocuments(workspace: Workspace, documents: object[]): Promise<void> {
  await writeFile(join(workspace.cwd, 'relationships', 'main.yaml'), documents.map((doc) => stringify(doc)).join('---\n'), 'utf8');
}

/** PMAs in the emulator per address: every count must be 1. */
export function pmasPerAddress(emulator: RunningEmulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pma of emulator.state.pmas()) {
    const address = pmaAddress({ program: pma.program as PmaDeclaration['program'], accountId: pma.accountId }, pma.catalog);
    counts.set(address, (counts.get(address) ?? 0) + 1);
  }
  return counts;
}

/** The PMA at this address, if the emulator holds one. */
export function pmaAt(emulator: RunningEmulator, pma: Pick<PmaDeclaration, 'program' | 'accountId'>) {
  return emulator.state.pmas().find((p) => p.catalog === 'AWS' && p.program === pma.program && p.accountId === pma.accountId);
}

/** PROGRAM_MANAGEMENT_ACCOUNT handshakes ever sent, per PMA id (any status). */
export function pmaHandshakesPerPma(emulator: RunningEmulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const hs of emulator.state.handshakes()) {
    if (hs.handshakeType === 'PROGRAM_MANAGEMENT_ACCOUNT') counts.set(hs.associatedResourceId, (counts.get(hs.associatedResourceId) ?? 0) + 1);
  }
  return counts;
}

/** The emulator's calls per operation so far: pass it to `callsSince` later. */
export const callsNow = (emulator: RunningEmulator): Record<string, number> => ({ ...emulator.stats.calls });

/** Calls per operation since `before` (operations not called are absent). */
export function callsSince(emulator: RunningEmulator, before: Record<string, number>): Record<string, number> {
  const diff: Record<string, number> = {};
  for (const [operation, n] of Object.entries(emulator.stats.calls)) {
    const more = n - (before[operation] ?? 0);
    if (more > 0) diff[operation] = more;
  }
  return diff;
}

/** Calls in `calls` that may change something (creates, updates, deletes, tags, handshake answers). */
export function writesIn(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).filter(([op]) => /^(Create|Update|Delete|Tag|Untag|Accept|Reject|Cancel)/.test(op)));
}

export interface KillableRun {
  /** SIGKILLs the run (once; later calls do nothing). */
  kill(): void;
  /** What it printed on stderr, then `[exit CODE|SIGNAL]`. */
  ended: Promise<string>;
}

/**
 * Starts the built CLI with `args` (after fast client rates and `--parallelism 1`, so its requests come one at
 * a time and a kill point is one place in its work). The test kills it, e.g. from the emulator's `onRequest`,
 * which runs after a request was performed and before its answer is written.
 */
export function startKillable(workspace: Workspace, env: Record<string, string>, args: string[]): KillableRun {
  const cacheHome = mkdtempSync(join(tmpdir(), 'pcc-test-cache-'));
  const child = spawn(process.execPath, [CLI_PATH, '--write-rate', '200', '--read-rate', '200', '--parallelism', '1', ...args], {
    cwd: workspace.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      XDG_CACHE_HOME: cacheHome,
      NO_COLOR: '1',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.resume();
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const ended = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      rmSync(cacheHome, { recursive: true, force: true });
      resolve(`${stderr}\n[exit ${code ?? signal}]`);
    });
  });
  return {
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    ended,
  };
}
