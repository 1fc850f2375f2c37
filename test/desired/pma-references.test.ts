/**
 * A relationship names its program management account by `programManagementAccount: NAME` (a PMA some file
 * declares) or `programManagementAccountIdentifier` (an id or ARN): exactly one after defaults, an entry's own key
 * overriding its document's of either key. Unknown names are errors at their line and column with a did-you-mean.
 */
import { describe, expect, it } from 'vitest';
import { brief, briefs, entry, load, only } from './helpers.js';

const PMA_ID = 'pma-u8ic702rtzng8';

/** A document declaring PMAs (names → accountId), in catalog AWS. */
function declaring(names: Record<string, string>, catalog = 'AWS'): string {
  const items = Object.entries(names).map(
    ([name, accountId]) => `  - name: ${name}\n    program: DISTRIBUTION\n    accountId: "${accountId}"\n    displayName: PMA ${name}\n`,
  );
  return `catalog: ${catalog}\nprogramManagementAccounts:\n${items.join('')}`;
}

describe('naming a declared PMA', () => {
  it('keeps a named entry in name form: pmaId and address hold the name', async () => {
    const { desired, diagnostics } = await load({
      'pmas.yaml': declaring({ emea: '123456789012' }),
      'a.yaml': `catalog: AWS\nprogramManagementAccount: emea\nrelationships:\n${entry()}`,
    });
    expect(diagnostics).toEqual([]);
    const [relationship] = desired.relationships;
    expect(relationship).toMatchObject({ programManagementAccount: 'emea', pmaId: 'emea', address: 'AWS/emea/111122223333' });
    expect(desired.scopes).toEqual([expect.objectContaining({ catalog: 'AWS', pmaId: 'emea', programManagementAccount: 'emea' })]);
  });

  it("lets an entry's own key override the document's other key, both ways", async () => {
    const { desired, diagnostics } = await load({
      'pmas.yaml': declaring({ emea: '123456789012' }),
      'a.yaml':
        `catalog: AWS\nprogramManagementAccountIdentifier: ${PMA_ID}\nrelationships:\n${entry({ programManagementAccount: 'emea' })}` +
        `---\ncatalog: AWS\nprogramManagementAccount: emea\nrelationships:\n${entry({ programManagementAccountIdentifier: PMA_ID, associatedAccountId: '"222233334444"' })}`,
    });
    expect(diagnostics).toEqual([]);
    expect(desired.relationships.map((r) => [r.address, r.programManagementAccount])).toEqual([
      ['AWS/emea/111122223333', 'emea'],
      [`AWS/${PMA_ID}/222233334444`, undefined],
    ]);
  });

  it('finds two entries naming one declared PMA with one account as a duplicate address', async () => {
    const { diagnostics } = await load({
      'pmas.yaml': declaring({ emea: '123456789012' }),
      'a.yaml': `catalog: AWS\nprogramManagementAccount: emea\nrelationships:\n${entry()}${entry()}`,
    });
    expect(only(diagnostics, 'duplicate-address').message).toContain('relationship AWS/emea/111122223333 is declared twice');
  });

  it('reads the same with the fast reader on and off', async () => {
    const files = { 'pmas.yaml': declaring({ emea: '123456789012' }), 'a.yaml': `catalog: AWS\nprogramManagementAccount: emea\nrelationships:\n${entry()}` };
    const fast = await load(files);
    const slow = await load(files, { fastPath: false });
    expect(fast.desired.relationships.map((r) => ({ ...r, source: undefined }))).toEqual(slow.desired.relationships.map((r) => ({ ...r, source: undefined })));
    expect(fast.diagnostics).toEqual(slow.diagnostics);
  });
});

describe('pma-unknown-name', () => {
  it('reports an entry naming no declared PMA at its value, with a did-you-mean', async () => {
    const { desired, diagnostics } = await load({
      'pmas.yaml': declaring({ emea: '123456789012', apac: '123456789013' }),
      'a.yaml': `catalog: AWS\nprogramManagementAccountIdentifier: ${PMA_ID}\nrelationships:\n${entry({ programManagementAccount: 'emia' })}${entry({ associatedAccountId: '"222233334444"' })}`,
    });
    const unknown = only(diagnostics, 'pma-unknown-name');
    expect(brief(unknown)).toBe('pma-unknown-name@8:31');
    expect(unknown.file).toBe('relationships/a.yaml');
    expect(unknown.path).toBe('/relationships/0/programManagementAccount');
    expect(unknown.message).toBe('no file declares a program management account named "emia" (did you mean "emea"?)');
    expect(unknown.hint).toContain('apac, emea');
    // The other entry is unaffected.
    expect(desired.relationships.map((r) => r.associatedAccountId)).toEqual(['222233334444']);
  });

  it('reports a document default once, however many entries use it, and leaves them out', async () => {
    const { desired, diagnostics } = await load({
      'a.yaml': `catalog: AWS\nprogramManagementAccount: emea\nrelationships:\n${entry()}${entry({ associatedAccountId: '"222233334444"' })}`,
    });
    expect(briefs(diagnostics)).toEqual(['pma-unknown-name@2:27']);
    expect(diagnostics[0]?.message).toBe('no file declares a program management account named "emea"');
    expect(diagnostics[0]?.hint).toContain('declare it under programManagementAccounts:');
    expect(desired.relationships).toEqual([]);
    expect(desired.scopes).toEqual([]);
  });

  it('reports a document default with no entries (it would name a scope)', async () => {
    const { diagnostics } = await load({ 'a.yaml': 'catalog: AWS\nprogramManagementAccount: nope\nrelationships: []\n' });
    expect(briefs(diagnostics)).toEqual(['pma-unknown-name@2:27']);
  });
});

describe('pma-reference-ambiguous', () => {
  it('refuses both keys on one entry, at the entry', async () => {
    const { desired, diagnostics } = await load({
      'pmas.yaml': declaring({ emea: '123456789012' }),
      'a.yaml': `catalog: AWS\nrelationships:\n${entry({ programManagementAccountIdentifier: PMA_ID, programManagementAccount: 'emea' })}`,
    });
    const ambiguous = only(diagnostics, 'pma-reference-ambiguous');
    expect(brief(ambiguous)).toBe('pma-reference-ambiguous@8:5');
    expect(ambiguous.message).toContain('names its program management account twice');
    expect(desired.relationships).toEqual([]);
  });

  it('refuses both keys at the top of a document, once, and every entry that takes them', async () => {
    const { desired, diagnostics } = await load({
      'pmas.yaml': declaring({ emea: '123456789012' }),
      'a.yaml': `catalog: AWS\nprogramManagementAccountIdentifier: ${PMA_ID}\nprogramManagementAccount: emea\nrelationships:\n${entry()}${entry({ associatedAccountId: '"222233334444"' })}`,
    });
    expect(briefs(diagnostics)).toEqual(['pma-reference-ambiguous@3:1']);
    expect(diagnostics[0]?.message).toContain('this document names');
    expect(desired.relationships).toEqual([]);
    expect(desired.scopes).toEqual([expect.objectContaining({ catalog: 'AWS', programManagementAccount: 'emea' })]); // the declared PMA's own: none from the refused document;
  });

  it("lets an entry with its own key escape an ambiguous document's defaults (but the document is still reported)", async () => {
    const { desired, diagnostics } = await load({
      'pmas.yaml': declaring({ emea: '123456789012' }),
      'a.yaml': `catalog: AWS\nprogramManagementAccountIdentifier: ${PMA_ID}\nprogramManagementAccount: emea\nrelationships:\n${entry({ programManagementAccount: 'emea' })}`,
    });
    expect(briefs(diagnostics)).toEqual(['pma-reference-ambiguous@3:1']);
    expect(desired.relationships.map((r) => r.address)).toEqual(['AWS/emea/111122223333']);
  });
});

describe('required after defaults and the catalog', () => {
  it('names both keys when neither is set', async () => {
    const { diagnostics } = await load({ 'a.yaml': `catalog: AWS\nrelationships:\n${entry()}` });
    const missing = only(diagnostics, 'required-after-defaults');
    expect(missing.message).toContain('programManagementAccount or programManagementAccountIdentifier');
    expect(missing.hint).toContain('programManagementAccount: NAME');
  });

  it('refuses a named PMA of another catalog (pma-catalog-mismatch)', async () => {
    const { desired, diagnostics } = await load({
      'pmas.yaml': declaring({ emea: '123456789012' }, 'Sandbox'),
      'a.yaml': `catalog: AWS\nprogramManagementAccount: emea\nrelationships:\n${entry()}`,
    });
    const mismatch = only(diagnostics, 'pma-catalog-mismatch');
    expect(brief(mismatch)).toBe('pma-catalog-mismatch@2:27');
    expect(mismatch.message).toContain('declared in catalog Sandbox, but this relationship is in catalog AWS');
    expect(desired.relationships).toEqual([]);
    expect(desired.scopes).toEqual([expect.objectContaining({ catalog: 'Sandbox', programManagementAccount: 'emea' })]); // the declared PMA's own: none from the refused document;
  });

  it('a pma id is never a declared name: unknown, and the hint says to name it by programManagementAccountIdentifier', async () => {
    const { diagnostics } = await load({ 'a.yaml': `catalog: AWS\nprogramManagementAccount: ${PMA_ID}\nrelationships: []\n` });
    const bad = only(diagnostics, 'pma-unknown-name');
    expect(brief(bad)).toBe('pma-unknown-name@2:27');
    expect(bad.hint).toContain('programManagementAccountIdentifier: pma-');
  });
});
