/**
 * `pcc apply` of a few changes among many managed relationships (issue 22): the cost must grow with the change,
 * not with the account.
 *
 * Scenario: one BENCH_PMA holding 1,000 managed relationships (`BENCH_CHANGES_COUNT`), every entry declaring
 * resaleAccountModel (so a full refresh reads 1,000 tags and 1,000 details); the files rename k of them
 * (k = 1 and 10, `BENCH_CHANGES_KS`). `pcc plan --out FILE` first, on an empty cache and without quotas (it
 * reads everything and warms the cache; not timed), then the same state behind emulator quotas ×F (default 20,
 * `BENCH_CHANGES_FACTOR`; client --read-rate 5F --write-rate 3F) and `pcc apply FILE` (timed, the default
 * `--refresh cached`). For comparison the emulator's state is put back as it was at the plan and the same FILE
 * applied with `--refresh full` (today's apply before issue 22).
 *
 * Bounds:
 * - calls ≤ ⌈N/100⌉ + 3·k + 5: the list pages, then per change GetRelationship + ListTagsForResource +
 *   UpdateRelationship, and a few fixed calls (the PMA list, the handshake list) or retries.
 * - time ≤ 0.05× the full-refresh bound: the time a full refresh's reads take at these quotas, max over
 *   operations of calls ÷ rate (operations are limited independently): 1000 ÷ (5 × F) = 10 s at F = 20.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import {
  BENCH_PMA,
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
  writeRelationshipFiles,
  type MeasuredRun,
} from './bench-kit.js';

const account = (i: number) => benchAccount(6, i);
const isRead = (operation: string) => operation.startsWith('Get') || operation.startsWith('List');

/** The k renamed entries, spread over the files. */
const renamedOf = (k: number, count: number) => new Set(Array.from({ length: k }, (_, j) => (j * 97 + 5) % count));

function renamedLive(emulator: RunningEmulator, renamed: Set<number>): number {
  const byAccount = new Map(emulator.state.relationships().map((r) => [r.associatedAccountId, r.displayName]));
  return [...renamed].filter((i) => byAccount.get(account(i)) === `Renamed ${i}`).length;
}

function line(label: string, run: MeasuredRun, bound: number, allowed: number): string {
  const total = Object.values(run.calls).reduce((a, b) => a + b, 0);
  return (
    `  ${label}: ${formatRun(run)} (exit ${run.code})\n` +
    `    calls ${total} ≤ ${allowed}: ${verdict(total <= allowed)}; ${(run.seconds / bound).toFixed(3)}× the full-refresh bound (≤ 0.05×: ${verdict(run.seconds / bound <= 0.05)})\n`
  );
}

async function benchChanges(k: number, count: number, factor: number, hasRefresh: boolean): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pcc-apply-changes-bench-'));
  let emulator = await startEmulator({ rateLimits: false, idSeed: 6 });
  try {
    const renamed = renamedOf(k, count);
    for (let i = 0; i < count; i++) emulator.state.seedRelationship(managedBenchSeed(BENCH_PMA, account(i), i));
    await writeRelationshipFiles(dir, (i) => managedBenchEntry(account(i), i, renamed.has(i) ? `Renamed ${i}` : `Customer ${i}`), count);
    const cache = ['--cache', join(dir, 'cache')];
    const planned = await measureCli(emulator, dir, ['--read-rate', '10000', 'plan', '--out', 'bench.plan.json', ...cache]);
    if (planned.code !== 0) throw new Error(`plan --out: exit ${planned.code}: ${planned.stderr.slice(-2000)}`);
    // The plan read everything (the cache was empty): what a full refresh reads, at these quotas.
    const bound = quotaBoundSeconds(planned.calls, factor, isRead);
    emulator = await withQuotas(emulator, factor, 6);
    const atPlan = emulator.state.toJSON();
    const rates = quotaRates(factor);
    const allowed = Math.ceil(count / 100) + 3 * k + 5;
    process.stdout.write(
      `${k} change${k === 1 ? '' : 's'} among ${count} managed, emulator quotas ×${factor}, ${rates.join(' ')}; ` +
        `full-refresh bound ${bound.toFixed(2)} s (${callsOfReads(planned.calls)} ÷ rate); calls allowed ⌈N/100⌉ + 3·k + 5 = ${allowed}\n`,
    );
    const applied = await measureCli(emulator, dir, [...rates, 'apply', ...cache, 'bench.plan.json']);
    process.stdout.write(line(`apply FILE${hasRefresh ? ' (--refresh cached)' : " (today's apply: reads everything)"}`, applied, bound, allowed));
    process.stdout.write(`    renamed live: ${renamedLive(emulator, renamed)}/${k}\n`);
    if (applied.code !== 0) process.stderr.write(`apply: exit ${applied.code}: ${applied.stderr.slice(-2000)}\n`);
    if (!hasRefresh) return;
    emulator.state.load(atPlan);
    const full = await measureCli(emulator, dir, [...rates, 'apply', '--refresh', 'full', ...cache, 'bench.plan.json']);
    process.stdout.write(line('apply --refresh full FILE (for comparison)', full, bound, allowed));
    process.stdout.write(`    renamed live: ${renamedLive(emulator, renamed)}/${k}\n`);
    if (full.code !== 0) process.stderr.write(`apply --refresh full: exit ${full.code}: ${full.stderr.slice(-2000)}\n`);
  } finally {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const callsOfReads = (calls: Record<string, number>) =>
  Object.entries(calls)
    .filter(([op]) => isRead(op))
    .sort(([, a], [, b]) => b - a)
    .slice(0, 2)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');

export async function run(): Promise<void> {
  const count = Math.min(1000, Number(process.env.BENCH_CHANGES_COUNT ?? 1000));
  const factor = Number(process.env.BENCH_CHANGES_FACTOR ?? 20);
  const ks = (process.env.BENCH_CHANGES_KS ?? '1,10').split(',').map(Number);
  const hasRefresh = await cliHasFlag('apply', '--refresh');
  for (const k of ks) await benchChanges(k, count, factor, hasRefresh);
  process.stdout.write(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores (wall time above CPU time is waiting: quotas, or a busy machine)\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
