import { describe, expect, it } from 'vitest';
import { load } from './helpers.js';

describe('DesiredState.scopes: the PMAs the files speak for', () => {
  it('includes a PMA named only by a document with an empty relationships list', async () => {
    const { desired, diagnostics } = await load({
      'a.yaml': 'catalog: AWS\nprogramManagementAccountIdentifier: pma-u8ic702rtzng8\nrelationships: []\n',
      'b.yaml': [
        'catalog: Sandbox',
        'relationships:',
        '  - programManagementAccountIdentifier: arn:aws:partnercentral:us-east-1:123456789012:catalog/Sandbox/program-management-account/pma-7h2k9x4m1q3w5',
        '    associatedAccountId: "111122223333"',
        '    associationType: INTERNAL',
        '    displayName: Ops',
        '    sector: COMMERCIAL',
        '',
      ].join('\n'),
    });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(desired.relationships).toHaveLength(1);
    // Sorted by catalog, then PMA; an ARN counts as its bare id. Each says where the files first name it.
    expect(desired.scopes).toEqual([
      { catalog: 'AWS', pmaId: 'pma-u8ic702rtzng8', source: { file: 'relationships/a.yaml', line: 2, column: 37 } },
      { catalog: 'Sandbox', pmaId: 'pma-7h2k9x4m1q3w5', source: { file: 'relationships/b.yaml', line: 3, column: 5 } },
    ]);
  });

  it('leaves out defaults that failed the schema, and lists each PMA once', async () => {
    const entry = (account: string) =>
      [`  - associatedAccountId: "${account}"`, '    associationType: INTERNAL', '    displayName: Ops', '    sector: COMMERCIAL'].join('\n');
    const { desired, diagnostics } = await load({
      'bad.yaml': 'catalog: AWS\nprogramManagementAccountIdentifier: not-a-pma\nrelationships: []\n',
      'good.yaml': `catalog: AWS\nprogramManagementAccountIdentifier: pma-u8ic702rtzng8\nrelationships:\n${entry('111122223333')}\n${entry('222233334444')}\n`,
    });
    expect(diagnostics.some((d) => d.file === 'relationships/bad.yaml' && d.severity === 'error')).toBe(true);
    expect(desired.scopes).toEqual([{ catalog: 'AWS', pmaId: 'pma-u8ic702rtzng8', source: { file: 'relationships/good.yaml', line: 2, column: 37 } }]);
  });
});
