/**
 * `pcc apply` of 1,000 creates against the emulator: wall time, calls per operation, throttled calls, and how
 * close the time comes to the bound the write quota sets.
 *
 * Scenario: one BENCH_PMA, empty; the files declare 1,000 relationships (each with a tag and a support plan, so the
 * create carries the full request). `pcc plan --out` first (not timed), then `pcc apply --auto-approve FILE`
 * (timed): 1,000 CreateRelationship calls plus one GetRelationship per create (apply checks that the
 * clientToken's answer names a relationship that exists) and one ListTagsForResource (whose create made it:
 * apply-create.ts withMaker). Reads run at 5 × F per operation, so they stay under the write bound.
 *
 * Quotas on: the emulator enforces the documented quotas times F (default 10, `BENCH_QUOTA_FACTOR`), and the
 * client's --write-rate / --read-rate are 3 × F / 5 × F to match. Bound: 1000 ÷ (3 × F) seconds (writes and
 * reads are limited per operation and overlap, and 1000 Gets at 5 × F take less). F = 1 is the real service
 * (333 s). Target (issue 22): the first apply stays ≤ 1.05× that bound (printed as a ratio line).
 * Quotas off: no server limits, client rates 10,000/s: what the machine and parallelism allow.
 *
 * Run: `npx tsx test/bench/run.ts` (all benches) or `npx tsx test/bench/apply.bench.ts` (this one); it drives
 * the BUILT CLI (`npm run build` first).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator } from '../../src/emulator/index.js';
import { addressOf } from '../../src/model/address.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';
import { BENCH_COUNT, BENCH_PMA, READ_QUOTA, WRITE_QUOTA, formatCallsAndBound, formatRatioToBound, writeRelationshipFiles, type RunFigures } from './bench-kit.js';

const account = (i: number) => String(200000000000 + i);

async function writeFiles(dir: string): Promise<void> {
  await writeRelationshipFiles(dir, (i) => [
    `  - associatedAccountId: "${account(i)}"`,
    '    associationType: END_CUSTOMER',
    `    displayName: Customer ${i}`,
    '    sector: COMMERCIAL',
    '    requestedSupportPlan:',
    '      resoldEnterprise:',
    '        coverage: ENTIRE_ORGANIZATION',
    '        tamLocation: us-east-1',
    '    tags:',
    `      cost-center: "${4000 + (i % 10)}"`,
  ]);
}

interface Figures extends RunFigures {
  duplicates: number;
  created: number;
}

async function measure(label: string, dir: string, quotaFactor: number | undefined, rates: string[]): Promise<Figures> {
  const emulator = await startEmulator({ rateLimits: quotaFactor === undefined ? false : { factor: quotaFactor }, idSeed: 1 });
  try {
    emulator.state.createPma({ id: BENCH_PMA });
    const env = emulatorEnv(emulator.endpoint);
    const planned = await runCli([...rates, 'plan', '--out', 'bench.plan.json'], { cwd: dir, env, timeoutMs: 900_000 });
    if (planned.code !== 0) throw new Error(`${label}: plan exit ${planned.code}: ${planned.stderr}`);
    emulator.resetStats();
    const started = performance.now();
    const result = await runCli([...rates, 'apply', '--auto-approve', 'bench.plan.json'], { cwd: dir, env, timeoutMs: 1_800_000 });
    const seconds = (performance.now() - started) / 1000;
    if (result.code !== 0) process.stderr.write(`${label}: exit ${result.code}: ${result.stderr.slice(-2000)}\n`);
    const addresses = emulator.state.relationships().map((r) => addressOf(r.catalog, r.programManagementAccountId, r.associatedAccountId));
    const boundSeconds = quotaFactor === undefined ? undefined : BENCH_COUNT / (WRITE_QUOTA * quotaFactor);
    return {
      label,
      seconds,
      calls: { ...emulator.stats.calls },
      throttled: emulator.stats.throttled,
      boundSeconds,
      exitCode: result.code,
      created: addresses.length,
      duplicates: addresses.length - new Set(addresses).size,
    };
  } finally {
    await emulator.stop();
  }
}

function print(f: Figures): void {
  process.stdout.write(
    `apply ${BENCH_COUNT} creates, ${f.label}: ${f.seconds.toFixed(1)} s (exit ${f.exitCode}); relationships ${f.created}, duplicates ${f.duplicates}; ` +
      `${formatCallsAndBound(f)}\n`,
  );
}

export async function run(): Promise<void> {
  const factor = Number(process.env.BENCH_QUOTA_FACTOR ?? 10);
  const dir = await mkdtemp(join(tmpdir(), 'pcc-apply-bench-'));
  try {
    await writeFiles(dir);
    const quotaRates = ['--write-rate', String(WRITE_QUOTA * factor), '--read-rate', String(READ_QUOTA * factor)];
    const first = await measure(`quotas on (emulator quotas x${factor}, ${quotaRates.join(' ')})`, dir, factor, quotaRates);
    print(first);
    process.stdout.write(`  ${formatRatioToBound(`first apply (${BENCH_COUNT} creates)`, first, 1.05)}\n`);
    const off = ['--write-rate', '10000', '--read-rate', '10000'];
    print(await measure('quotas off (rates 10000/s, --parallelism 8)', dir, undefined, off));
    print(await measure('quotas off (rates 10000/s, --parallelism 32)', dir, undefined, [...off, '--parallelism', '32']));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
