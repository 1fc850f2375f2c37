/**
 * The refresh cache (issue 12): `pcc plan` through the BUILT CLI against the emulator.
 *
 * (a) 1,000 unchanged relationships (every entry declares resaleAccountModel, so a full refresh reads 1,000 tags
 *     and 1,000 details), emulator quotas ×F (default 20, `BENCH_CACHE_FACTOR`) and --read-rate 5×F. The
 *     full-refresh bound is max over operations of calls ÷ rate = 1000 ÷ (5×F). Printed: the full refresh, the
 *     cold plan (empty cache) and the warm plan, each with calls, seconds and seconds ÷ bound.
 *     Targets: cold ≤ 1.05× bound; warm ≤ ⌈N/100⌉+5 calls and ≤ 0.05× bound.
 * (b) Then 10 relationships renamed out-of-band: the warm plan must read only those 10 and show exactly 10 updates.
 * (c) 50 PMAs × 1,000 relationships: cold plan without quotas (to fill the cache), then the warm plan at quotas
 *     ×50 (`BENCH_LARGE_FACTOR`): wall time, calls and the CLI's peak RSS, projected to the real quotas (the
 *     500 list pages at 5 per second). Skip with BENCH_LARGE=0 ((a) and (b) with BENCH_SMALL=0).
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { generateId, createPrng } from '../../src/emulator/random.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';
import { BENCH_COUNT, BENCH_PMA, READ_QUOTA, benchAccount, managedBenchEntry, managedBenchSeed, readUsage, usageEnv, writeRelationshipFiles } from './bench-kit.js';

const account = (i: number) => benchAccount(4, i);
const entryLines = (i: number) => managedBenchEntry(account(i), i);
const seedOf = (pmaId: string, i: number) => managedBenchSeed(pmaId, account(i), i);

interface PlanRun {
  seconds: number;
  calls: Record<string, number>;
  totalCalls: number;
  summary: Record<string, number>;
  updates: string[];
  cpuSeconds: number;
  maxRssMiB: number;
  /** CPU the bench process spent meanwhile: the in-process emulator serving the calls, mostly. */
  emulatorCpuSeconds: number;
}

async function plan(emulator: RunningEmulator, dir: string, args: string[], format = 'json'): Promise<PlanRun> {
  emulator.resetStats();
  const usageFile = join(dir, 'usage.json');
  const started = performance.now();
  const harness = process.cpuUsage();
  const result = await runCli(['plan', '--format', format, ...args], {
    cwd: dir,
    env: { ...emulatorEnv(emulator.endpoint), ...usageEnv(usageFile) },
    timeoutMs: 3_600_000,
  });
  const seconds = (performance.now() - started) / 1000;
  const harnessUsed = process.cpuUsage(harness);
  const emulatorCpuSeconds = (harnessUsed.user + harnessUsed.system) / 1e6;
  if (result.code !== 0) throw new Error(`plan exit ${result.code}: ${result.stderr.slice(-2000)}`);
  const calls = { ...emulator.stats.calls };
  const totalCalls = Object.values(calls).reduce((a, b) => a + b, 0);
  const usage = { ...(await readUsage(usageFile)), emulatorCpuSeconds };
  if (format !== 'json') return { seconds, calls, totalCalls, summary: {}, updates: [], ...usage };
  const parsed = JSON.parse(result.stdout) as { summary: Record<string, number>; changes: { action: string; address: string }[] };
  const updates = parsed.changes.filter((c) => c.action === 'update').map((c) => c.address);
  return { seconds, calls, totalCalls, summary: parsed.summary, updates, ...usage };
}

const callList = (calls: Record<string, number>) =>
  Object.entries(calls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');

function print(label: string, run: PlanRun, bound?: number): void {
  const ratio = bound === undefined ? '' : `; ${(run.seconds / bound).toFixed(3)}× bound`;
  const s = run.summary;
  const reads = s.reads === undefined ? '' : `; reads ${s.reads}, saved ${s.readsSaved}`;
  process.stdout.write(
    `${label}: ${run.seconds.toFixed(2)} s${ratio}; ${run.totalCalls} calls (${callList(run.calls)})${reads}; ` +
      `CLI cpu ${run.cpuSeconds.toFixed(2)} s, peak RSS ${run.maxRssMiB.toFixed(0)} MiB; emulator cpu ${run.emulatorCpuSeconds.toFixed(2)} s\n`,
  );
}

async function benchThousand(): Promise<void> {
  const factor = Number(process.env.BENCH_CACHE_FACTOR ?? 20);
  const rate = READ_QUOTA * factor;
  const dir = await mkdtemp(join(tmpdir(), 'pcc-cache-bench-'));
  const emulator = await startEmulator({ rateLimits: { factor }, idSeed: 1 });
  try {
    for (let i = 0; i < BENCH_COUNT; i++) emulator.state.seedRelationship(seedOf(BENCH_PMA, i));
    await writeRelationshipFiles(dir, entryLines);
    const args = ['--read-rate', String(rate)];
    process.stdout.write(`(a) ${BENCH_COUNT} unchanged relationships, emulator quotas x${factor}, --read-rate ${rate}\n`);
    const full = await plan(emulator, dir, [...args, '--refresh', 'full', '--cache', join(dir, 'cache-full')]);
    const bound = Math.max(...Object.values(full.calls)) / rate;
    process.stdout.write(`  full-refresh bound: ${bound.toFixed(2)} s (max calls of one operation ÷ ${rate}/s)\n`);
    print('  plan --refresh full', full, bound);
    const cache = ['--cache', join(dir, 'cache')];
    const cold = await plan(emulator, dir, [...args, ...cache]);
    print('  cold plan (empty cache)', cold, bound);
    const warm = await plan(emulator, dir, [...args, ...cache]);
    print('  warm plan', warm, bound);
    const allowed = Math.ceil(BENCH_COUNT / 100) + 5;
    process.stdout.write(
      `  targets: cold ${(cold.seconds / bound).toFixed(3)}× ≤ 1.05× ${cold.seconds / bound <= 1.05 ? 'met' : 'MISSED'}; ` +
        `warm calls ${warm.totalCalls} ≤ ${allowed} ${warm.totalCalls <= allowed ? 'met' : 'MISSED'}; ` +
        `warm ${(warm.seconds / bound).toFixed(3)}× ≤ 0.05× ${warm.seconds / bound <= 0.05 ? 'met' : 'MISSED'}\n`,
    );

    const renamed = Array.from({ length: 10 }, (_, k) => k * 97 + 5);
    for (const i of renamed) {
      const id = emulator.state.relationships().find((r) => r.associatedAccountId === account(i))?.id as string;
      emulator.state.mutateRelationship(id, { displayName: `Renamed ${i}` });
    }
    process.stdout.write('(b) the same, 10 renamed out-of-band\n');
    const after = await plan(emulator, dir, [...args, ...cache]);
    print('  warm plan', after, bound);
    const expected = renamed.map((i) => `AWS/${BENCH_PMA}/${account(i)}`).sort();
    const exact = JSON.stringify([...after.updates].sort()) === JSON.stringify(expected);
    const tagReads = after.calls.ListTagsForResource ?? 0;
    process.stdout.write(
      `  tag reads ${tagReads}, detail reads ${after.calls.GetRelationship ?? 0}, updates ${after.updates.length}: ` +
        `${tagReads === 10 && exact ? 'exactly the 10 renamed (met)' : 'NOT exactly the 10 renamed (MISSED)'}\n`,
    );
  } finally {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const PMAS = 50;

/** 50 PMAs × 1,000 relationships in the emulator, one file of 1,000 entries per PMA. */
async function seedLarge(emulator: RunningEmulator, dir: string): Promise<void> {
  const prng = createPrng(50);
  await mkdir(join(dir, 'relationships'), { recursive: true });
  for (let p = 0; p < PMAS; p++) {
    const pmaId = generateId('pma', prng);
    emulator.state.createPma({ id: pmaId });
    const lines = ['catalog: AWS', `programManagementAccountIdentifier: ${pmaId}`, 'relationships:'];
    for (let i = 0; i < BENCH_COUNT; i++) {
      emulator.state.seedRelationship(seedOf(pmaId, i));
      lines.push(...entryLines(i));
    }
    await writeFile(join(dir, 'relationships', `pma-${String(p).padStart(2, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
}

async function benchLarge(): Promise<void> {
  const factor = Number(process.env.BENCH_LARGE_FACTOR ?? 50);
  const dir = await mkdtemp(join(tmpdir(), 'pcc-cache-large-'));
  // The cache is keyed by endpoint: the second emulator (with quotas) takes over the first one's port and state.
  const open = await startEmulator({ rateLimits: false, idSeed: 2 });
  let limited: RunningEmulator | undefined;
  try {
    const seeding = performance.now();
    await seedLarge(open, dir);
    process.stdout.write(`(c) ${PMAS} PMAs × ${BENCH_COUNT} = ${PMAS * BENCH_COUNT} relationships (seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s)\n`);
    const cache = ['--cache', join(dir, 'cache')];
    const cold = await plan(open, dir, ['--read-rate', '10000', '--parallelism', '32', ...cache], 'text');
    print('  cold plan, no quotas (fills the cache)', cold);
    const { port } = open;
    const state = open.state.toJSON();
    await open.stop();
    limited = await startEmulator({ port, rateLimits: { factor }, idSeed: 2 });
    limited.state.load(state);
    const warm = await plan(limited, dir, ['--read-rate', String(READ_QUOTA * factor), ...cache], 'text');
    print(`  warm plan, emulator quotas x${factor}, --read-rate ${READ_QUOTA * factor}`, warm);
    const pages = warm.calls.ListRelationships ?? 0;
    const listFloor = pages / READ_QUOTA;
    process.stdout.write(
      `  peak RSS ${warm.maxRssMiB.toFixed(0)} MiB (target < 250 MB: ${warm.maxRssMiB * 1.048576 < 250 ? 'met' : 'MISSED'}); ` +
        `projected at the real quotas: ${pages} list pages ÷ ${READ_QUOTA}/s = ${listFloor.toFixed(0)} s + ~${warm.cpuSeconds.toFixed(0)} s CPU ` +
        `≈ ${(listFloor + warm.cpuSeconds).toFixed(0)} s (a full refresh: ${((PMAS * BENCH_COUNT) / READ_QUOTA / 3600).toFixed(1)} h)\n`,
    );
  } finally {
    await limited?.stop();
    await open.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  if (process.env.BENCH_SMALL !== '0') await benchThousand();
  if (process.env.BENCH_LARGE !== '0') await benchLarge();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
