/**
 * `loadDesired` over 10,000 relationships (20 files × 500), and `pcc validate` as a subprocess against a
 * bare `node -e 0`. Figures only: CPU time (process.cpuUsage) and wall time of each.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDesired } from '../../src/desired/load-desired.js';

const FILES = 20;
const PER_FILE = 500;
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const PLANS = [
  '    requestedSupportPlan:\n      resoldUnifiedOperations:\n        coverage: ENTIRE_ORGANIZATION\n        tamLocation: us-east-1\n        chargeAccountId: "111122223333"\n',
  '    requestedSupportPlan:\n      partnerLedSupport:\n        coverage: MANAGEMENT_ACCOUNT_ONLY\n        tamLocation: eu-west-1\n        provider: DISTRIBUTOR\n',
  '',
];

/** A realistic file: comments, defaults, every third entry without a support plan, tags on most. */
export function generateFile(fileIndex: number, count: number): string {
  let text = `# yaml-language-server: $schema=../schema/relationships.schema.json\ncatalog: AWS\nprogramManagementAccountIdentifier: pma-u8ic702rtzng8\nrelationships:\n`;
  for (let i = 0; i < count; i++) {
    const account = String(100_000_000_000 + fileIndex * count + i);
    text += `  # customer ${fileIndex}-${i}\n  - associatedAccountId: "${account}"\n    associationType: END_CUSTOMER\n    displayName: Customer ${fileIndex}-${i}\n    resaleAccountModel: END_CUSTOMER\n    sector: COMMERCIAL\n`;
    text += PLANS[i % PLANS.length];
    if (i % 4 !== 0) text += `    tags:\n      cost-center: "${4000 + (i % 100)}"\n      team: platform\n`;
  }
  return text;
}

function ms(micros: number): string {
  return `${(micros / 1000).toFixed(0)} ms`;
}

async function measureLoad(dir: string, fastPath: boolean): Promise<void> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const { desired, diagnostics } = await loadDesired({ dir, cwd: dir, fastPath });
  const used = process.cpuUsage(cpu);
  const elapsed = performance.now() - wall;
  if (desired.relationships.length !== FILES * PER_FILE || diagnostics.length > 0) {
    throw new Error(`expected ${FILES * PER_FILE} valid relationships, got ${desired.relationships.length} and ${diagnostics.length} problems`);
  }
  const label = fastPath ? 'loadDesired (fast reader)' : 'loadDesired (yaml only) ';
  process.stdout.write(`${label}: cpu ${ms(used.user + used.system)}, wall ${elapsed.toFixed(0)} ms\n`);
}

function wallOf(args: string[], cwd: string): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'pipe' });
  if (result.status !== 0 && args[0] !== '-e') throw new Error(`exit ${result.status}: ${result.stderr.toString()}`);
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function run(): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'pcc-bench-'));
  try {
    const dir = path.join(root, 'relationships');
    await mkdir(dir);
    let bytes = 0;
    for (let f = 0; f < FILES; f++) {
      const text = generateFile(f, PER_FILE);
      bytes += Buffer.byteLength(text);
      await writeFile(path.join(dir, `customers-${String(f).padStart(2, '0')}.yaml`), text);
    }
    process.stdout.write(`${FILES * PER_FILE} relationships in ${FILES} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB\n`);
    // The first run includes compiling the schema and warming up the JIT, as a CLI run would.
    await measureLoad(dir, true);
    await measureLoad(dir, true);
    await measureLoad(dir, false);
    const baseline = median([0, 1, 2].map(() => wallOf(['-e', '0'], root)));
    const validate = median([0, 1, 2].map(() => wallOf([CLI, 'validate'], root)));
    process.stdout.write(`node -e 0: ${baseline.toFixed(0)} ms wall; node dist/cli.js validate: ${validate.toFixed(0)} ms wall (median of 3)\n`);
    await measureAliases(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * Issue 19 fault 3: 2,000, 8,000 and 32,000 aliases of one anchor (2,000 took 1.9 s, 32,000 took 271 s when each
 * alias walked the whole document). `pcc validate` as a subprocess; the file has a schema error (the list is
 * no relationships field), so exit 1 is expected: the figure is the time to read it.
 */
async function measureAliases(root: string): Promise<void> {
  for (const count of [2_000, 8_000, 32_000]) {
    const cwd = path.join(root, `aliases-${count}`);
    await mkdir(path.join(cwd, 'relationships'), { recursive: true });
    const text = `shared: &plan {coverage: ENTIRE_ORGANIZATION, tamLocation: us-east-1}\nlist:\n${'  - *plan\n'.repeat(count)}`;
    await writeFile(path.join(cwd, 'relationships', 'aliases.yaml'), text);
    const start = performance.now();
    const result = spawnSync(process.execPath, [CLI, 'validate'], { cwd, stdio: 'pipe' });
    const wall = performance.now() - start;
    if (result.status !== 1 || !result.stderr.toString().includes('unknown field')) throw new Error(`unexpected: exit ${result.status}: ${result.stderr.toString()}`);
    process.stdout.write(`${count} aliases of one anchor (${(text.length / 1024).toFixed(0)} KiB): pcc validate ${wall.toFixed(0)} ms wall\n`);
  }
}
