/**
 * `pcc plan` for 1,000 relationships against the emulator: wall time, API calls per operation, and how close
 * the time comes to the bound the rate limits set.
 *
 * Scenario (the worst case for reads): one BENCH_PMA holding 1,000 managed relationships, all declared in the files,
 * every entry declaring resaleAccountModel (so every one needs a GetRelationship as well as its tags), 3 with
 * a changed displayName. Calls needed: ceil(1000/100) = 10 ListRelationships pages, 1,000 ListTagsForResource,
 * 1,000 GetRelationship.
 *
 * Quotas on: the emulator enforces the documented quotas times F (default 10, `BENCH_QUOTA_FACTOR`), and the
 * client's --read-rate is 5 × F to match. The bound is max over operations of calls ÷ rate (operations are
 * limited independently, so they overlap): 1000 ÷ (5 × F) seconds. F = 1 is the real service (bound 200 s).
 * Target (issue 22): the cold plan at quotas stays ≤ 1.05× its bound (printed as a ratio line).
 * Quotas off: no server limits, client rate 10,000/s; only parallelism and the machine limit the time.
 *
 * Run: `npx tsx test/bench/run.ts` (all benches) or `npx tsx test/bench/plan.bench.ts` (this one); it drives
 * the BUILT CLI (`npm run build` first).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';
import {
  BENCH_COUNT,
  BENCH_PMA,
  READ_QUOTA,
  formatCallsAndBound,
  formatRatioToBound,
  managedBenchEntry,
  managedBenchSeed,
  writeRelationshipFiles,
  type RunFigures,
} from './bench-kit.js';

const account = (i: number) => String(100000000000 + i);

async function writeFiles(dir: string): Promise<void> {
  await writeRelationshipFiles(dir, (i) => managedBenchEntry(account(i), i, i < 3 ? `Renamed ${i}` : `Customer ${i}`));
}

async function measure(label: string, dir: string, quotaFactor: number | undefined, args: string[]): Promise<RunFigures> {
  const emulator = await startEmulator({ rateLimits: quotaFactor === undefined ? false : { factor: quotaFactor }, idSeed: 1 });
  try {
    for (let i = 0; i < BENCH_COUNT; i++) {
      emulator.state.seedRelationship(managedBenchSeed(BENCH_PMA, account(i), i));
    }
    const started = performance.now();
    const result = await runCli(['plan', '--format', 'json', ...args], { cwd: dir, env: emulatorEnv(emulator.endpoint), timeoutMs: 900_000 });
    const seconds = (performance.now() - started) / 1000;
    if (result.code !== 0) process.stderr.write(`${label}: exit ${result.code}: ${result.stderr}\n`);
    const plan = JSON.parse(result.stdout || '{"summary":{}}') as { summary: { update?: number; noOp?: number } };
    if (plan.summary.update !== 3 || plan.summary.noOp !== BENCH_COUNT - 3) process.stderr.write(`${label}: unexpected plan summary\n`);
    const perOperation = Object.values(emulator.stats.calls);
    const boundSeconds = quotaFactor === undefined ? undefined : Math.max(...perOperation) / (READ_QUOTA * quotaFactor);
    return { label, seconds, calls: { ...emulator.stats.calls }, throttled: emulator.stats.throttled, boundSeconds, exitCode: result.code };
  } finally {
    await emulator.stop();
  }
}

function print(f: RunFigures): void {
  process.stdout.write(`plan ${BENCH_COUNT} relationships, ${f.label}: ${f.seconds.toFixed(1)} s; ${formatCallsAndBound(f)}\n`);
}

function printRatio(label: string, f: RunFigures): void {
  process.stdout.write(`  ${formatRatioToBound(label, f, 1.05)}\n`);
}

export async function run(): Promise<void> {
  const factor = Number(process.env.BENCH_QUOTA_FACTOR ?? 10);
  const dir = await mkdtemp(join(tmpdir(), 'pcc-plan-bench-'));
  try {
    await writeFiles(dir);
    const cold = await measure(`quotas on (emulator quotas x${factor}, --read-rate ${READ_QUOTA * factor})`, dir, factor, ['--read-rate', String(READ_QUOTA * factor)]);
    print(cold);
    printRatio('cold plan (every run here is cold: a fresh cache)', cold);
    print(await measure('quotas off (--read-rate 10000, --parallelism 8)', dir, undefined, ['--read-rate', '10000']));
    print(await measure('quotas off (--read-rate 10000, --parallelism 32)', dir, undefined, ['--read-rate', '10000', '--parallelism', '32']));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
