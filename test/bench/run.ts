/**
 * Runs every `test/bench/*.bench.ts` in name order. Each exports `async function run(): Promise<void>` that
 * prints its own figures. Benchmarks print; they never assert on time (the machine is shared).
 * Usage: `npm run bench` (builds first) or `npx tsx test/bench/run.ts [name-filter]`.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];

const names = (await readdir(here)).filter((name) => name.endsWith('.bench.ts') && (!filter || name.includes(filter))).sort();
for (const name of names) {
  const module = (await import(pathToFileURL(path.join(here, name)).href)) as { run?: () => Promise<void> };
  if (typeof module.run !== 'function') throw new Error(`${name} does not export run()`);
  process.stdout.write(`\n== ${name}\n`);
  await module.run();
}
