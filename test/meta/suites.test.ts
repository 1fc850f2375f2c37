import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startsProcess, testSuites } from '../suites.js';
import { PROCESS_STARTERS, refuseProcesses } from '../support/unit-suite-guard.js';

describe('unit and end-to-end suites', () => {
  it('puts every test file in exactly one suite', () => {
    const { unit, e2e } = testSuites();
    const all = readdirSync(new URL('..', import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.test.ts') && !file.startsWith('fixtures'))
      .map((file) => `test/${file.split('\\').join('/')}`)
      .sort();
    expect([...unit, ...e2e].sort()).toEqual(all);
    expect(unit.filter((file) => e2e.includes(file))).toEqual([]);
  });

  it('counts a test end-to-end when it drives the built CLI or a process, directly or through helpers, and unit otherwise', () => {
    const { unit, e2e } = testSuites();
    expect(e2e).toEqual(
      expect.arrayContaining([
        'test/plan/plan-e2e.test.ts',
        'test/apply/saved-plan-checks-e2e.test.ts',
        'test/github/action-bundle.test.ts',
        // Starts dist/cli.js through test/apply/life.ts, which imports the helpers that do.
        'test/apply/envelope-matrix.test.ts',
        // Its simulated GitHub zips an artifact with the zip program.
        'test/github/apply-workflow-scripts.test.ts',
        // Needs the build without a helper: it runs dist/demo/run-demo.js.
        'test/demo/demo.test.ts',
      ]),
    );
    expect(unit).toEqual(
      expect.arrayContaining([
        'test/plan/build-plan.test.ts',
        'test/render/render-golden.test.ts',
        'test/meta/suites.test.ts',
        // Helpers of e2e-helpers.ts that start nothing (workspaces, FAST) with the in-process emulator.
        'test/apply/apply-confirm.test.ts',
      ]),
    );
  });

  it.each([
    ["import { spawn } from 'node:child_process';\nspawn('x');", true],
    ["import { execFileSync as run } from 'child_process';\nrun('x');", true],
    ["it('x', async () => { const { spawn } = await import('node:child_process'); });", true],
    ["import { runCli, emulatorEnv } from '../support/run-cli.js';\nrunCli([]);", true],
    ["import { createWorkspace, pcc as run } from '../support/e2e-helpers.js';\nrun();", true],
    // One helper further: life.ts starts nothing itself, it calls e2e-helpers' pcc and applyAndKill.
    ["import { runLife } from './life.js';\nrunLife();", true],
    ["import * as helpers from '../support/e2e-helpers.js';\nhelpers.entry(1);", true],
    ["import { emulatorEnv } from '../support/run-cli.js';\nemulatorEnv('x');", false],
    ["import { createWorkspace, entry, FAST } from '../support/e2e-helpers.js';\ncreateWorkspace([entry(1)]);", false],
    ["import { parseOutputFile } from '../github/action-step.js';\nparseOutputFile('');", false],
    ["import { runCli } from 'some-package';\nrunCli();", false],
    ["import type { CliResult } from '../support/run-cli.js';\nconst r: CliResult = x;", false],
    ["const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));", true],
  ])('%s → end-to-end: %s', (source, expected) => {
    expect(startsProcess('test/apply/probe.test.ts', source)).toBe(expected);
  });

  it('the unit suite refuses every way of starting a process, naming the test file and where it belongs', () => {
    const childProcess: Record<string, unknown> = {};
    refuseProcesses(childProcess, () => new URL('../apply/envelope-matrix.test.ts', import.meta.url).pathname);
    for (const name of PROCESS_STARTERS) {
      expect(() => (childProcess[name] as (command: string) => void)('node')).toThrow(
        `test/apply/envelope-matrix.test.ts starts a process inside the unit suite (child_process.${name}("node"))`,
      );
    }
    expect(() => (childProcess.spawn as (command: string) => void)('node')).toThrow(/end-to-end suite/);
  });
});
