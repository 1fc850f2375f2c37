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
});
