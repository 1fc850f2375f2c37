/**
 * A full account: 50 PMAs × 1,000 managed relationships (50,000), the BUILT CLI against the emulator at quotas
 * ×50 (`BENCH_SCALE_FACTOR`; client --read-rate 250 --write-rate 150 to match).
 *
 * Setup (not timed as a target, printed): seed without quotas; a cold `pcc plan` without quotas fills the
 * refresh cache (a full refresh of 50,000: the memory of a plan that reads everything); then the same state
 * behind quotas ×F on the same port (the cache is keyed by the endpoint).
 *
 * apply: the files rename 10 relationships (`BENCH_SCALE_CHANGES`, spread over the PMAs). `pcc plan --out` on the
 *   warm cache (printed), then `pcc apply FILE` (timed; `--refresh cached` once apply has it). Bound on calls:
 *   ⌈N/100⌉ list pages + 3 per change (GetRelationship, ListTagsForResource, UpdateRelationship) + 5 (PMA list,
 *   a few retries); the apply job times out after 60 minutes.
 * drift: 10 relationships renamed out-of-band (their revisions move), then `pcc plan --refresh rolling
 *   --verify-every 10 --detailed-exitcode` on the warm cache (timed): it lists everything, reads what moved and
 *   re-verifies the tags of ⌈C/10⌉ of the C unchanged ones. Expected exit 2 (the 10 renames). The drift job times
 *   out after 20 minutes.
 *
 * Each prints wall time, calls per operation, the CLI's CPU and peak RSS (target < 250 MB), and the projection to
 * the real quotas: max over operations of calls ÷ the documented quota (emulator/operations/index.ts: reads 5/s,
 * writes 3/s per operation; operations overlap), plus the CPU measured here (an upper bound: CPU overlaps the
 * waiting, the machine is shared).
 *
 * Parameters (env): BENCH_SCALE_PMAS (50), BENCH_SCALE_PER_PMA (1000, at most 1000, the service quota),
 * BENCH_SCALE_FACTOR (50), BENCH_SCALE_CHANGES (10), BENCH_SCALE_VERIFY_EVERY (10), BENCH_SCALE_PARTS
 * (`apply,drift`; add `full-apply` for a `--refresh full` apply, which reads all 50,000: ~200 s at ×50).
 * A quick run: `BENCH_SCALE_PMAS=2 BENCH_SCALE_FACTOR=1000 npx tsx test/bench/run.ts scale`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createPrng, generateId } from '../../src/emulator/random.js';
import {
  benchAccount,
  cliHasFlag,
  formatRun,
  managedBenchEntry,
  managedBenchSeed,
  measureCli,
  quotaBoundSeconds,
  quotaRates,
  verdict,
  withQuotas,
  type MeasuredRun,
} from './bench-kit.js';

const account = (i: number) => benchAccount(5, i);
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const APPLY_TIMEOUT_S = 60 * 60;
const DRIFT_TIMEOUT_S = 20 * 60;

interface Scale {
  pmas: number;
  perPma: number;
  factor: number;
  changes: number;
  verifyEvery: number;
  parts: Set<string>;
}

/** The k-th of `count` changes: spread over the PMAs and over the accounts. */
const changed = (scale: Scale, count: number, salt: number) =>
  Array.from({ length: count }, (_, k) => ({ pma: (k * 7 + salt) % scale.pmas, i: (k * 97 + salt * 13 + 5) % scale.perPma }));

async function seed(emulator: RunningEmulator, dir: string, scale: Scale): Promise<string[]> {
  const prng = createPrng(50);
  const renamed = new Set(changed(scale, scale.changes, 0).map(({ pma, i }) => `${pma}/${i}`));
  const pmaIds: string[] = [];
  await mkdir(join(dir, 'relationships'), { recursive: true });
  for (let p = 0; p < scale.pmas; p++) {
    const pmaId = generateId('pma', prng);
    pmaIds.push(pmaId);
    emulator.state.createPma({ id: pmaId });
    const lines = ['catalog: AWS', `programManagementAccountIdentifier: ${pmaId}`, 'relationships:'];
    for (let i = 0; i < scale.perPma; i++) {
      emulator.state.seedRelationship(managedBenchSeed(pmaId, account(i), i));
      lines.push(...managedBenchEntry(account(i), i, renamed.has(`${p}/${i}`) ? `Renamed ${i}` : `Customer ${i}`));
    }
    await writeFile(join(dir, 'relationships', `pma-${String(p).padStart(2, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
  return pmaIds;
}

function report(label: string, run: MeasuredRun, timeoutSeconds?: number): void {
  const projected = quotaBoundSeconds(run.calls);
  const total = projected + run.cpuSeconds;
  const job = timeoutSeconds === undefined ? '' : `; the job's ${timeoutSeconds / 60} min: ${verdict(total < timeoutSeconds)}`;
  process.stdout.write(
    `  ${label}: ${formatRun(run)} (exit ${run.code})\n` +
      `    peak RSS < 250 MB: ${verdict(run.maxRssMiB * 1.048576 < 250)}; projected to the real quotas: ` +
      `${projected.toFixed(0)} s of quota + ${run.cpuSeconds.toFixed(0)} s CPU ≈ ${(total / 60).toFixed(1)} min${job}\n`,
  );
}

function check(label: string, run: MeasuredRun, expected: number[]): void {
  if (!expected.includes(run.code ?? -1)) throw new Error(`${label}: exit ${run.code}: ${run.stderr.slice(-2000)}`);
}

async function benchApply(emulator: RunningEmulator, dir: string, scale: Scale, pmaIds: string[], cache: string[], rates: string[]): Promise<void> {
  const n = scale.pmas * scale.perPma;
  const hasRefresh = await cliHasFlag('apply', '--refresh');
  const planned = await measureCli(emulator, dir, [...rates, 'plan', '--out', 'scale.plan.json', ...cache]);
  check('plan --out', planned, [0]);
  report('plan --out on the warm cache (the plan the apply applies)', planned);
  if (scale.parts.has('apply')) {
    const refresh = hasRefresh ? ['--refresh', 'cached'] : [];
    const applied = await measureCli(emulator, dir, [...rates, 'apply', ...refresh, ...cache, 'scale.plan.json']);
    check('apply', applied, [0]);
    const writes = changed(scale, scale.changes, 0).filter(({ pma, i }) => {
      const live = emulator.state.relationships().find((r) => r.programManagementAccountId === pmaIds[pma] && r.associatedAccountId === account(i));
      return live?.displayName === `Renamed ${i}`;
    }).length;
    const total = Object.values(applied.calls).reduce((a, b) => a + b, 0);
    const allowed = Math.ceil(n / 100) + 3 * scale.changes + 5;
    report(`apply ${scale.changes} changes among ${n}${hasRefresh ? ' --refresh cached' : " (today's apply: no --refresh, reads everything)"}`, applied, APPLY_TIMEOUT_S);
    process.stdout.write(`    renamed live: ${writes}/${scale.changes}; calls ${total} ≤ ⌈N/100⌉ + 3·k + 5 = ${allowed}: ${verdict(total <= allowed)}\n`);
  }
  if (scale.parts.has('full-apply')) {
    // The same renames again from the files' point of view: revert them live first so there is something to write.
    for (const { pma, i } of changed(scale, scale.changes, 0)) rename(emulator, pmaIds[pma] as string, i, `Customer ${i}`);
    const full = await measureCli(emulator, dir, [...rates, 'apply', '--auto-approve', ...(hasRefresh ? ['--refresh', 'full'] : []), ...cache]);
    check('apply --refresh full', full, [0]);
    report(`apply ${hasRefresh ? '--refresh full' : "(today's: reads everything)"} of ${scale.changes} changes among ${n} (for comparison)`, full, APPLY_TIMEOUT_S);
  }
}

function rename(emulator: RunningEmulator, pmaId: string, i: number, displayName: string): void {
  const live = emulator.state.relationships().find((r) => r.programManagementAccountId === pmaId && r.associatedAccountId === account(i));
  if (!live) throw new Error(`no relationship ${pmaId}/${account(i)}`);
  emulator.state.mutateRelationship(live.id, { displayName });
}

async function benchDrift(emulator: RunningEmulator, dir: string, scale: Scale, pmaIds: string[], cache: string[], rates: string[]): Promise<void> {
  const n = scale.pmas * scale.perPma;
  const outOfBand = changed(scale, scale.changes, 3);
  for (const { pma, i } of outOfBand) rename(emulator, pmaIds[pma] as string, i, `Drifted ${i}`);
  const rolling = await cliHasFlag('plan', '--verify-every');
  const refresh = rolling ? ['--refresh', 'rolling', '--verify-every', String(scale.verifyEvery)] : ['--refresh', 'cached'];
  const drift = await measureCli(emulator, dir, [...rates, 'plan', ...refresh, '--detailed-exitcode', '--format', 'json', ...cache]);
  check('drift', drift, [0, 2]);
  const plan = JSON.parse(drift.stdout) as { summary: Record<string, unknown> };
  report(
    `drift run (plan ${refresh.join(' ')}${rolling ? '' : ': --refresh rolling not in this build'}) after ${outOfBand.length} out-of-band renames among ${n}`,
    drift,
    DRIFT_TIMEOUT_S,
  );
  const tagReads = drift.calls.ListTagsForResource ?? 0;
  // What moved: the out-of-band renames, and what apply wrote before (its writes invalidate those cache entries).
  const moved = outOfBand.length + (scale.parts.has('apply') || scale.parts.has('full-apply') ? scale.changes : 0);
  const expectedTags = rolling ? `${moved} moved + ⌈${n}/${scale.verifyEvery}⌉ re-verified ≈ ${moved + Math.ceil(n / scale.verifyEvery)}` : `${moved} moved`;
  process.stdout.write(
    `    exit ${drift.code} (2 = changes: ${verdict(drift.code === 2)}); updates ${String(plan.summary.update)}; tag reads ${tagReads} (expected ${expectedTags})` +
      `${plan.summary.freshness ? `; freshness ${JSON.stringify(plan.summary.freshness)}` : ''}\n`,
  );
}

export async function run(): Promise<void> {
  const scale: Scale = {
    pmas: num('BENCH_SCALE_PMAS', 50),
    perPma: Math.min(1000, num('BENCH_SCALE_PER_PMA', 1000)),
    factor: num('BENCH_SCALE_FACTOR', 50),
    changes: num('BENCH_SCALE_CHANGES', 10),
    verifyEvery: num('BENCH_SCALE_VERIFY_EVERY', 10),
    parts: new Set((process.env.BENCH_SCALE_PARTS ?? 'apply,drift').split(',').map((p) => p.trim())),
  };
  const n = scale.pmas * scale.perPma;
  const dir = await mkdtemp(join(tmpdir(), 'pcc-scale-bench-'));
  const cache = ['--cache', join(dir, 'cache')];
  let emulator = await startEmulator({ rateLimits: false, idSeed: 5 });
  try {
    const seeding = performance.now();
    const pmaIds = await seed(emulator, dir, scale);
    process.stdout.write(`${scale.pmas} PMAs × ${scale.perPma} = ${n} managed relationships (seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s)\n`);
    const cold = await measureCli(emulator, dir, ['--read-rate', '10000', '--parallelism', '32', 'plan', ...cache]);
    check('cold plan', cold, [0]);
    report('cold plan, no quotas, --parallelism 32 (fills the cache; reads everything)', cold);
    emulator = await withQuotas(emulator, scale.factor, 5);
    const rates = quotaRates(scale.factor);
    process.stdout.write(`emulator quotas ×${scale.factor}, client ${rates.join(' ')}\n`);
    if (scale.parts.has('apply') || scale.parts.has('full-apply')) await benchApply(emulator, dir, scale, pmaIds, cache, rates);
    if (scale.parts.has('drift')) await benchDrift(emulator, dir, scale, pmaIds, cache, rates);
    process.stdout.write(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores (wall time above CPU time is waiting: quotas, or a busy machine)\n`,
    );
  } finally {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
