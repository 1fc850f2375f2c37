import { describe, expect, it } from 'vitest';
import type { ApplyOutcome } from '../../src/apply/outcome.js';
import { summarizeOutcomes } from '../../src/apply/outcome.js';
import { renderApplyAnnotations } from '../../src/report/github-annotations.js';
import { renderApplyJson, renderApplyMarkdown, renderApplySummary, renderOutcomeLine, renderReplaceWarning, summaryText } from '../../src/render/render-apply.js';

const A = 'AWS/pma-abcdefghijk12/111122223333';
const outcomes: ApplyOutcome[] = [
  { kind: 'relationship', address: A, action: 'create', status: 'succeeded', id: 'rs-aaaaaaaaaaaaa' },
  { kind: 'relationship', address: A, action: 'update', status: 'succeeded', id: 'rs-bbbbbbbbbbbbb' },
  { kind: 'relationship', address: A, action: 'replace', status: 'succeeded', id: 'rs-ccccccccccccc', replacedId: 'rs-ddddddddddddd' },
  { kind: 'relationship', address: A, action: 'delete', status: 'skipped', id: 'rs-eeeeeeeeeeeee', note: 'already deleted' },
  { kind: 'relationship', address: A, action: 'update', status: 'failed', id: 'rs-fffffffffffff', error: 'changed since the plan; plan again\u001b[2J' },
];

describe('apply output', () => {
  it('one line per outcome, terminal-safe, no colour when off', () => {
    const lines = outcomes.map((o) => renderOutcomeLine(o, { color: false }));
    expect(lines).toEqual([
      `+ created ${A} (rs-aaaaaaaaaaaaa)\n`,
      `~ updated ${A} (rs-bbbbbbbbbbbbb)\n`,
      `-/+ replaced ${A} (rs-ddddddddddddd → rs-ccccccccccccc)\n`,
      `· skipped delete ${A} (rs-eeeeeeeeeeeee): already deleted\n`,
      `✗ failed update ${A} (rs-fffffffffffff): changed since the plan; plan again\n`,
    ]);
    expect(renderOutcomeLine(outcomes[0]!, { color: true })).toContain('\u001b[');
  });

  it('summary counts, with adopted/replaced/skipped only when non-zero, and each failure again', () => {
    const summary = summarizeOutcomes(outcomes);
    expect(summary).toEqual({ created: 1, updated: 1, adopted: 0, replaced: 1, deleted: 0, failed: 1, skipped: 1 });
    expect(summaryText(summary)).toBe('Apply complete: 1 created, 1 updated, 1 replaced, 0 deleted, 1 skipped, 1 failed.');
    expect(summaryText({ created: 3, updated: 2, adopted: 0, replaced: 0, deleted: 0, failed: 1, skipped: 0 })).toBe(
      'Apply complete: 3 created, 2 updated, 0 deleted, 1 failed.',
    );
    const text = renderApplySummary({ outcomes, summary }, { color: false });
    // The log says how it ended, as the job summary does: a failed apply is not "complete".
    expect(text).toContain('Apply failed: 1 created, 1 updated, 1 replaced, 0 deleted, 1 skipped, 1 failed.');
    const sentNotProven = [outcomes[0]!, { ...outcomes[0]!, status: 'unknown' as const, error: 'answered, not read back' }];
    expect(renderApplySummary({ outcomes: sentNotProven, summary: summarizeOutcomes(sentNotProven) }, { color: false })).toContain('Apply incomplete: ');
    expect(text).toContain(`✗ update ${A}: changed since the plan; plan again`);
    expect(text).not.toContain('\u001b');
  });

  it('the summary groups failures of one kind: 80 denied creates are two lines, not 80', () => {
    const denied = Array.from({ length: 80 }, (_, i): ApplyOutcome => {
      const account = String(100000000000 + i);
      return {
        kind: 'relationship',
        address: `AWS/pma-abcdefghijk12/${account}`,
        action: 'create',
        status: 'failed',
        error: `CreateRelationship was denied (403 AccessDeniedException: not authorized for account ${account})`,
      };
    });
    const other: ApplyOutcome = { kind: 'relationship', address: A, action: 'update', status: 'failed', error: 'changed since the plan; plan again' };
    const all = [...denied, other];
    const text = renderApplySummary({ outcomes: all, summary: summarizeOutcomes(all) }, { color: false });
    const failures = text
      .slice(text.indexOf('Failed changes:'))
      .split('\n')
      .filter((line) => line.startsWith('  '));
    expect(failures).toEqual([
      '  ✗ 80 changes failed alike, e.g. create AWS/pma-abcdefghijk12/100000000000: CreateRelationship was denied (403 AccessDeniedException: not authorized for account 100000000000)',
      '      create AWS/pma-abcdefghijk12/100000000000, create AWS/pma-abcdefghijk12/100000000001, create AWS/pma-abcdefghijk12/100000000002, create AWS/pma-abcdefghijk12/100000000003, create AWS/pma-abcdefghijk12/100000000004 and 75 more',
      `  ✗ update ${A}: changed since the plan; plan again`,
    ]);
  });

  it('json: versioned outcomes and summary, raw data', () => {
    const json = JSON.parse(renderApplyJson({ outcomes, summary: summarizeOutcomes(outcomes) })) as Record<string, unknown>;
    expect(json.formatVersion).toBe(1);
    expect((json.outcomes as unknown[])[0]).toEqual({ address: A, action: 'create', status: 'succeeded', id: 'rs-aaaaaaaaaaaaa' });
    expect((json.summary as Record<string, number>).failed).toBe(1);
  });

  it('a service-period withdraw: its symbol, the handshakes it canceled, and their count (also from a failed one)', () => {
    const withdraw: ApplyOutcome = { address: 'AWS/pma-x/111122223333', action: 'update', kind: 'servicePeriod', status: 'succeeded', withdrawn: ['ch-a', 'ch-b'] };
    const partly: ApplyOutcome = {
      ...withdraw,
      address: 'AWS/pma-x/444455556666',
      status: 'failed',
      withdrawn: ['ch-c'],
      error: 'the customer accepted the revoke ch-d',
    };
    expect(renderOutcomeLine(withdraw, { color: false })).toBe('~~ pending service-period handshakes withdrawn AWS/pma-x/111122223333 (ch-a, ch-b)\n');
    const result = { outcomes: [withdraw, partly], summary: summarizeOutcomes([withdraw, partly]) };
    expect(result.summary).toMatchObject({ updated: 0, failed: 1, withdrawn: 3 });
    expect(summaryText(result.summary)).toBe('Apply complete: 0 created, 0 updated, 0 deleted, 3 pending handshakes withdrawn, 1 failed.');
    expect(JSON.parse(renderApplyJson(result)).outcomes[0]).toMatchObject({ action: 'update', withdrawn: ['ch-a', 'ch-b'] });
    expect(renderApplyMarkdown(result)).toContain('| `~~` done | AWS/pma\\-x/111122223333 | update | ch\\-a, ch\\-b |');
  });

  it('an adopt reads as terraform shows an import: no symbol of its own', () => {
    const adopted: ApplyOutcome = { kind: 'relationship', address: A, action: 'adopt', status: 'succeeded', id: 'rs-aaaaaaaaaaaaa' };
    expect(renderOutcomeLine(adopted, { color: false })).toBe(`adopted ${A} (rs-aaaaaaaaaaaaa)\n`);
    const markdown = renderApplyMarkdown({ outcomes: [adopted], summary: summarizeOutcomes([adopted]) });
    expect(markdown).toContain('| done | AWS/pma\\-abcdefghijk12/111122223333 | adopt | rs\\-aaaaaaaaaaaaa |');
    expect(markdown).toContain('**Apply complete: 0 created, 1 adopted, 0 updated, 0 deleted, 0 failed.**');
  });

  it('the replace warning is loud and empty when nothing is replaced', () => {
    expect(renderReplaceWarning([], { color: false })).toBe('');
    const text = renderReplaceWarning([{ kind: 'relationship', address: A, action: 'replace', id: 'rs-ddddddddddddd', fields: [], reason: 'sector cannot change' }], {
      color: false,
    });
    expect(text).toMatch(/WARNING: 1 relationship will be DELETED and created again/);
    expect(text).toContain(`-/+ ${A} rs-ddddddddddddd (sector cannot change)`);
  });

  it('a service period replaced (revoked and requested again) deletes no relationship: no replace warning', () => {
    const terms = { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' };
    const servicePeriod = { catalog: 'AWS', programManagementAccountIdentifier: 'pma-abcdefghijk12', terms, handshakeId: 'ch-a', revoke: 'ch-a' };
    const replaced = { kind: 'servicePeriod' as const, address: A, action: 'replace' as const, id: 'rs-ddddddddddddd', fields: [], servicePeriod };
    expect(renderReplaceWarning([replaced], { color: false })).toBe('');
    const both = renderReplaceWarning([replaced, { kind: 'relationship', address: A, action: 'replace', id: 'rs-ddddddddddddd', fields: [] }], { color: false });
    expect(both).toMatch(/^WARNING: 1 relationship will be DELETED and created again/);
  });
});

describe('apply annotations (GitHub Actions)', () => {
  it('one ::error per failed change, on its file entry, escaped', () => {
    const failed: ApplyOutcome = {
      kind: 'relationship',
      address: A,
      action: 'update',
      status: 'failed',
      error: 'changed since the plan; plan again: 100%',
      source: { file: 'relationships/a,b.yaml', line: 4 },
    };
    expect(renderApplyAnnotations({ outcomes: [outcomes[0]!, failed], summary: summarizeOutcomes([failed]) })).toBe(
      `::error file=relationships/a%2Cb.yaml,line=4,title=pcc apply%3A update failed::${A}: changed since the plan; plan again: 100%25\n`,
    );
  });
});
