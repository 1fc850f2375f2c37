/**
 * The two suites `npm test` runs: unit (pure cores, in-process emulator and fakes; `npm run test:unit`) and
 * end-to-end (everything that starts a subprocess: the built CLI, the emulator process, the action bundle, a
 * pty). A test file is end-to-end when it imports node:child_process or one of the test helpers that start a
 * process, so a new test lands in the right suite without a list of files to keep up to date.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEST_DIR = join(ROOT, 'test');

/** What starts a process: node's child_process API, or a test helper that wraps it. */
const SPAWNS = /^import[^;]*from ['"]node:child_process['"]/m;
const SPAWNING_HELPERS = new Set([
  'unformattedFiles',
  'boundaryViolations',
  'runCli',
  'CLI_PATH',
  'startCli',
  'runCliInPty',
  'pcc',
  'applyAndKill',
  'createRunner',
  'runBash',
  'runNode',
]);
const NAMED_IMPORT = /^import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]\.{1,2}\//gm;

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Whether the test file starts a subprocess itself or imports a helper that does. */
export function startsProcess(text: string): boolean {
  if (SPAWNS.test(text)) return true;
  return [...text.matchAll(NAMED_IMPORT)].some(([, names]) =>
    names!.split(',').some((name) =>
      SPAWNING_HELPERS.has(
        name
          .trim()
          .split(/\s+as\s+/)[0]!
          .replace(/^type\s+/, ''),
      ),
    ),
  );
}

/** Test files (paths relative to the repository root, forward slashes) split by suite. */
export function testSuites(): { unit: string[]; e2e: string[] } {
  const files = testSources(TEST_DIR)
    .filter((file) => file.endsWith('.test.ts'))
    .sort();
  const rel = (file: string) => relative(ROOT, file).split('\\').join('/');
  return {
    unit: files.filter((file) => !startsProcess(readFileSync(file, 'utf8'))).map(rel),
    e2e: files.filter((file) => startsProcess(readFileSync(file, 'utf8'))).map(rel),
  };
}
