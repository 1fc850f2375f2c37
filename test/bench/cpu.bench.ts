/**
 * CPU cost of the BUILT CLI, measured in the CLI process itself (usage-preload.cjs), with the functions that
 * take the most self time in a V8 CPU profile of the same run (node --cpu-prof):
 * - `pcc validate` of 10,000 relationships (20 files × 500): CPU per relationship.
 * - `pcc plan` of 1,000 relationships against the emulator without quotas: a full refresh (2,010 API calls:
 *   CPU per API call and per relationship) and a warm plan from the refresh cache (CPU per relationship).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';
import { BENCH_COUNT, BENCH_PMA, benchAccount, managedBenchEntry, managedBenchSeed, profileArgs, readUsage, usageEnv, writeRelationshipFiles } from './bench-kit.js';
import { formatSelfTime, topSelfTime } from './cpu-profile.js';
import { generateFile } from './validate.bench.js';

const account = (i: number) => benchAccount(5, i);

interface Measured {
  cpuSeconds: number;
  calls: number;
  profile: string;
}

async function measure(dir: string, name: string, args: string[], emulator?: RunningEmulator): Promise<Measured> {
  const usageFile = join(dir, `${name}.usage.json`);
  const profileDir = join(dir, `${name}.profile`);
  emulator?.resetStats();
  const env = { ...(emulator ? emulatorEnv(emulator.endpoint) : {}), ...usageEnv(usageFile) };
  const result = await runCli(args, { cwd: dir, env, nodeArgs: profileArgs(profileDir), timeoutMs: 900_000 });
  if (result.code !== 0) throw new Error(`${name}: exit ${result.code}: ${result.stderr.slice(-2000)}`);
  const calls = emulator ? Object.values(emulator.stats.calls).reduce((a, b) => a + b, 0) : 0;
  return { cpuSeconds: (await readUsage(usageFile)).cpuSeconds, calls, profile: formatSelfTime(await topSelfTime(profileDir, 10)) };
}

const us = (seconds: number, per: number) => `${((seconds / per) * 1e6).toFixed(0)} µs`;

async function benchValidate(root: string): Promise<void> {
  const files = 20;
  const perFile = 500;
  await mkdir(join(root, 'relationships'), { recursive: true });
  for (let f = 0; f < files; f++) await writeFile(join(root, 'relationships', `customers-${f}.yaml`), generateFile(f, perFile));
  const run = await measure(root, 'validate', ['validate']);
  const n = files * perFile;
  process.stdout.write(`validate ${n} relationships: CLI cpu ${run.cpuSeconds.toFixed(2)} s = ${us(run.cpuSeconds, n)} per relationship\n`);
  process.stdout.write(`  top self time:\n${run.profile}\n`);
}

async function benchPlan(root: string): Promise<void> {
  const emulator = await startEmulator({ rateLimits: false, idSeed: 3 });
  try {
    for (let i = 0; i < BENCH_COUNT; i++) {
      emulator.state.seedRelationship(managedBenchSeed(BENCH_PMA, account(i), i));
    }
    await writeRelationshipFiles(root, (i) => managedBenchEntry(account(i), i));
    const args = ['plan', '--read-rate', '10000', '--cache', join(root, 'cache')];
    const full = await measure(root, 'plan-full', [...args, '--refresh', 'full'], emulator);
    process.stdout.write(
      `plan ${BENCH_COUNT} relationships, full refresh (${full.calls} API calls): CLI cpu ${full.cpuSeconds.toFixed(2)} s = ` +
        `${us(full.cpuSeconds, full.calls)} per API call, ${us(full.cpuSeconds, BENCH_COUNT)} per relationship\n`,
    );
    process.stdout.write(`  top self time:\n${full.profile}\n`);
    const warm = await measure(root, 'plan-warm', args, emulator);
    process.stdout.write(
      `plan ${BENCH_COUNT} relationships, warm cache (${warm.calls} API calls): CLI cpu ${warm.cpuSeconds.toFixed(2)} s = ` +
        `${us(warm.cpuSeconds, BENCH_COUNT)} per relationship\n`,
    );
    process.stdout.write(`  top self time:\n${warm.profile}\n`);
  } finally {
    await emulator.stop();
  }
}

export async function run(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'pcc-cpu-bench-'));
  try {
    await benchValidate(join(root, 'validate'));
    await benchPlan(join(root, 'plan'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
