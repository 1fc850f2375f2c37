/**
 * Behaviour of the renderers beyond the golden files: the summary line's exact forms, what is hidden,
 * colours, determinism, the JSON form, and the shared formatting helpers apply's output reuses.
 */
import { describe, expect, it } from 'vitest';
import type { RelationshipChange } from '../../src/kinds/relationship/relationship-change.js';
import type { Plan, PlannedChange } from '../../src/plan/plan-types.js';
import { formatBefore, formatFieldLine, freshnessLine, summaryLine } from '../../src/render/format.js';
import { formatValue } from '../../src/render/format-value.js';
import { isPlanFormat, PLAN_FORMATS, renderPlan } from '../../src/render/index.js';
import { createChange, makePlan } from '../support/plan-builders.js';
import { addressFor } from '../support/state-builders.js';

const update = (account: string, extra: Partial<RelationshipChange> = {}): RelationshipChange => ({
  kind: 'relationship',
  address: addressFor(account),
  action: 'update',
  id: `rs-${account}`,
  revision: '1',
  source: { file: 'relationships/a.yaml', line: 1 },
  fields: [{ name: 'displayName', before: 'A', after: 'B' }],
  ...extra,
});
const ofAction = (account: string, action: PlannedChange['action'], extra: Partial<RelationshipChange> = {}) => update(account, { action, ...extra });
const text = (plan: Plan) => renderPlan(plan, 'text', { color: false });
const lastLine = (output: string) => output.trimEnd().split('\n').at(-1);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('summary line', () => {
  it('has exactly the terraform-like form', () => {
    const plan = makePlan({ changes: [createChange('111111111111', { displayName: 'A' }), createChange('222222222222', { displayName: 'B' }), update('333333333333')] });
    expect(lastLine(text(plan))).toBe('Plan: 2 to create, 1 to update, 0 to delete.');
  });

  it('adds adopt and replace only when there are any, in a fixed order', () => {
    const plan = makePlan({
      changes: [
        createChange('111111111111', { displayName: 'A' }),
        ofAction('222222222222', 'adopt'),
        update('333333333333'),
        update('444444444444'),
        ofAction('555555555555', 'replace', { reason: 'sector cannot be changed in place' }),
      ],
    });
    expect(lastLine(text(plan))).toBe('Plan: 1 to create, 1 to adopt, 2 to update, 1 to replace, 0 to delete.');
  });

  it('names blocked replacements', () => {
    const summary = makePlan({ changes: [ofAction('1', 'replace', { blocked: true }), ofAction('2', 'replace')] }).summary;
    expect(summaryLine(summary)).toBe('Plan: 0 to create, 0 to update, 2 to replace (1 blocked), 0 to delete.');
  });
});

describe('text', () => {
  it('says there is nothing to do when every change is a no-op, and hides the no-ops', () => {
    const plan = makePlan({ changes: [ofAction('111111111111', 'no-op', { fields: [] })] });
    expect(text(plan)).toBe('No changes. Live state matches the files.\n');
  });

  it('does not claim "No changes" when the plan has errors', () => {
    const plan = makePlan({ errors: [{ code: 'x', message: 'broken' }] });
    expect(text(plan)).not.toContain('No changes');
    expect(text(plan)).toContain('Error: broken [x]');
  });

  it('shows a no-op that carries a warning', () => {
    const plan = makePlan({ changes: [ofAction('111111111111', 'no-op', { fields: [], warnings: ['support plan removed'] })] });
    expect(text(plan)).toContain('Warning: support plan removed');
    expect(text(plan)).toContain('No changes. Live state matches the files.');
  });

  it('marks a blocked replacement with ! and its reason, and a replace with -/+', () => {
    const plan = makePlan({
      changes: [
        ofAction('111111111111', 'replace', { blocked: true, reason: 'sector cannot be changed in place: plan with --allow-replace' }),
        ofAction('222222222222', 'replace', { reason: 'sector cannot be changed in place' }),
      ],
    });
    expect(text(plan)).toContain(`  ! ${addressFor('111111111111')} replacement blocked: sector cannot be changed in place: plan with --allow-replace\n`);
    expect(text(plan)).toContain(`-/+ ${addressFor('222222222222')} must be replaced (sector cannot be changed in place)\n`);
    expect(text(plan)).toContain('1 replacement is blocked and will not be applied');
  });

  it('counts every kind in one fixed order: shared actions, service periods, releases, then notes', () => {
    const summary = {
      create: 1,
      adopt: 1,
      update: 1,
      replace: 1,
      delete: 1,
      noOp: 0,
      unmanaged: 0,
      blocked: 1,
      request: 2,
      revoke: 1,
      withdraw: 3,
      release: 1,
      underServicePeriod: 1,
    };
    const others =
      '2 service periods to request, 1 service period to revoke, 3 pending service-period handshakes to withdraw, 1 to release, ' +
      '1 of the deletes under an accepted service period.';
    expect(summaryLine(summary)).toBe(`Plan: 1 to create, 1 to adopt, 1 to update, 1 to replace (1 blocked), 1 to delete, ${others}`);
    expect(summaryLine({ ...summary, request: 1, revoke: 2, withdraw: 1 })).toContain(
      '1 service period to request, 2 service periods to revoke, 1 pending service-period handshake to withdraw,',
    );
    const markdown = renderPlan(makePlan({ changes: [update('111111111111')] }), 'markdown', { color: false });
    const rows = renderPlan({ ...makePlan({ changes: [update('111111111111')] }), summary }, 'markdown', { color: false });
    expect(markdown).not.toContain('service period');
    expect(rows).toContain(
      [
        '| `-` delete | 1 |',
        '| `>>` service period to request | 2 |',
        '| `<<` service period to revoke | 1 |',
        '| `~~` pending service-period handshake to withdraw | 3 |',
        '| `=>` release (stop managing, keep) | 1 |',
        '| deletes under an accepted service period | 1 |',
        '| no change | 0 |',
      ].join('\n'),
    );
    expect(rows).toContain(`**Plan: 1 to delete, 1 to create, 1 to adopt, 1 to update, 1 to replace (1 blocked), ${others}**`);
  });

  it('a partial plan names its targets and what comes with them', () => {
    const targeted = (targets: string[]) => renderPlan(makePlan({ options: { prune: false, allowReplace: false, targets } }), 'text', { color: false }).split('\n')[0];
    expect(targeted(['AWS/a'])).toBe('Partial plan (--target): only AWS/a, with its service period; anything else the files call for is neither shown nor applied.');
    expect(targeted(['AWS/a', 'AWS/b'])).toBe(
      'Partial plan (--target): only AWS/a, AWS/b, with their service periods; anything else the files call for is neither shown nor applied.',
    );
  });

  it('lists unmanaged relationships by address and id', () => {
    const plan = makePlan({ unmanaged: [{ address: addressFor('999999999999'), id: 'rs-9', displayName: 'Legacy' }] });
    expect(text(plan)).toContain(`Unmanaged (not in any file, never touched): 1\n    ${addressFor('999999999999')} id rs-9 "Legacy"\n`);
  });

  it('colours only when asked, with one colour per action', () => {
    const plan = makePlan({
      changes: [
        createChange('111111111111', { displayName: 'A' }),
        update('222222222222'),
        ofAction('333333333333', 'adopt'),
        ofAction('444444444444', 'replace'),
        ofAction('555555555555', 'delete', { fields: [] }),
      ],
    });
    expect(text(plan)).not.toContain('\u001b');
    const coloured = renderPlan(plan, 'text', { color: true });
    expect(coloured).toContain('\u001b[32m  +\u001b[39m'); // green
    expect(coloured).toContain('\u001b[33m  ~\u001b[39m'); // yellow
    expect(coloured).toContain('\u001b[36m  ~\u001b[39m'); // cyan: an adopt that updates
    expect(coloured).toContain('\u001b[35m-/+\u001b[39m'); // magenta
    expect(coloured).toContain('\u001b[31m  -\u001b[39m'); // red
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(text(plan));
  });

  it('shows an adopt as terraform shows an import: no symbol of its own, `~` when it updates, and where it is adopted from', () => {
    const plan = makePlan({ changes: [ofAction('111111111111', 'adopt'), ofAction('222222222222', 'adopt', { fields: [] })] });
    const [updating, tagging] = [addressFor('111111111111'), addressFor('222222222222')];
    expect(text(plan)).toContain(
      `  ~ ${updating} will be adopted (updated, then tagged as managed)\n      # relationships/a.yaml:1, adopted from rs-111111111111\n      ~ displayName: "A" → "B"\n`,
    );
    expect(text(plan)).toContain(`\n    ${tagging} will be adopted (tagged as managed)\n      # relationships/a.yaml:1, adopted from rs-222222222222\n`);
    const markdown = renderPlan(plan, 'markdown', { color: false });
    expect(markdown).toContain(`<summary><code>~</code> <code>${updating}</code> will be adopted (updated, then tagged as managed)</summary>`);
    expect(markdown).toContain(`<summary><code>${tagging}</code> will be adopted (tagged as managed)</summary>`);
    expect(markdown).toContain('At `relationships/a.yaml:1, adopted from rs-222222222222`');
    expect(markdown).toContain('\n| adopt | 2 |\n');
    expect(text(plan) + markdown).not.toContain('<=');
    expect(text(plan) + markdown).not.toContain('&lt;=');
  });

  it('is deterministic and never mutates the plan', () => {
    const plan = deepFreeze(makePlan({ changes: [createChange('111111111111', { displayName: 'A' }), update('222222222222')] }));
    for (const format of PLAN_FORMATS) {
      expect(renderPlan(plan, format, { color: true })).toBe(renderPlan(plan, format, { color: true }));
    }
  });
});

describe('json', () => {
  it('is JSON.stringify of the plan with two-space indent and a newline', () => {
    const plan = makePlan({ changes: [createChange('111111111111', { displayName: 'Acme' })] });
    expect(renderPlan(plan, 'json', { color: true })).toBe(`${JSON.stringify(plan, null, 2)}\n`);
  });

  it('writes C1 and bidi controls as \\u escapes, so the value parses back the same', () => {
    const plan = makePlan({ changes: [createChange('111111111111', { displayName: 'a\u009b2Jb\u202Ec\u2028' })] });
    const json = renderPlan(plan, 'json', { color: false });
    expect(json).not.toMatch(/[\u0080-\u009f\u202e\u2028]/);
    expect(json).toContain('a\\u009b2Jb\\u202ec\\u2028');
    expect(JSON.parse(json)).toEqual(plan);
  });

  it('writes the [ of a ##[ as \\u005b: the Actions runner would read ##[command] in the log, JSON.parse reads the same', () => {
    const plan = makePlan({ changes: [createChange('111111111111', { displayName: 'x##[stop-commands]y' })] });
    const json = renderPlan(plan, 'json', { color: false });
    expect(json).not.toContain('##[');
    expect(json).toContain('x##\\u005bstop-commands]y');
    expect(JSON.parse(json)).toEqual(plan);
  });
});

describe('format helpers', () => {
  /** The change a field belongs to: its kind words the field's values. */
  const relationship = update('111111111111');

  it('formats values as one line of JSON, absence as (none)', () => {
    expect(formatValue('Acme')).toBe('"Acme"');
    expect(formatValue({ resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION' } })).toBe('{"resoldEnterprise":{"coverage":"ENTIRE_ORGANIZATION"}}');
    expect(formatValue(undefined)).toBe('(none)');
    expect(formatValue('a\nb')).toBe('"a\\nb"');
  });

  it('shows a support plan nobody can read as (unknown) or by its fingerprint', () => {
    expect(formatBefore(relationship, { name: 'requestedSupportPlan', before: 'unknown', beforeUnknown: true })).toBe('(unknown)');
    const fingerprint = `sha256:${'ab'.repeat(16)}`;
    expect(formatBefore(relationship, { name: 'requestedSupportPlan', before: fingerprint, beforeUnknown: true })).toBe(`(fingerprint ${fingerprint})`);
    expect(formatBefore(relationship, { name: 'requestedSupportPlan', before: 'sha256:ab', beforeUnknown: true })).toBe(
      '(unknown: pcc:support-plan holds "sha256:ab", which pcc did not write)',
    );
    expect(formatBefore(relationship, { name: 'displayName', before: 'unknown' })).toBe('"unknown"');
  });

  it('writes one line per field change type', () => {
    expect(formatFieldLine(relationship, { name: 'tags.a', after: '1' })).toEqual({ symbol: '+', text: 'tags.a = "1"' });
    expect(formatFieldLine(relationship, { name: 'tags.a', before: '1' })).toEqual({ symbol: '-', text: 'tags.a = "1"' });
    expect(formatFieldLine(relationship, { name: 'displayName', before: 'Acme', after: 'Acme Corp' })).toEqual({
      symbol: '~',
      text: 'displayName: "Acme" → "Acme Corp"',
    });
    expect(formatFieldLine(relationship, { name: 'sector', before: 'COMMERCIAL', after: 'GOVERNMENT', forcesReplace: true }).text).toBe(
      'sector: "COMMERCIAL" → "GOVERNMENT"  # forces replacement',
    );
    expect(formatFieldLine(relationship, { name: 'requestedSupportPlan', before: 'unknown', beforeUnknown: true, after: { x: 1 } }).text).toBe(
      'requestedSupportPlan: (unknown) → {"x":1}',
    );
  });

  it('knows the three formats', () => {
    expect(PLAN_FORMATS).toEqual(['text', 'markdown', 'json']);
    expect(isPlanFormat('markdown')).toBe(true);
    expect(isPlanFormat('html')).toBe(false);
  });
});

describe('the freshness line (summary.freshness)', () => {
  const base = { listedAt: '2026-12-08T06:23:04.512Z', tagsReadNow: 512, tagsReused: 49488 };
  const withFreshness = (freshness: NonNullable<Plan['summary']['freshness']>) => {
    const plan = makePlan({});
    return { ...plan, summary: { ...plan.summary, reads: 512, readsSaved: 49488, freshness } };
  };

  it('says when the lists were made, how many tags were read and reused, since when, and the rolling bound', () => {
    const rolling = { ...base, oldestTagsReadAt: '2026-11-29T06:23:11.020Z', verifyEvery: 10 };
    expect(freshnessLine(withFreshness(rolling).summary)).toBe(
      'Freshness: listed 2026-12-08T06:23Z; 512 tag sets read then, 49,488 reused from the refresh cache (read since 2026-11-29T06:23Z; each read again at least every 10 runs).',
    );
    expect(lastLine(text(withFreshness(rolling)))).toBe(freshnessLine(withFreshness(rolling).summary));
    const markdown = renderPlan(withFreshness(rolling), 'markdown', { color: false });
    expect(markdown).toContain(`<sub>${freshnessLine(withFreshness(rolling).summary)}</sub>`);
  });

  it('leaves out the rolling bound for a cached refresh, and the parenthesis when nothing was reused', () => {
    expect(freshnessLine(withFreshness({ ...base, oldestTagsReadAt: '2026-11-29T06:23:11.020Z' }).summary)).toBe(
      'Freshness: listed 2026-12-08T06:23Z; 512 tag sets read then, 49,488 reused from the refresh cache (read since 2026-11-29T06:23Z).',
    );
    expect(freshnessLine(withFreshness({ listedAt: base.listedAt, tagsReadNow: 1, tagsReused: 0, verifyEvery: 1 }).summary)).toBe(
      'Freshness: listed 2026-12-08T06:23Z; 1 tag set read then, 0 reused from the refresh cache.',
    );
  });

  it('prints nothing for a plan without it (one not made from live state)', () => {
    const plan = makePlan({});
    expect(freshnessLine(plan.summary)).toBeUndefined();
    expect(text(plan)).not.toContain('Freshness');
  });

  it('never prints a time or count of a saved plan as given: what is not a plan time or a whole number shows as unknown', () => {
    const hostile = {
      listedAt: '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u001b[2J',
      tagsReadNow: '\u001b[31m1' as unknown as number,
      tagsReused: 2,
      oldestTagsReadAt: '2026-11-29T06:23</sub><img src=x onerror=alert(1)>[approve](https://evil.example)',
      verifyEvery: 1.5,
    };
    expect(freshnessLine(withFreshness(hostile).summary)).toBe(
      'Freshness: listed an unknown time; ? tag sets read then, 2 reused from the refresh cache (read since an unknown time; each read again at least every ? runs).',
    );
    const plan = withFreshness(hostile);
    const odd = { ...plan, summary: { ...plan.summary, reads: Number.NaN, readsSaved: '<b>' as unknown as number } };
    for (const output of [text(odd), renderPlan(odd, 'markdown', { color: false })]) {
      expect(output).not.toContain('\u001b');
      expect(output).not.toContain('<img');
      expect(output).not.toContain('<b>');
      expect(output).not.toContain('evil.example');
      expect(output).toContain('Refresh: ? tag and detail reads made, ? avoided by the refresh cache.');
    }
  });
});
