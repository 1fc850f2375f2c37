import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDesired } from '../../src/desired/load-desired.js';
import type { LiveState } from '../../src/live/live-state.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { MARKDOWN_MAX_CHARS, renderPlan } from '../../src/render/index.js';
import { desiredEntry, desiredState, liveEntry } from '../support/state-builders.js';

/**
 * Golden files: for every folder in test/fixtures/plan, loadDesired + buildPlan + renderPlan must give exactly
 * the expected.plan.json, expected.txt and expected.md beside it. `UPDATE_GOLDEN=1` rewrites them; the
 * EXPECTED table below pins what each case is about, so a rewrite cannot silently make a golden wrong.
 */

const FIXTURES = fileURLToPath(new URL('../fixtures/plan/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

type Row = [string, string]; // [account id, action] per change; `!replace` for a blocked one
const EXPECTED: Record<string, { changes: Row[]; errors?: string[]; unmanaged?: number; pruneCandidates?: number }> = {
  adopt: {
    changes: [
      ['111122223333', 'adopt'],
      ['777788889999', 'adopt'],
    ],
  },
  'ambiguous-address': { changes: [], errors: ['ambiguous-address'] },
  create: {
    changes: [
      ['111122223333', 'create'],
      ['444455556666', 'create'],
    ],
  },
  'id-pin-bad': { changes: [], errors: ['pin-not-found', 'pin-address-mismatch'] },
  'id-pin-good': { changes: [['111122223333', 'update']], pruneCandidates: 1 },
  'no-op': { changes: [['111122223333', 'no-op']] },
  'prune-off': { changes: [['111122223333', 'no-op']], unmanaged: 1, pruneCandidates: 1 },
  'program-management-accounts': {
    changes: [
      ['111122223333', 'create'],
      ['444455556666', 'no-op'],
      ['777788889999', 'adopt'],
    ],
    unmanaged: 1,
    pruneCandidates: 1,
  },
  'prune-service-period': {
    changes: [
      ['111122223333', 'no-op'],
      ['222233334444', 'delete'],
    ],
  },
  release: {
    changes: [
      ['111122223333', 'no-op'],
      ['222233334444', 'release'],
      ['555566667777', 'no-op'],
    ],
    unmanaged: 1,
  },
  'prune-on': {
    changes: [
      ['111122223333', 'no-op'],
      ['222233334444', 'delete'],
    ],
    unmanaged: 1,
  },
  'replace-allowed': {
    changes: [
      ['111122223333', 'replace'],
      ['777788889999', '!replace'],
    ],
  },
  'replace-blocked': { changes: [['111122223333', '!replace']] },
  'service-period-revoke': {
    changes: [
      ['111122223333', 'no-op'],
      ['111122223333', 'delete'],
      ['444455556666', 'no-op'],
      ['444455556666', 'replace'],
      ['777788889999', 'no-op'],
      ['777788889999', 'no-op'],
    ],
  },
  'service-period-withdraw': {
    changes: [
      ['111122223333', 'no-op'],
      ['111122223333', 'update'],
      ['444455556666', 'no-op'],
      ['444455556666', 'update'],
    ],
  },
  sanitize: { changes: [['111122223333', 'update']], unmanaged: 1 },
  'support-plan-changed': { changes: [['111122223333', 'update']] },
  'support-plan-removed': { changes: [['111122223333', 'no-op']] },
  'support-plan-unknown': { changes: [['111122223333', 'update']] },
  tags: { changes: [['111122223333', 'update']] },
  unmanaged: { changes: [['111122223333', 'no-op']], unmanaged: 1 },
  'update-display-name': { changes: [['111122223333', 'update']] },
};

async function planCase(name: string): Promise<Plan> {
  const dir = join(FIXTURES, name);
  const loaded = await loadDesired({ dir: 'relationships', cwd: dir });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const live = JSON.parse(readFileSync(join(dir, 'live.json'), 'utf8')) as LiveState;
  const optionsFile = join(dir, 'options.json');
  type CaseOptions = { prune?: boolean; allowReplace?: boolean; revoke?: boolean; replaceServicePeriods?: boolean; acknowledgeServicePeriods?: string[] };
  const { prune, allowReplace, ...more } = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as CaseOptions) : ({} as CaseOptions);
  return buildPlan(loaded.desired, live, { prune: prune ?? false, allowReplace: allowReplace ?? false, dir: 'relationships', ...more });
}

function compareGolden(dir: string, file: string, actual: string): void {
  const path = join(dir, file);
  if (UPDATE) writeFileSync(path, actual);
  expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('plan golden files', () => {
  it('has an EXPECTED row for every fixture and a fixture for every row', () => {
    expect(CASES).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(CASES)('%s', async (name) => {
    const plan = await planCase(name);
    const expected = EXPECTED[name]!;
    expect(plan.changes.map((c) => [c.address.split('/')[2], `${c.blocked ? '!' : ''}${c.action}`])).toEqual(expected.changes);
    expect(plan.errors.map((e) => e.code).sort()).toEqual([...(expected.errors ?? [])].sort());
    expect(plan.unmanaged).toHaveLength(expected.unmanaged ?? 0);
    expect(plan.pruneCandidates).toHaveLength(expected.pruneCandidates ?? 0);

    const dir = join(FIXTURES, name);
    compareGolden(dir, 'expected.plan.json', renderPlan(plan, 'json', { color: false }));
    compareGolden(dir, 'expected.txt', renderPlan(plan, 'text', { color: false }));
    compareGolden(dir, 'expected.md', renderPlan(plan, 'markdown', { color: false }));
  });

  it('sanitize: hostile live strings reach neither terminal nor markdown as anything but text', () => {
    const dir = join(FIXTURES, 'sanitize');
    const text = readFileSync(join(dir, 'expected.txt'), 'utf8');
    const markdown = readFileSync(join(dir, 'expected.md'), 'utf8');
    for (const output of [text, markdown]) {
      expect(output).not.toMatch(/[\u001b\u0007\u202e]/);
      expect(output).not.toContain('\n+ fake line');
    }
    // Inside fenced code blocks GitHub shows everything literally; outside them nothing may be live markup.
    const prose = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '');
    expect(prose).not.toBe(markdown);
    expect(prose).not.toContain('<img');
    expect(prose).not.toContain('</details> @octocat');
    expect(prose).not.toContain('](http://evil');
    expect(prose).not.toMatch(/@(admin|octocat)/);
    expect(prose).toContain('@\u200badmin');
    // The JSON keeps the server's exact value (it is data, escaped as JSON), so apply sees what was read.
    const json = JSON.parse(readFileSync(join(dir, 'expected.plan.json'), 'utf8')) as Plan;
    expect(json.changes[0]?.fields[0]?.before).toBe('\u001b[31mEvil\u001b[0m **bold** <img src=x onerror=alert(1)>');
  });
});

describe('markdown size cap', () => {
  it('a plan of 1,000 changes renders under 60,000 characters and says what it left out', () => {
    const entries = Array.from({ length: 1000 }, (_, i) =>
      desiredEntry(String(100000000000 + i), { displayName: `Customer with a long name ${i}`.slice(0, 30), tags: { 'cost-center': String(4000 + i), team: 'partners' } }),
    );
    const live = { relationships: [0, 1, 2].map((i) => liveEntry(String(100000000000 + i), `rs-${String(i).padStart(13, '0')}`, { tags: { 'pcc:managed': 'true' } })) };
    const plan = buildPlan(desiredState(entries), live, { prune: false, allowReplace: false, dir: 'relationships' });
    expect(plan.summary).toMatchObject({ create: 997, update: 3 });
    const text = renderPlan(plan, 'text', { color: false });
    expect(text.length).toBeGreaterThan(MARKDOWN_MAX_CHARS); // so the cap really has work to do
    const markdown = renderPlan(plan, 'markdown', { color: false });
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(markdown).toMatch(/Left out: \d+ of 1000 changes/);
    // The summary table comes first and is complete.
    expect(markdown).toContain('| `+` create | 997 |');
    expect(markdown.split('<details>').length).toBe(markdown.split('</details>').length);
  });
});
