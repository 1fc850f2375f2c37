/**
 * The markdown plan is a PR comment: never over 60,000 characters, and when it had to leave something out
 * it says exactly what.
 */
import { describe, expect, it } from 'vitest';
import type { PlannedChange } from '../../src/plan/plan-types.js';
import { MARKDOWN_MAX_CHARS, renderPlan } from '../../src/render/index.js';
import { readMarkdown } from './markdown-check.js';
import { createChange, makePlan } from '../support/plan-builders.js';
import { addressFor } from '../support/state-builders.js';

function manyChanges(count: number): PlannedChange[] {
  return Array.from({ length: count }, (_, i): PlannedChange => {
    const account = String(100000000000 + i);
    if (i % 3 === 0) return createChange(account, { displayName: `Customer ${i}`, source: { file: 'relationships/acme.yaml', line: i + 1, column: 5 } });
    return {
      kind: 'relationship',
      address: addressFor(account),
      action: 'update',
      id: `rs-${i.toString(36).padStart(13, '0')}`,
      revision: '1',
      source: { file: 'relationships/big.yaml', line: i + 1 },
      fields: [
        { name: 'displayName', before: `Old ${i}`, after: `Customer ${i}` },
        { name: 'tags.cost-center', before: '1', after: String(i) },
      ],
    };
  });
}

const render = (plan: ReturnType<typeof makePlan>) => renderPlan(plan, 'markdown', { color: false });
const detailsCount = (markdown: string) => markdown.match(/^<details>/gm)?.length ?? 0;

describe('markdown size cap', () => {
  it('renders 5,000 changes under the cap and names exactly how many it left out', () => {
    const markdown = render(makePlan({ changes: manyChanges(5000) }));
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    const shown = detailsCount(markdown);
    expect(shown).toBeGreaterThan(50); // the space is used, not given up
    expect(markdown).toContain(`**Left out: ${5000 - shown} of 5000 changes**`);
    expect(markdown).toMatch(/The full plan is in the job summary and the saved plan artifact/);
  });

  it('keeps the summary table and a well-formed document when it cuts', () => {
    const markdown = render(makePlan({ changes: manyChanges(5000) }));
    expect(markdown.startsWith('## pcc plan\n\n**Plan: 1667 to create, 3333 to update, 0 to delete.**')).toBe(true);
    expect(markdown).toContain('| `+` create | 1667 |');
    expect(markdown.match(/^<\/details>/gm)?.length).toBe(detailsCount(markdown));
    expect(() => readMarkdown(markdown)).not.toThrow();
    // Shown changes are the first ones, in plan order: details were dropped from the end.
    const plan = makePlan({ changes: manyChanges(5000) });
    const lastShown = plan.changes[detailsCount(markdown) - 1]!.address;
    const firstLeftOut = plan.changes[detailsCount(markdown)]!.address;
    expect(markdown).toContain(lastShown);
    expect(markdown).not.toContain(firstLeftOut);
    expect(markdown.trimEnd().split('\n').at(-1)).toMatch(/^> \*\*Left out: /);
  });

  it('renders a plan that fits whole, with no note', () => {
    const markdown = render(makePlan({ changes: manyChanges(40) }));
    expect(markdown.length).toBeLessThan(MARKDOWN_MAX_CHARS);
    expect(detailsCount(markdown)).toBe(40);
    expect(markdown).not.toContain('Left out');
  });

  it('is whole up to the cap and cut just past it', () => {
    // The largest plan of this shape that fits whole, found by growing it.
    let n = 1;
    while (!render(makePlan({ changes: manyChanges(n + 1) })).includes('Left out')) n += 1;
    const whole = render(makePlan({ changes: manyChanges(n) }));
    expect(whole.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(detailsCount(whole)).toBe(n);
    const cut = render(makePlan({ changes: manyChanges(n + 1) }));
    expect(cut.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(cut).toContain(`**Left out: ${n + 1 - detailsCount(cut)} of ${n + 1} changes**`);
  });

  it('counts unmanaged resources it left out, after showing every change', () => {
    const unmanaged = Array.from({ length: 5000 }, (_, i) => ({ address: addressFor(String(200000000000 + i)), id: `rs-u${i}`, displayName: `Legacy ${i}` }));
    const markdown = render(makePlan({ changes: manyChanges(10), unmanaged }));
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(detailsCount(markdown)).toBe(10);
    const rows = markdown.match(/^\| AWS\/pma\\-u8ic702rtzng8\/2\d+ \|/gm)?.length ?? 0;
    expect(rows).toBeGreaterThan(0);
    expect(markdown).toContain(`**Left out: ${5000 - rows} of 5000 unmanaged resources**`);
    expect(markdown).not.toMatch(/of 10 changes/);
  });

  it('counts errors and changes when thousands of errors crowd them out', () => {
    const errors = Array.from({ length: 3000 }, (_, i) => ({ code: 'duplicate-live-address', message: `Address number ${i} has two live relationships.` }));
    const markdown = render(makePlan({ changes: manyChanges(100), errors }));
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    const shownErrors = markdown.match(/^> - \*\*duplicate/gm)?.length ?? 0;
    expect(markdown).toContain(`**Left out: 100 of 100 changes, ${3000 - shownErrors} of 3000 errors**`);
    expect(markdown).toContain('| errors | 3000 |');
  });
});
