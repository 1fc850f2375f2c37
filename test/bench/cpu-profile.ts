import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One function's share of a V8 CPU profile: self time (ms), where it is. */
export interface SelfTime {
  name: string;
  where: string;
  selfMs: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Shortens `file:///…/node_modules/@smithy/x/dist-cjs/index.js` to `@smithy/x/dist-cjs/index.js`. */
function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '') || '(native)';
}

/**
 * The functions with the most self time in the `.cpuprofile` files of `dir` (node --cpu-prof), summed over
 * files: each sample's time delta goes to the function on top of the stack.
 */
export async function topSelfTime(dir: string, top = 10): Promise<ProfileSummary> {
  const byFunction = new Map<string, SelfTime>();
  const byArea = new Map<string, number>();
  let totalMs = 0;
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(await readFile(join(dir, name), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, index) => {
      const frame = nodes.get(id)?.callFrame;
      const ms = (profile.timeDeltas[index] ?? 0) / 1000;
      totalMs += ms;
      if (!frame) return;
      const fn = frame.functionName || '(anonymous)';
      const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
      const area = areaOf(fn, where);
      byArea.set(area, (byArea.get(area) ?? 0) + ms);
      // Idle is waiting, not work: counted in the areas, left out of the functions.
      if (fn === '(idle)') return;
      const key = `${fn}\u0000${where}`;
      const entry = byFunction.get(key) ?? { name: fn, where, selfMs: 0 };
      entry.selfMs += ms;
      byFunction.set(key, entry);
    });
  }
  const functions = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  return { totalMs, functions, areas: [...byArea.entries()].sort(([, a], [, b]) => b - a) };
}

export interface ProfileSummary {
  totalMs: number;
  functions: SelfTime[];
  /** Self time by where the code lives: pcc, the AWS SDK (@aws-sdk, @smithy), other packages, node, GC, idle. */
  areas: [string, number][];
}

function areaOf(fn: string, where: string): string {
  if (fn === '(idle)' || fn === '(garbage collector)') return fn;
  if (where.startsWith('dist/')) return 'pcc';
  if (where.startsWith('@aws-sdk/') || where.startsWith('@smithy/') || where.startsWith('@aws-crypto/')) return 'AWS SDK';
  if (where === '' || where.startsWith('node:')) return 'node and V8';
  return 'other packages';
}

/** `  12.3%  45 ms  name (where)` lines, after one line of self time by area. */
export function formatSelfTime({ totalMs, functions, areas }: ProfileSummary): string {
  const share = (ms: number) => `${((100 * ms) / totalMs).toFixed(1)}%`;
  const byArea = `    by area: ${areas.map(([area, ms]) => `${area} ${share(ms)}`).join(', ')}`;
  const lines = functions.map((f) => `    ${share(f.selfMs).padStart(6)} ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.name}${f.where ? ` (${f.where})` : ''}`);
  return [byArea, ...lines].join('\n');
}
