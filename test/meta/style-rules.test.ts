/**
 * Each style rule fails on a planted violation and passes what it must allow: the lint and the formatter run
 * on a scratch project holding this repository's own .oxlintrc.json, .prettierrc.json and .prettierignore.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryViolations, ROOT, unformattedFiles, type Violation } from '../support/style-tools.js';

function scratchProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pcc-style-'));
  for (const config of ['.oxlintrc.json', '.prettierrc.json', '.prettierignore']) copyFileSync(join(ROOT, config), join(dir, config));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Planted sources: path → [source, the rule it must break, or undefined when it is allowed]. */
const PLANTED: Record<string, [string, string | undefined]> = {
  'src/plan/reads-file.ts': ["import { readFile } from 'node:fs/promises';\nexport const read = readFile;\n", 'no-restricted-imports'],
  'src/plan/reads-file-cjs-name.ts': ["import { readFileSync } from 'fs';\nexport const read = readFileSync;\n", 'no-restricted-imports'],
  'src/render/spawns.ts': ["import { spawn } from 'node:child_process';\nexport const run = spawn;\n", 'no-restricted-imports'],
  'src/plan/calls-network.ts': ["import { request } from 'node:https';\nexport const call = request;\n", 'no-restricted-imports'],
  'src/render/uses-sdk.ts': [
    "import { PartnerCentralChannelClient } from '@aws-sdk/client-partnercentral-channel';\nexport const c = PartnerCentralChannelClient;\n",
    'no-restricted-imports',
  ],
  'src/plan/uses-io.ts': ["import { readShippedFile } from '../io/shipped-files.js';\nexport const r = readShippedFile;\n", 'no-restricted-imports'],
  'src/render/uses-reader.ts': ["import { readLive } from '../live/read-live.js';\nexport const r = readLive;\n", 'no-restricted-imports'],
  'src/plan/uses-emulator.ts': ["import { startEmulator } from '../emulator/index.js';\nexport const s = startEmulator;\n", 'no-restricted-imports'],
  'src/render/uses-command.ts': ["import { runPlan } from '../commands/plan.js';\nexport const r = runPlan;\n", 'no-restricted-imports'],
  'src/plan/uses-process.ts': ['export const cwd = () => process.cwd();\n', 'no-restricted-globals'],
  'src/commands/reads-env.ts': ['export const home = process.env.HOME;\n', 'no-restricted-globals'],
  'src/live/global-process.ts': ['export const pid = globalThis.process.pid;\n', 'no-restricted-globals'],
  'src/desired/imports-process.ts': ["import { env } from 'node:process';\nexport const e = env;\n", 'no-restricted-imports'],
  'src/apply/logs.ts': ["export function log(): void {\n  console.log('applied');\n}\n", 'no-restricted-globals'],
  'src/render/logs.ts': ["export function log(): void {\n  console.error('rendered');\n}\n", 'no-restricted-globals'],
  // The easy ways round: a global object, Node's `global`, a dynamic import, a require made from node:module, fetch.
  'src/live/global-console.ts': ["export const log = globalThis['console'].log;\n", 'no-restricted-globals'],
  'src/commands/node-global.ts': ['export const env = global.process.env;\n', 'no-restricted-globals'],
  'src/plan/global-process-index.ts': ["export const p = globalThis['process'];\n", 'no-restricted-globals'],
  'src/plan/dynamic-import.ts': ["export const read = async () => (await import('node:fs')).readFileSync('x');\n", 'no-restricted-imports'],
  'src/render/create-require.ts': ["import { createRequire } from 'node:module';\nexport const load = createRequire('/');\n", 'no-restricted-imports'],
  'src/plan/requires.ts': ["export const fs = require('fs');\n", 'no-restricted-globals'],
  'src/render/fetches.ts': ["export const get = () => fetch('https://example.com');\n", 'no-restricted-globals'],
  'src/plan/reads-os.ts': ["import { homedir } from 'node:os';\nexport const home = homedir;\n", 'no-restricted-imports'],
  // Allowed: what the pure folders may import, I/O outside them, process in the entry points, console in reporters.
  'src/plan/pure.ts': [
    "import type { LiveState } from '../live/live-state.js';\nimport { isManaged } from '../live/live-state.js';\nimport type { ChannelApi } from '../live/channel-api.js';\n" +
      "import { sanitizeForTerminal } from '../io/sanitize.js';\nimport type { ApplyOutcome } from '../apply/outcome.js';\nimport picocolors from 'picocolors';\n" +
      'export type T = [LiveState, ChannelApi, ApplyOutcome];\nexport const f = [isManaged, sanitizeForTerminal, picocolors];\n',
    undefined,
  ],
  'src/commands/reads-files.ts': ["import { readFile } from 'node:fs/promises';\nexport const read = readFile;\n", undefined],
  'src/cli.ts': ['process.exitCode = process.env.X ? 1 : 0;\n', undefined],
  'src/report/reads-env.ts': ['export const e = process.env.X;\n', 'no-restricted-globals'],
  'src/action/main.ts': ['export const input = process.env.INPUT_COMMAND;\n', undefined],
  'src/demo/run-demo.ts': ['export const out = process.stdout;\n', undefined],
  'src/report/terminal.ts': ["export function report(): void {\n  console.error('done');\n}\n", undefined],
};

describe('import-boundary lint (.oxlintrc.json)', () => {
  let dir: string;
  let found: Violation[];
  beforeAll(() => {
    dir = scratchProject(Object.fromEntries(Object.entries(PLANTED).map(([path, [source]]) => [path, source])));
    found = boundaryViolations(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.entries(PLANTED))('%s → %s', (path, [, rule]) => {
    expect(found.filter((v) => v.file === path).map((v) => v.rule)).toEqual(rule ? [rule] : []);
  });

  it('says what to do instead', () => {
    expect(found.find((v) => v.file === 'src/plan/reads-file.ts')?.message).toContain('plan/ and render/ are pure');
    expect(found.find((v) => v.file === 'src/commands/reads-env.ts')?.message).toContain('only the entry points');
  });
});

describe('format check (.prettierrc.json, .prettierignore)', () => {
  const formatted = 'export const greeting = (name: string): string => `hello ${name}`;\n';
  const misformatted = 'export const greeting = (name : string) : string => "hello " + name\n';
  let dir: string;
  beforeAll(() => {
    dir = scratchProject({
      'src/good.ts': formatted,
      'src/bad.ts': misformatted,
      'test/bad.test.ts': misformatted,
      'src/long.ts': `export const names = [${Array.from({ length: 30 }, (_, i) => `'name-${i}'`).join(', ')}];\n`,
      // Bytes that matter or are not ours: never reported.
      'dist/cli.js': misformatted,
      'action/pcc.mjs': misformatted,
      'test/fixtures/plan/case/live.json': '{"a":1,\n"b":2}\n',
      'relationships/acme.yaml': 'relationships:\n    - associatedAccountId:   "111122223333"\n',
      'README.md': '| a | b |\n|---|---|\n| 1 | 2 |\n',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the files prettier would change, and none of those it must leave alone', () => {
    expect(unformattedFiles(dir)).toEqual(['src/bad.ts', 'src/long.ts', 'test/bad.test.ts']);
  });
});
