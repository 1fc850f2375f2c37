import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MAX_EXPANDED_NODES, measureExpansion } from '../../src/desired/alias-expansion.js';
import { formatYaml } from '../../src/desired/format-yaml.js';
import { parseYaml, valuesOf } from '../../src/desired/parse-yaml.js';
import { load } from './helpers.js';

/** Issue 19 fault 3: aliases are bounded by what they expand to, measured in linear time. */
const HEADER = 'catalog: AWS\nprogramManagementAccountIdentifier: pma-u8ic702rtzng8\nrelationships:\n';
const PLAN = '&plan\n      resoldUnifiedOperations:\n        coverage: ENTIRE_ORGANIZATION\n        tamLocation: us-east-1\n';

/** `count` relationships, the first anchoring a support plan every other one shares. */
function sharedPlanFile(count: number): string {
  let text = HEADER;
  for (let i = 0; i < count; i++) {
    text += `  - associatedAccountId: "${100_000_000_000 + i}"\n    associationType: END_CUSTOMER\n    displayName: Customer ${i}\n    sector: COMMERCIAL\n`;
    text += `    requestedSupportPlan: ${i === 0 ? PLAN : '*plan\n'}`;
  }
  return text;
}

/** A list of `count` aliases of one small map (the issue's measurement). */
const aliasList = (count: number) => `plan: &plan {coverage: ENTIRE_ORGANIZATION, tamLocation: us-east-1}\nlist:\n${'  - *plan\n'.repeat(count)}`;

/** The classic bomb: nine levels of nine aliases of the level below (9^10 strings). */
function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `x${i}: &${'a'.repeat(i + 1)} [${Array(9)
        .fill(`*${'a'.repeat(i)}`)
        .join(', ')}]`,
    );
  return lines.join('\n') + '\n';
}

describe('alias expansion', () => {
  it('a billion laughs is refused at the first alias that expands beyond the limit, after a linear measurement', () => {
    const { documents, diagnostics } = valuesOf(parseYaml(billionLaughs()), 'relationships/a.yaml');
    expect(documents[0]?.ok).toBe(false);
    expect(diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual(['yaml-alias-limit@8:16']);
    expect(diagnostics[0]?.message).toContain('billion laughs');
    // 111 nodes (the root, 10 keys, 10 lists, 9 strings, 81 aliases), each entered and left once; not 9^10.
    const measured = measureExpansion(parseDocument(billionLaughs()));
    expect(measured.visited).toBe(2 * 111);
    expect(measured.nodes).toBe(MAX_EXPANDED_NODES + 1);
  });

  it('32,000 aliases of one anchor read, with work linear in the document', () => {
    const small = measureExpansion(parseDocument(aliasList(1_000)));
    const large = measureExpansion(parseDocument(aliasList(32_000)));
    // Each node entered and left once (the anchor's nodes once, not per alias): 32 times the aliases, 32 times the work.
    expect(large.visited).toBeLessThan(small.visited * 33);
    expect(large.visited).toBeLessThan(2 * (32_000 + 100));
    expect(large.nodes).toBe(1 + 2 + 5 + 1 + 32_000 * 5);
    const { documents, diagnostics } = valuesOf(parseYaml(aliasList(32_000)), 'relationships/a.yaml');
    expect(diagnostics).toEqual([]);
    const list = (documents[0]?.value as { list: unknown[] }).list;
    expect(list).toHaveLength(32_000);
    expect(list[31_999]).toEqual({ coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' });
  });

  it.each([101, 500])('%i relationships sharing one support-plan anchor validate (yaml refused over 100)', async (count) => {
    const { desired, diagnostics } = await load({ 'a.yaml': sharedPlanFile(count) });
    expect(diagnostics).toEqual([]);
    expect(desired.relationships).toHaveLength(count);
    expect(desired.relationships[count - 1]?.requestedSupportPlan).toEqual({ resoldUnifiedOperations: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } });
  });

  it('fmt formats 101 shared anchors and keeps the aliases', () => {
    const text = sharedPlanFile(101);
    const result = formatYaml(text);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.text.match(/\*plan/g)).toHaveLength(100);
  });

  it('the limit is on size: just within it reads, just over it is refused at the alias', () => {
    // a: 1,000 strings (1,001 nodes); b: 1,000 aliases of a (~1M nodes); then k aliases of b.
    const base = `a: &a [${Array(1_000).fill('x').join(', ')}]\nb: &b [${Array(1_000).fill('*a').join(', ')}]\n`;
    const within = measureExpansion(parseDocument(`${base}c: [*b, *b, *b]\n`));
    expect(within.largeAt).toBeUndefined();
    expect(within.nodes).toBeLessThanOrEqual(MAX_EXPANDED_NODES);
    const text = `${base}c: [*b, *b, *b, *b, *b]\n`;
    const over = valuesOf(parseYaml(text), 'relationships/a.yaml');
    expect(over.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual(['yaml-alias-limit@3:5']);
  });

  it('an alias with no anchor before it is an error at the alias, not an exception', () => {
    const { diagnostics } = valuesOf(parseYaml('a: *later\nb: &later x\n'), 'relationships/a.yaml');
    expect(diagnostics.map((d) => `${d.code}@${d.line}:${d.column}: ${d.message}`)).toEqual(['yaml-syntax@1:4: invalid YAML: alias *later names no anchor before it']);
  });

  it('an alias inside its own anchor is refused as endless nesting', () => {
    const { diagnostics } = valuesOf(parseYaml('a: &a\n  b: *a\n'), 'relationships/a.yaml');
    expect(diagnostics.map((d) => d.code)).toEqual(['yaml-too-deep']);
  });
});
