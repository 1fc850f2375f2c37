import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { OPERATIONS } from '../../src/emulator/operations/index.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

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

/** `LABEL: 0.97× the bound (≤ 1.05×: met)`, from a run with quotas on. */
export function formatRatioToBound(label: string, f: RunFigures, target: number): string {
  if (f.boundSeconds === undefined) return `${label}: no bound (quotas off)`;
  const ratio = f.seconds / f.boundSeconds;
  return `${label}: ${f.seconds.toFixed(1)} s ÷ bound ${f.boundSeconds.toFixed(1)} s = ${ratio.toFixed(2)}× (≤ ${target}×: ${ratio <= target ? 'met' : 'MISSED'})`;
}

/** What a CLI run cost its own process (see usage-preload.cjs). */
export interface ProcessUsage {
  cpuSeconds: number;
  maxRssMiB: number;
  /** Peaks of process.memoryUsage() parts, MiB, sampled every 100 ms (each at its own moment). */
  peakMiB?: { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
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
  const usage = JSON.parse(await readFile(file, 'utf8')) as { userMicros: number; systemMicros: number; maxRssKiB: number; peak?: Record<string, number> };
  const mib = (bytes = 0) => bytes / 1024 / 1024;
  const peak = usage.peak;
  const peakMiB = peak && { heapUsed: mib(peak.heapUsed), heapTotal: mib(peak.heapTotal), external: mib(peak.external), arrayBuffers: mib(peak.arrayBuffers) };
  return { cpuSeconds: (usage.userMicros + usage.systemMicros) / 1e6, maxRssMiB: usage.maxRssKiB / 1024, ...(peakMiB && { peakMiB }) };
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

/** The documented quota of each operation, requests per second (the emulator's own table). */
export function documentedRate(operation: string): number {
  const rate = OPERATIONS[operation]?.ratePerSecond;
  if (rate === undefined) throw new Error(`no documented quota for ${operation}`);
  return rate;
}

/**
 * The least time `calls` take at the documented quotas times `factor`: operations are limited independently
 * (they overlap), so it is the max over operations of calls ÷ (quota × factor). Factor 1 = the real service.
 */
export function quotaBoundSeconds(calls: Readonly<Record<string, number>>, factor = 1, only: (operation: string) => boolean = () => true): number {
  let bound = 0;
  for (const [operation, n] of Object.entries(calls)) if (only(operation)) bound = Math.max(bound, n / (documentedRate(operation) * factor));
  return bound;
}

/** The client rates that match emulator quotas × factor: `--read-rate 5F --write-rate 3F`. */
export const quotaRates = (factor: number): string[] => ['--read-rate', String(READ_QUOTA * factor), '--write-rate', String(WRITE_QUOTA * factor)];

/** `A n, B m` sorted by operation, and the total. */
export function callList(calls: Readonly<Record<string, number>>): string {
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  const list = Object.entries(calls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  return `${total} calls (${list || 'none'})`;
}

/** Whether the built CLI's `pcc <command> --help` lists `flag` (benches written ahead of a flag fall back without it). */
export async function cliHasFlag(command: string, flag: string): Promise<boolean> {
  const help = await runCli([command, '--help']);
  return new RegExp(`(^|\\s)${flag.replace(/[-]/g, '\\-')}(\\s|,|$)`, 'm').test(help.stdout);
}

/** One measured CLI run: wall seconds, the emulator's calls, the CLI's own CPU and peak RSS. */
export interface MeasuredRun extends ProcessUsage {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  calls: Record<string, number>;
  throttled: number;
}

/** Runs `pcc ARGS` in `dir` against `emulator` (its stats reset first), measuring it. */
export async function measureCli(emulator: RunningEmulator, dir: string, args: string[], timeoutMs = 3_600_000): Promise<MeasuredRun> {
  emulator.resetStats();
  const usageFile = join(dir, 'usage.json');
  const started = performance.now();
  const result = await runCli(args, { cwd: dir, env: { ...emulatorEnv(emulator.endpoint), ...usageEnv(usageFile) }, timeoutMs });
  const seconds = (performance.now() - started) / 1000;
  const usage = await readUsage(usageFile);
  return { ...result, seconds, calls: { ...emulator.stats.calls }, throttled: emulator.stats.throttled, ...usage };
}

/** `1.23 s, 45 calls (…), throttled t, CLI cpu c s, peak RSS r MiB`. */
export function formatRun(run: MeasuredRun): string {
  return (
    `${run.seconds.toFixed(2)} s, ${callList(run.calls)}, throttled ${run.throttled}, ` +
    `CLI cpu ${run.cpuSeconds.toFixed(2)} s, peak RSS ${run.maxRssMiB.toFixed(0)} MiB` +
    (run.peakMiB ? ` (peak heap used ${run.peakMiB.heapUsed.toFixed(0)} of ${run.peakMiB.heapTotal.toFixed(0)}, external ${run.peakMiB.external.toFixed(0)} MiB)` : '')
  );
}

/**
 * Stops `open` and starts an emulator with quotas × factor on the same port (the refresh cache is keyed by the
 * endpoint) holding the same state: seed and warm without quotas, measure with them.
 */
export async function withQuotas(open: RunningEmulator, factor: number, idSeed: number): Promise<RunningEmulator> {
  const { port } = open;
  const state = open.state.toJSON();
  await open.stop();
  const limited = await startEmulator({ port, rateLimits: { factor }, idSeed });
  limited.state.load(state);
  return limited;
}

/** `met` / `MISSED`. */
export const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
