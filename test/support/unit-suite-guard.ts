/**
 * The unit suite's promise, kept at run time: no test in it starts a process. test/suites.ts classifies a test by
 * reading what it imports; `refuseProcesses` backs that up, so a misclassified file fails loudly and at once,
 * naming itself, instead of running a process (or an unbuilt dist/cli.js) in the suite that promises neither.
 * test/support/unit-suite-setup.ts applies it to node:child_process in every unit-suite worker.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every function of node:child_process that starts a process. */
export const PROCESS_STARTERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Replaces each starter on `target` (node:child_process) by one that throws, naming the test file `testPath()` returns. */
export function refuseProcesses(target: Record<string, unknown>, testPath: () => string | undefined): void {
  for (const name of PROCESS_STARTERS) {
    target[name] = (command: unknown) => {
      const path = testPath();
      const file = path ? relative(ROOT, path).split('\\').join('/') : 'a test file';
      throw new Error(
        `${file} starts a process inside the unit suite (child_process.${name}(${JSON.stringify(command)})). ` +
          '`npm run test:unit` needs no build and starts no process, so test/suites.ts should have put this file in the ' +
          'end-to-end suite: make what starts the process visible to it (import node:child_process, or the helper that ' +
          'starts it, at the top of a .ts file of the repository). Until then run the file with `npx vitest run --config test/vitest.config.ts`.',
      );
    };
  }
}
