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
export async function topSelfTime(dir: string, top = 10): Promise<{ totalMs: number; functions: SelfTime[] }> {
  const byFunction = new Map<string, SelfTime>();
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
      const key = `${fn}\u0000${where}`;
      const entry = byFunction.get(key) ?? { name: fn, where, selfMs: 0 };
      entry.selfMs += ms;
      byFunction.set(key, entry);
    });
  }
  const functions = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  return { totalMs, functions };
}

/** `  12.3%  45 ms  name (where)` lines. */
export function formatSelfTime({ totalMs, functions }: { totalMs: number; functions: SelfTime[] }): string {
  return functions
    .map((f) => `    ${((100 * f.selfMs) / totalMs).toFixed(1).padStart(5)}% ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.name}${f.where ? ` (${f.where})` : ''}`)
    .join('\n');
}
