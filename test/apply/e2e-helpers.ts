import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { addressOf } from '../../src/model/address.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';

export const PMA = 'pma-u8ic702rtzng8';

/** One entry as written in a file (defaults catalog AWS and the PMA come from the document). */
export interface Entry {
  associatedAccountId: string;
  associationType?: string;
  displayName?: string;
  sector?: string;
  resaleAccountModel?: string;
  requestedSupportPlan?: Record<string, unknown>;
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
