/**
 * Golden renders: each folder under test/fixtures/render holds a hand-built `plan.json` and the exact
 * text, coloured text and markdown it must render to. `UPDATE_GOLDEN=1` rewrites the expected files;
 * review the diff by eye before committing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan-types.js';
import { type PlanFormat, renderPlan } from '../../src/render/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/render', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const OUTPUTS: ReadonlyArray<{ file: string; format: PlanFormat; color: boolean }> = [
  { file: 'expected.txt', format: 'text', color: false },
  { file: 'expected.color.txt', format: 'text', color: true },
  { file: 'expected.md', format: 'markdown', color: false },
];

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('golden renders', () => {
  it('has the cases this suite is meant to cover', () => {
    expect(cases).toEqual(
      expect.arrayContaining([
        'adopt',
        'create',
        'delete',
        'hostile',
        'mixed',
        'no-changes',
        'no-changes-warning',
        'replace',
        'replace-blocked',
        'replace-unmanaged',
        'unmanaged-and-errors',
        'update',
      ]),
    );
  });

  describe.each(cases)('%s', (name) => {
    const plan = JSON.parse(readFileSync(join(FIXTURES, name, 'plan.json'), 'utf8')) as Plan;

    it.each(OUTPUTS)('$file', ({ file, format, color }) => {
      const actual = renderPlan(plan, format, { color });
      const path = join(FIXTURES, name, file);
      if (UPDATE || !existsSync(path)) {
        if (!UPDATE) throw new Error(`missing golden ${path}: run with UPDATE_GOLDEN=1 and review it`);
        writeFileSync(path, actual);
      }
      expect(actual).toBe(readFileSync(path, 'utf8'));
    });

    it('json is the plan value, unchanged', () => {
      const json = renderPlan(plan, 'json', { color: true });
      expect(json.endsWith('}\n')).toBe(true);
      expect(JSON.parse(json)).toEqual(plan);
    });
  });
});
