import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_PMA = 'pma-u8ic702rtzng8';
/** Relationships per benchmark run, and per generated file. */
export const BENCH_COUNT = 1000;
export const BENCH_PER_FILE = 100;
/** The documented per-operation quotas, requests per second. */
export const WRITE_QUOTA = 3;
export const READ_QUOTA = 5;

/**
 * Writes `count` relationships (default BENCH_COUNT) for one PMA into `dir/relationships/part-NN.yaml`, `perFile` to a file.
 * `entry(i)` gives the YAML lines of relationship i (its first line starts with `  - `).
 */
export async function writeRelationshipFiles(dir: string, entry: (i: number) => string[], count = BENCH_COUNT, perFile = BENCH_PER_FILE): Promise<void> {
  await mkdir(join(dir, 'relationships'), { recursive: true });
  for (let file = 0; file * perFile < count; file++) {
    const lines = ['catalog: AWS', `programManagementAccountIdentifier: ${BENCH_PMA}`, 'relationships:'];
    for (let i = file * perFile; i < Math.min(count, (file + 1) * perFile); i++) lines.push(...entry(i));
    await writeFile(join(dir, 'relationships', `part-${String(file).padStart(2, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
}

/** What one measured run of a bench reports. */
export interface RunFigures {
  label: string;
  seconds: number;
  /** API calls the emulator served, per operation. */
  calls: Record<string, number>;
  /** Calls the emulator answered 429. */
  throttled: number;
  /** The least time the rate quotas allow for these calls, when quotas were on. */
  boundSeconds?: number;
  exitCode: number | null;
}

/** `calls: A n, B m; throttled (429): t` and, with quotas on, the bound and measured/bound. */
export function formatCallsAndBound(f: RunFigures): string {
  const calls = Object.entries(f.calls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  const ratio = f.boundSeconds === undefined ? '' : `; bound ${f.boundSeconds.toFixed(1)} s; measured/bound ${(f.seconds / f.boundSeconds).toFixed(2)}`;
  return `calls: ${calls}; throttled (429): ${f.throttled}${ratio}`;
}

/** What a CLI run cost its own process (see usage-preload.cjs). */
export interface ProcessUsage {
  cpuSeconds: number;
  maxRssMiB: number;
}

const PRELOAD = fileURLToPath(new URL('./usage-preload.cjs', import.meta.url));

/**
 * Environment that makes a `runCli` child record its CPU time and peak RSS into `file` on exit; read it back
 * with readUsage(file). (A CPU profile needs `nodeArgs: profileArgs(dir)`: NODE_OPTIONS may not carry --cpu-prof.)
 */
export function usageEnv(file: string): Record<string, string> {
  return { NODE_OPTIONS: `--require ${PRELOAD}`, BENCH_USAGE_FILE: file };
}

/** Node options that write a V8 CPU profile (`*.cpuprofile`, 100 µs sampling) into `dir` on exit. */
export function profileArgs(dir: string): string[] {
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100'];
}

export async function readUsage(file: string): Promise<ProcessUsage> {
  const usage = JSON.parse(await readFile(file, 'utf8')) as { userMicros: number; systemMicros: number; maxRssKiB: number };
  return { cpuSeconds: (usage.userMicros + usage.systemMicros) / 1e6, maxRssMiB: usage.maxRssKiB / 1024 };
}

/** Account ids `prefix` + i, 12 digits: each bench uses its own prefix. */
export const benchAccount = (prefix: number, i: number) => String(prefix * 100_000_000_000 + i);

/**
 * Relationship i as the read benches seed it: END_CUSTOMER, resaleAccountModel END_CUSTOMER (so a full refresh
 * reads its details as well as its tags), managed by pcc, named `Customer i`.
 */
export function managedBenchSeed(pmaId: string, associatedAccountId: string, i: number) {
  return {
    pmaId,
    associatedAccountId,
    associationType: 'END_CUSTOMER',
    displayName: `Customer ${i}`,
    sector: 'COMMERCIAL',
    resaleAccountModel: 'END_CUSTOMER',
    tags: { 'pcc:managed': 'true' },
  };
}

/** The YAML lines of an entry declaring what managedBenchSeed seeds (with `displayName`, if given, instead). */
export function managedBenchEntry(associatedAccountId: string, i: number, displayName = `Customer ${i}`): string[] {
  return [
    `  - associatedAccountId: "${associatedAccountId}"`,
    '    associationType: END_CUSTOMER',
    `    displayName: ${displayName}`,
    '    resaleAccountModel: END_CUSTOMER',
    '    sector: COMMERCIAL',
  ];
}
