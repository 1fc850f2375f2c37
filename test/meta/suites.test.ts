import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startsProcess, testSuites } from '../suites.js';

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

  it('counts a test end-to-end when it drives the built CLI or a process, and unit otherwise', () => {
    const { unit, e2e } = testSuites();
    expect(e2e).toEqual(expect.arrayContaining(['test/plan/plan-e2e.test.ts', 'test/apply/saved-plan-checks-e2e.test.ts', 'test/github/action-bundle.test.ts']));
    expect(unit).toEqual(expect.arrayContaining(['test/plan/build-plan.test.ts', 'test/render/render-golden.test.ts', 'test/meta/suites.test.ts']));
  });

  it.each([
    ["import { spawn } from 'node:child_process';", true],
    ["import { runCli, emulatorEnv } from '../support/run-cli.js';", true],
    ["import { createWorkspace, pcc as run } from '../support/e2e-helpers.js';", true],
    ["import { emulatorEnv } from '../support/run-cli.js';", false],
    ["import { parseOutputFile } from './action-step.js';", false],
    ["import { runCli } from 'some-package';", false],
  ])('%s → end-to-end: %s', (source, expected) => {
    expect(startsProcess(source)).toBe(expected);
  });
});
