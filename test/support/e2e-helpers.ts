import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { stringify } from 'yaml';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { SET_MARKER } from '../../src/desired/set-root.js';
import { addressOf } from '../../src/model/address.js';
import { CLI_PATH, runCli, type CliResult } from './run-cli.js';

export const PMA = 'pma-u8ic702rtzng8';

/** One entry as written in a file (defaults catalog AWS and the PMA come from the document). */
export interface Entry {
  associatedAccountId: string;
  associationType?: string;
  displayName?: string;
  sector?: string;
  resaleAccountModel?: string;
  requestedSupportPlan?: Record<string, unknown>;
  servicePeriod?: Record<string, unknown>;
  tags?: Record<string, string>;
}

export const accountId = (i: number) => String(100000000000 + i);

export function entry(i: number, overrides: Partial<Entry> = {}): Entry {
  return {
    associatedAccountId: accountId(i),
    associationType: 'END_CUSTOMER',
    displayName: `Customer ${i}`,
    sector: 'COMMERCIAL',
    ...overrides,
  };
}

/** Relationship i as `entry(i, { resaleAccountModel: 'END_CUSTOMER', tags: { team: 'a' } })` declares it, managed by pcc. */
export const managedSeed = (i: number) => ({
  pmaId: PMA,
  associatedAccountId: accountId(i),
  associationType: 'END_CUSTOMER',
  displayName: `Customer ${i}`,
  sector: 'COMMERCIAL',
  resaleAccountModel: 'END_CUSTOMER',
  tags: { 'pcc:managed': 'true', team: 'a' },
});

/** A temporary working directory with `relationships/main.yaml`. */
export interface Workspace {
  cwd: string;
  write(entries: Entry[]): Promise<void>;
  remove(): Promise<void>;
}

export async function createWorkspace(entries: Entry[] = []): Promise<Workspace> {
  const cwd = await mkdtemp(join(tmpdir(), 'pcc-apply-'));
  await mkdir(join(cwd, 'relationships'));
  // The folder is the set root, so --prune may run from it (src/desired/set-root.ts).
  await writeFile(join(cwd, 'relationships', SET_MARKER), '', 'utf8');
  const workspace: Workspace = {
    cwd,
    async write(list) {
      const doc = { catalog: 'AWS', programManagementAccountIdentifier: PMA, relationships: list };
      await writeFile(join(cwd, 'relationships', 'main.yaml'), stringify(doc), 'utf8');
    },
    remove: () => rm(cwd, { recursive: true, force: true }),
  };
  await workspace.write(entries);
  return workspace;
}

/** `createWorkspace` for the running test: removed when the test ends, passed or failed. Call it inside a test. */
export async function workspaceForTest(entries: Entry[] = []): Promise<Workspace> {
  const workspace = await createWorkspace(entries);
  onTestFinished(() => workspace.remove());
  return workspace;
}

/** Fast client rates for tests that are not about rate limits. */
export const FAST = ['--write-rate', '200', '--read-rate', '200', '--parallelism', '16'];

export function pcc(workspace: Workspace, env: Record<string, string>, args: string[], input?: string): Promise<CliResult> {
  return runCli([...FAST, ...args], { cwd: workspace.cwd, env, ...(input === undefined ? {} : { input }), timeoutMs: 120_000 });
}

/** Relationships per address in the emulator: every count must be 1. */
export function countByAddress(emulator: RunningEmulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of emulator.state.relationships()) {
    const address = addressOf(r.catalog, r.programManagementAccountId, r.associatedAccountId);
    counts.set(address, (counts.get(address) ?? 0) + 1);
  }
  return counts;
}

export function relationshipAt(emulator: RunningEmulator, i: number) {
  return emulator.state.relationships().find((r) => r.associatedAccountId === accountId(i));
}

/** Mutating calls the emulator answered (any outcome). */
export function mutatingCalls(emulator: RunningEmulator): number {
  return Object.entries(emulator.stats.calls)
    .filter(([op]) => /^(Create|Update|Delete|Tag|Untag)/.test(op))
    .reduce((n, [, count]) => n + count, 0);
}

export interface SeedOverrides {
  displayName?: string;
  associationType?: string;
  tags?: Record<string, string>;
  pmaId?: string;
}

/** A live relationship for entry `i` (as `entry(i)` declares it, unless overridden), seeded into the emulator. */
export function seedEntry(emulator: RunningEmulator, i: number, overrides: SeedOverrides = {}) {
  return emulator.state.seedRelationship({
    pmaId: overrides.pmaId ?? PMA,
    associatedAccountId: accountId(i),
    associationType: overrides.associationType ?? 'END_CUSTOMER',
    displayName: overrides.displayName ?? `Customer ${i}`,
    sector: 'COMMERCIAL',
    tags: overrides.tags ?? {},
  });
}

/** `pcc:managed=true`: the tags of a relationship pcc owns. */
export const MANAGED = { 'pcc:managed': 'true' } as const;

/** Starts the CLI with `args`, and SIGKILLs it once `after` lines matching `done` (creates) were reported. Resolves with what it printed. */
export function applyAndKill(workspace: Workspace, env: Record<string, string>, args: string[], after: number, done = /\+ created/g): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: workspace.cwd,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if ((stderr.match(done) ?? []).length >= after) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(`${stderr}\n[exit ${code ?? signal}]`));
  });
}
