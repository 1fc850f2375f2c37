/**
 * `programManagementAccounts:` in the files: the section with the document's catalog default, and its named rules
 * (unique names and addresses across files, a name that is not a PMA id, catalog after defaults, reserved tags).
 */
import { describe, expect, it } from 'vitest';
import { brief, briefs, HEADER, entry, load, only } from './helpers.js';

const PMAS = 'catalog: AWS\nprogramManagementAccounts:\n';

/** A valid PMA entry's lines (entry fields at 4 spaces), `overrides` replacing or adding fields (null removes one). */
function pma(overrides: Record<string, string | null> = {}): string {
  const fields: Record<string, string | null> = { name: 'emea', program: 'DISTRIBUTION', accountId: '"123456789012"', displayName: 'EMEA distribution', ...overrides };
  const lines = Object.entries(fields).filter((e): e is [string, string] => e[1] !== null);
  return lines.map(([key, value], i) => `${i === 0 ? '  - ' : '    '}${key}: ${value}\n`).join('');
}

describe('programManagementAccounts', () => {
  it('loads a declared PMA with the document catalog, its address, tags and source', async () => {
    const { desired, diagnostics } = await load({ 'pmas.yaml': `${PMAS}${pma({ tags: '{team: emea}' })}` });
    expect(diagnostics).toEqual([]);
    expect(desired.programManagementAccounts).toEqual([
      {
        name: 'emea',
        catalog: 'AWS',
        program: 'DISTRIBUTION',
        accountId: '123456789012',
        displayName: 'EMEA distribution',
        tags: { team: 'emea' },
        address: 'AWS/DISTRIBUTION/123456789012',
        source: { file: 'relationships/pmas.yaml', line: 3, column: 5 },
        entry: { docIndex: 0, index: 0 },
      },
    ]);
    expect(desired.relationships).toEqual([]);
  });

  it('takes a document with PMAs and relationships, an entry catalog and an id pin; a document with neither section is refused', async () => {
    const { desired, diagnostics } = await load({
      'a.yaml': `${HEADER}${entry()}programManagementAccounts:\n${pma({ catalog: 'Sandbox', id: 'pma-aaaaaaaaaaaa1' })}`,
      'b.yaml': 'catalog: AWS\n',
    });
    expect(briefs(diagnostics)).toEqual(['schema-required@1:1']);
    expect(only(diagnostics, 'schema-required').message).toBe('this document has no relationships');
    expect(desired.relationships).toHaveLength(1);
    expect(desired.programManagementAccounts.map((p) => [p.address, p.id])).toEqual([['Sandbox/DISTRIBUTION/123456789012', 'pma-aaaaaaaaaaaa1']]);
  });

  it('refuses a name used twice across files, naming both places', async () => {
    const { desired, diagnostics } = await load({
      'a.yaml': PMAS + pma(),
      'b.yaml': PMAS + pma({ accountId: '"210987654321"' }),
    });
    const duplicate = only(diagnostics, 'pma-name-duplicate');
    expect(brief(duplicate)).toBe('pma-name-duplicate@3:11');
    expect(duplicate.file).toBe('relationships/b.yaml');
    expect(duplicate.message).toBe('program management account name "emea" is declared twice: here and at relationships/a.yaml:3:5');
    expect(desired.programManagementAccounts.map((p) => p.accountId)).toEqual(['123456789012']);
  });

  it('refuses one address declared twice (same catalog, program and account), not the same account in another program or catalog', async () => {
    const { desired, diagnostics } = await load({
      'a.yaml': PMAS + pma() + pma({ name: 'emea-2' }) + pma({ name: 'sp', program: 'SOLUTION_PROVIDER' }) + pma({ name: 'sandbox', catalog: 'Sandbox' }),
    });
    expect(briefs(diagnostics)).toEqual(['pma-address-duplicate@7:5']);
    expect(only(diagnostics, 'pma-address-duplicate').message).toBe(
      'program management account AWS/DISTRIBUTION/123456789012 is declared twice: here and at relationships/a.yaml:3:5',
    );
    expect(desired.programManagementAccounts.map((p) => p.name)).toEqual(['emea', 'sp', 'sandbox']);
  });

  it('refuses a name that is a PMA id, and the same id pinned twice', async () => {
    const { desired, diagnostics } = await load({
      'a.yaml':
        PMAS +
        pma({ name: 'pma-abcdefghij123' }) +
        pma({ name: 'a', accountId: '"111111111111"', id: 'pma-aaaaaaaaaaaa1' }) +
        pma({ name: 'b', accountId: '"222222222222"', id: 'pma-aaaaaaaaaaaa1' }),
    });
    expect(briefs(diagnostics)).toEqual(['pma-name-is-id@3:11', 'duplicate-id@16:9']);
    expect(only(diagnostics, 'pma-name-is-id').hint).toMatch(/id: pma-/);
    expect(desired.programManagementAccounts.map((p) => p.name)).toEqual(['a']);
  });

  it('refuses an entry without a catalog after defaults, a catalog in the wrong case, and pcc: or aws: tags', async () => {
    const { desired, diagnostics } = await load({
      'a.yaml': `programManagementAccounts:\n${pma()}${pma({ name: 'b', accountId: '"222222222222"', catalog: 'aws' })}${pma({ name: 'c', accountId: '"333333333333"', catalog: 'AWS', tags: '{"pcc:managed": "true", "AWS:x": y}' })}`,
      'b.yaml': `catalog: sandbox\nprogramManagementAccounts:\n${pma({ name: 'd' })}${pma({ name: 'e', accountId: '"444444444444"' })}`,
    });
    expect(briefs(diagnostics)).toEqual([
      'required-after-defaults@2:5',
      'catalog-case@10:14',
      'reserved-tag-prefix@16:12',
      'reserved-tag-prefix@16:35',
      'catalog-case@1:10',
    ]);
    expect(only(diagnostics, 'required-after-defaults').message).toBe('this program management account has no catalog, and its document sets no default');
    expect(desired.programManagementAccounts).toEqual([]);
  });

  it('names what the schema refuses in an entry: an unknown program, a long display name, a name with capitals, a missing field', async () => {
    const { diagnostics } = await load({
      'a.yaml':
        PMAS +
        pma({ program: 'RESELLER' }) +
        pma({ name: 'B', accountId: '"222222222222"' }) +
        pma({ name: 'c', accountId: '"333333333333"', displayName: `"${'x'.repeat(31)}"` }) +
        pma({ name: 'd', accountId: '"444444444444"', displayName: null }),
    });
    expect(briefs(diagnostics)).toEqual(['schema-enum@4:14', 'schema-pattern@7:11', 'schema-length@14:18', 'schema-required@15:5']);
    expect(diagnostics[3]?.message).toBe('this program management account has no displayName');
  });
});
