/**
 * Hostile strings in every field a renderer shows: nothing that can drive a terminal survives into text,
 * and nothing that can inject markdown, HTML, links or mentions survives into the PR comment.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan-types.js';
import { renderPlan } from '../../src/render/index.js';
import { renderApplyJson } from '../../src/render/render-apply.js';
import { summarizeOutcomes, type ApplyOutcome } from '../../src/apply/outcome.js';
import { cellSeparators, readMarkdown } from './markdown-check.js';
import { createChange, makePlan } from '../support/plan-builders.js';
import { addressFor } from '../support/state-builders.js';

const ESC = '\u001b';
const HOSTILE = [
  `${ESC}[31mred${ESC}[0m`,
  `${ESC}]8;;http://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`,
  `${ESC}]0;window title\u0007`,
  '\u009b2J',
  'abc\u202Eexe.txt\u2066x\u2069',
  '<img src=x onerror=alert(1)>',
  '[click](http://evil)',
  '@octocat and @org/team',
  '</details></summary><details open>',
  '``` ```` `',
  'a|b||c',
  'line1\n+ AWS/fake/000000000000 will be created\r\n- x',
  '<!-- hidden -->',
  'tab\there',
  '##[stop-commands]pwned ##[add-mask]x',
];
const hostile = HOSTILE.join(' ');

function hostilePlan(): Plan {
  return makePlan({
    changes: [
      { ...createChange('121212121212', { displayName: hostile }), source: { file: `relationships/${hostile}.yaml`, line: 3 } },
      {
        kind: 'relationship',
        address: addressFor(hostile),
        action: 'update',
        id: `rs-${hostile}`,
        source: { file: 'relationships/a.yaml', line: 9 },
        fields: [
          { name: 'displayName', before: hostile, after: hostile },
          { name: `tags.${hostile}`, before: hostile },
          { name: 'requestedSupportPlan', before: hostile, beforeUnknown: true, after: { resoldEnterprise: { tamLocation: hostile } } },
        ],
        warnings: [hostile],
      },
      {
        kind: 'relationship',
        address: addressFor('131313131313'),
        action: 'replace',
        blocked: true,
        reason: hostile,
        fields: [{ name: 'sector', before: hostile, after: 'GOVERNMENT', forcesReplace: true }],
      },
    ],
    unmanaged: [{ address: hostile, id: hostile, displayName: hostile }],
    errors: [{ code: hostile, message: hostile, hint: hostile, address: hostile, source: { file: hostile, line: 1 } }],
  });
}

// JSON's own layout uses line breaks; everything else a terminal could act on must be escaped.
const TERMINAL_UNSAFE_OUTSIDE_JSON_LAYOUT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('text output with hostile strings', () => {
  const text = renderPlan(hostilePlan(), 'text', { color: false });

  it('contains no escape sequence, control or bidi character', () => {
    expect(text).not.toMatch(TERMINAL_UNSAFE);
  });

  it('contains no ##[ that the Actions runner would read as a workflow command', () => {
    expect(text).not.toContain('##[');
  });

  it('cannot fake a plan line: every line is one the renderer wrote', () => {
    for (const line of text.split('\n')) {
      expect(line).toMatch(/^(|(  \+|  ~|-\/\+|  !) .*|      [#+~-] .*|      Warning: .*|Unmanaged .*|    .*|Error: .*|Plan: .*|\d .*)$/);
    }
    expect(text.split('\n').filter((line) => line.endsWith('will be created'))).toHaveLength(1);
  });

  it('with colour, escapes are only picocolors SGR codes', () => {
    const coloured = renderPlan(hostilePlan(), 'text', { color: true });
    const withoutSgr = coloured.replace(/\u001b\[\d+m/g, '');
    expect(withoutSgr).not.toMatch(TERMINAL_UNSAFE);
    expect(withoutSgr).toBe(text);
  });
});

describe('markdown output with hostile strings', () => {
  const markdown = renderPlan(hostilePlan(), 'markdown', { color: true });
  const reading = readMarkdown(markdown);
  const prose = reading.prose.join('\n');

  it('contains no escape sequence, control or bidi character', () => {
    expect(markdown).not.toMatch(TERMINAL_UNSAFE);
  });

  it('contains no ##[ that the Actions runner would read as a workflow command (stdout goes to the log too)', () => {
    expect(markdown).not.toContain('##[');
  });

  it('keeps HTML to the tags the renderer writes', () => {
    const tags = [...prose.matchAll(/<\/?([a-zA-Z!][^\s>]*)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(new Set(['details', 'summary', 'code', 'strong']));
    expect(prose.match(/<details>/g)).toHaveLength(3);
    expect(prose.match(/<\/details>/g)).toHaveLength(3);
    expect(prose).not.toContain('<!--');
    expect(prose).not.toMatch(/<details open/);
  });

  it('has no live link, image or autolink in prose', () => {
    // `<summary>` lines are raw HTML, where link syntax is plain text; everywhere else it must be escaped.
    const markdownProse = reading.prose.filter((line) => !line.startsWith('<details><summary>')).join('\n');
    expect(markdownProse).not.toMatch(/(?<!\\)\]\(/);
    expect(prose).not.toContain('://');
  });

  it('has no live mention anywhere outside code', () => {
    expect(prose).not.toMatch(/@[A-Za-z0-9]/);
  });

  it('keeps every table row to its columns', () => {
    for (const row of reading.prose.filter((line) => line.startsWith('|'))) {
      expect(cellSeparators(row), row).toBe(
        row.startsWith('| Action') || /^\| [^|]+ \| \d+ \|$/.test(row) ? 3 : row.startsWith('| ---') && row.split('|').length === 4 ? 3 : 4,
      );
    }
  });

  it('keeps values inside their fenced diff blocks', () => {
    // One block per change with fields; every content line is a diff line the renderer wrote.
    expect(reading.blocks).toHaveLength(3);
    for (const line of reading.blocks.flat()) expect(line).toMatch(/^[+-] /);
    // The create's three fields (as the planner lists them), each on its own line: the hostile display name did not add or end any.
    expect(reading.blocks.map((block) => block.length).sort()).toEqual([2, 3, 5]);
  });

  it('keeps code spans closed where the renderer closed them', () => {
    for (const span of reading.spans) expect(span).not.toContain('\n');
    // The hostile value's own backticks did not end the location span early.
    expect(reading.spans.some((span) => span.includes('``` ```` `'))).toBe(true);
  });
});

describe('the hostile golden case', () => {
  it('is rendered without anything unsafe in either format', () => {
    const dir = fileURLToPath(new URL('../fixtures/render/hostile/', import.meta.url));
    const plan = JSON.parse(readFileSync(`${dir}plan.json`, 'utf8')) as Plan;
    expect(renderPlan(plan, 'text', { color: false })).not.toMatch(TERMINAL_UNSAFE);
    const prose = readMarkdown(renderPlan(plan, 'markdown', { color: false })).prose.join('\n');
    expect(prose).not.toMatch(/@[A-Za-z0-9]/);
    expect(prose).not.toMatch(/<(?!\/?(details|summary|code|strong)>)/);
  });
});

describe('apply JSON with hostile strings', () => {
  it('escapes C1, bidi and ##[ so the log cannot act on them, and parses back to the same outcomes', () => {
    const outcomes: ApplyOutcome[] = [
      { kind: 'relationship', address: hostile, action: 'update', status: 'failed', id: 'rs-aaaaaaaaaaaaa', error: hostile, note: hostile },
    ];
    const json = renderApplyJson({ outcomes, summary: summarizeOutcomes(outcomes) });
    expect(json).not.toMatch(TERMINAL_UNSAFE_OUTSIDE_JSON_LAYOUT);
    expect(json).not.toContain('##[');
    // The apply JSON result spells an outcome without its kind (as before kinds were a union).
    expect((JSON.parse(json) as { outcomes: unknown[] }).outcomes).toEqual(outcomes.map(({ kind: _kind, ...outcome }) => outcome));
  });
});
