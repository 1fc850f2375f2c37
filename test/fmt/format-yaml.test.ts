import { describe, expect, it } from 'vitest';
import { formatYaml } from '../../src/desired/format-yaml.js';

const messy = `# yaml-language-server: $schema=../schema/relationships.schema.json
programManagementAccountIdentifier: pma-u8ic702rtzng8
catalog: AWS   # the default catalog
relationships:
    # Acme is our biggest customer
    - displayName: Acme Corp
      associatedAccountId: '111122223333'
      sector: COMMERCIAL
      tags: {z: "1", a: "2"}
      associationType: END_CUSTOMER   # keep
      requestedSupportPlan:
        resoldUnifiedOperations: {tamLocation: us-east-1, chargeAccountId: '444455556666', coverage: ENTIRE_ORGANIZATION}
---
relationships: []
`;

const canonical = `# yaml-language-server: $schema=../schema/relationships.schema.json
catalog: AWS # the default catalog
programManagementAccountIdentifier: pma-u8ic702rtzng8
relationships:
  # Acme is our biggest customer
  - associatedAccountId: "111122223333"
    associationType: END_CUSTOMER # keep
    displayName: Acme Corp
    sector: COMMERCIAL
    requestedSupportPlan:
      resoldUnifiedOperations:
        coverage: ENTIRE_ORGANIZATION
        tamLocation: us-east-1
        chargeAccountId: "444455556666"
    tags:
      a: "2"
      z: "1"
---
relationships: []
`;

describe('formatYaml', () => {
  it('orders keys, quotes account ids, sorts tags, uses block style and keeps every comment', () => {
    expect(formatYaml(messy)).toEqual({ ok: true, text: canonical });
  });

  it('is idempotent: canonical text formats to itself', () => {
    expect(formatYaml(canonical)).toEqual({ ok: true, text: canonical });
  });

  it('keeps unknown keys (after the known ones) so validate can still report them', () => {
    const result = formatYaml('relationships:\n  - displayNam: typo\n    associatedAccountId: "111122223333"\n');
    expect(result).toEqual({ ok: true, text: 'relationships:\n  - associatedAccountId: "111122223333"\n    displayNam: typo\n' });
  });

  it('refuses a numeric value rather than print it again and lose its leading zero', () => {
    const result = formatYaml('relationships:\n  - associatedAccountId: 011122223333\n');
    expect(result).toEqual({
      ok: false,
      line: 2,
      column: 26,
      message: '011122223333 is read as a number; quote it ("011122223333") and run fmt again',
    });
  });

  it('refuses a boolean tag value the same way', () => {
    expect(formatYaml('relationships:\n  - tags:\n      enabled: true\n')).toMatchObject({ ok: false, line: 3, column: 16 });
  });

  it('reports a syntax error with its position instead of writing anything', () => {
    const result = formatYaml('relationships:\n  - a: [1, 2\nb: 3\n');
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ ok: false, line: 3, column: 1 });
  });

  it('reports duplicate keys', () => {
    const result = formatYaml('catalog: AWS\ncatalog: AWS\n');
    expect(result).toMatchObject({ ok: false, line: 2, column: 1 });
    expect(!result.ok && result.message).toMatch(/unique/i);
  });

  it('refuses a key YAML reads as a number or boolean: printing it again would change it (007 → 7)', () => {
    const result = formatYaml('relationships:\n  - tags:\n      007: bond\n');
    expect(result).toEqual({ ok: false, line: 3, column: 7, message: '007 is read as a number; quote it ("007") and run fmt again' });
    expect(formatYaml('relationships:\n  - tags:\n      true: x\n')).toMatchObject({ ok: false, line: 3, column: 7 });
  });

  it('leaves a file of only comments as it is (there is no document to format, but the comments are content)', () => {
    for (const text of ['# a note for later\n', '# one\n\n# two\n', '']) expect(formatYaml(text)).toEqual({ ok: true, text });
  });

  it('refuses, instead of throwing, when sorting keys would put an alias before its anchor', () => {
    const text = 'relationships:\n  - tags:\n      a: &name Acme\n    displayName: *name\n    associatedAccountId: "111122223333"\n';
    const result = formatYaml(text);
    expect(result).toMatchObject({ ok: false, line: 4, column: 18 });
    expect(!result.ok && result.message).toMatch(/alias.*: name$/);
    expect(formatYaml('base: &b\n  catalog: AWS\nrelationships:\n  - <<: *b\n')).toMatchObject({ ok: false });
  });

  it('keeps anchors and aliases that stay in order', () => {
    const text =
      'relationships:\n  - associatedAccountId: "111122223333"\n    requestedSupportPlan: &plan\n      partnerLedSupport:\n        coverage: ENTIRE_ORGANIZATION\n        tamLocation: us-east-1\n  - associatedAccountId: "222233334444"\n    requestedSupportPlan: *plan\n';
    expect(formatYaml(text)).toEqual({ ok: true, text });
  });

  it('is idempotent with empty documents (a trailing or doubled ---)', () => {
    for (const text of ['relationships: []\n---\n', 'relationships: []\n---\n---\nrelationships: []\n']) {
      const once = formatYaml(text);
      expect(once).toEqual({ ok: true, text });
    }
  });

  it.each([
    ['a blank line before a key that moves to the top', '# header\nprogramManagementAccountIdentifier: pma-u8ic702rtzng8\n\ncatalog: AWS\nrelationships: []\n'],
    ['a blank line inside an entry', 'relationships:\n  - displayName: x\n\n    associatedAccountId: "111122223333"\n'],
    ["a comment on the key that becomes an entry's first", 'relationships:\n  - displayName: x\n    # about the id\n    associatedAccountId: "111122223333"\n'],
    ['a blank line between tags', 'relationships:\n  - tags:\n      z: "1"\n\n      a: "2"\n'],
    ['a comment, then ... with no document', '# c1\n...\n# c2\ncatalog: AWS\nrelationships: []\n'],
  ])('formats its own output to itself: %s', (_name, text) => {
    const once = formatYaml(text);
    if (!once.ok) throw new Error(once.message);
    expect(once.text.startsWith('\n')).toBe(false);
    expect(once.text).not.toMatch(/[ \t]+$/m);
    expect(formatYaml(once.text)).toEqual(once);
  });
});
