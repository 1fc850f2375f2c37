/**
 * The named rules beyond the schema: duplicate addresses (across files, documents and PMA spellings),
 * the reserved `pcc:` tag prefix, fields missing after defaults, the same id pinned twice.
 */
import { describe, expect, it } from 'vitest';
import { brief, briefs, entry, HEADER, load, only } from './helpers.js';

const PMA_ARN = 'arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/program-management-account/pma-u8ic702rtzng8';

describe('duplicate addresses', () => {
  it('names both places when two files declare one address', async () => {
    const { desired, diagnostics } = await load({
      'a.yaml': HEADER + entry({ displayName: 'First' }),
      'sub/b.yaml': `# comment\n${HEADER}${entry({ displayName: 'Other', associatedAccountId: '"222233334444"' })}${entry({ displayName: 'Second' })}`,
    });
    const duplicate = only(diagnostics, 'duplicate-address');
    expect(brief(duplicate)).toBe('duplicate-address@9:5');
    expect(duplicate.file).toBe('relationships/sub/b.yaml');
    expect(duplicate.path).toBe('/relationships/1');
    expect(duplicate.message).toBe('relationship AWS/pma-u8ic702rtzng8/111122223333 is declared twice: here and at relationships/a.yaml:4:5');
    // The first declaration stays; the second is left out.
    expect(desired.relationships.map((r) => r.displayName)).toEqual(['First', 'Other']);
  });

  it('finds duplicates inside one file and across documents', async () => {
    const { diagnostics } = await load({ 'a.yaml': `${HEADER}${entry()}${entry()}---\n${HEADER}${entry()}` });
    expect(briefs(diagnostics)).toEqual(['duplicate-address@8:5', 'duplicate-address@16:5']);
    expect(diagnostics.every((d) => d.message.endsWith('here and at relationships/a.yaml:4:5'))).toBe(true);
  });

  it('treats a PMA named by ARN and by id as the same PMA', async () => {
    const { diagnostics } = await load({ 'a.yaml': HEADER + entry(), 'b.yaml': HEADER.replace('pma-u8ic702rtzng8', PMA_ARN) + entry() });
    expect(only(diagnostics, 'duplicate-address').file).toBe('relationships/b.yaml');
  });

  it('allows one account under two PMAs or two catalogs', async () => {
    const { desired, diagnostics } = await load({
      'a.yaml': HEADER + entry() + entry({ programManagementAccountIdentifier: 'pma-7h2k9x4m1q3w5' }) + entry({ catalog: 'Sandbox' }),
    });
    expect(diagnostics).toEqual([]);
    expect(desired.relationships.map((r) => r.address)).toEqual([
      'AWS/pma-u8ic702rtzng8/111122223333',
      'AWS/pma-7h2k9x4m1q3w5/111122223333',
      'Sandbox/pma-u8ic702rtzng8/111122223333',
    ]);
  });

  it('still reports a duplicate when the entry has another problem too', async () => {
    const { diagnostics } = await load({ 'a.yaml': HEADER + entry() + entry({ displayName: 'x'.repeat(31) }) });
    expect(briefs(diagnostics)).toEqual(['duplicate-address@8:5', 'schema-length@10:18']);
  });
});

describe('reserved tag prefix', () => {
  it('refuses aws: tag keys in any case: AWS reserves them', async () => {
    const { desired, diagnostics } = await load({ 'a.yaml': HEADER + entry({ tags: '\n      team: a\n      AWS:createdBy: me' }) });
    expect(briefs(diagnostics)).toEqual(['reserved-tag-prefix@10:7']);
    expect(diagnostics[0]?.message).toBe('tag key "AWS:createdBy" starts with "aws:", which AWS reserves for its own tags');
    expect(desired.relationships).toEqual([]);
  });

  it('refuses more than 47 tags at the tags mapping (50 per relationship, 3 for pcc), and accepts 47', async () => {
    const tags = (n: number) => '\n' + Array.from({ length: n }, (_, i) => `      k${i}: v`).join('\n');
    const over = await load({ 'a.yaml': HEADER + entry({ tags: tags(48) }) });
    expect(briefs(over.diagnostics)).toEqual(['schema-too-many-tags@8:5']);
    expect(over.diagnostics[0]?.message).toMatch(/has 48 tags; at most 47 are allowed/);
    const fits = await load({ 'a.yaml': HEADER + entry({ tags: tags(47) }) });
    expect(fits.diagnostics).toEqual([]);
    expect(Object.keys(fits.desired.relationships[0]?.tags ?? {})).toHaveLength(47);
  });

  it('refuses pcc: tag keys at the key', async () => {
    const { desired, diagnostics } = await load({ 'a.yaml': HEADER + entry({ tags: '\n      team: a\n      "pcc:managed": "true"\n      pcc:support-plan: x' }) });
    expect(briefs(diagnostics)).toEqual(['reserved-tag-prefix@10:7', 'reserved-tag-prefix@11:7']);
    expect(diagnostics[0]?.message).toBe('tag key "pcc:managed" starts with "pcc:", which is reserved for pcc\'s own tags');
    expect(diagnostics[0]?.path).toBe('/relationships/0/tags/pcc:managed');
    expect(desired.relationships).toEqual([]);
  });

  it('allows keys that only look similar', async () => {
    const { diagnostics } = await load({ 'a.yaml': HEADER + entry({ tags: '\n      pcc-team: a\n      "my:pcc:x": b' }) });
    expect(diagnostics).toEqual([]);
  });

  // Issue 19 fault 1: a tag key is any string the service accepts, names of Object's built-ins included.
  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'])(
    'accepts the tag key %s as an own key and pollutes nothing',
    async (key) => {
      const { desired, diagnostics } = await load({ 'a.yaml': HEADER + entry({ tags: `\n      ${key}: x\n      team: a` }) });
      expect(diagnostics).toEqual([]);
      const tags = desired.relationships[0]?.tags ?? {};
      expect(Object.keys(tags).sort()).toEqual([key, 'team'].sort());
      expect(Object.hasOwn(tags, key) && tags[key]).toBe('x');
      expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    },
  );
});

describe('required after defaults', () => {
  it('needs a catalog on the entry or the document', async () => {
    const yaml = `programManagementAccountIdentifier: pma-u8ic702rtzng8\nrelationships:\n${entry()}${entry({ catalog: 'AWS', associatedAccountId: '"222233334444"' })}`;
    const { desired, diagnostics } = await load({ 'a.yaml': yaml });
    const missing = only(diagnostics, 'required-after-defaults');
    expect(brief(missing)).toBe('required-after-defaults@3:5');
    expect(missing.path).toBe('/relationships/0/catalog');
    expect(missing.message).toBe('this relationship has no catalog, and its document sets no default');
    expect(missing.hint).toContain('add catalog: AWS at the top of the document');
    expect(desired.relationships.map((r) => r.associatedAccountId)).toEqual(['222233334444']);
  });

  it('needs a PMA on the entry or the document, and reports both when both are missing', async () => {
    const { diagnostics } = await load({ 'a.yaml': `relationships:\n${entry()}` });
    expect(briefs(diagnostics)).toEqual(['required-after-defaults@2:5', 'required-after-defaults@2:5']);
    expect(diagnostics.map((d) => d.path)).toEqual(['/relationships/0/catalog', '/relationships/0/programManagementAccountIdentifier']);
  });

  it('does not pile on when the default is present but invalid', async () => {
    const { desired, diagnostics } = await load({ 'a.yaml': HEADER.replace('AWS', 'A-W-S') + entry() });
    expect(briefs(diagnostics)).toEqual(['schema-pattern@1:10']);
    expect(desired.relationships).toEqual([]);
  });

  it('takes defaults per document', async () => {
    const yaml = `${HEADER}${entry()}---\nrelationships:\n${entry()}`;
    const { diagnostics } = await load({ 'a.yaml': yaml });
    expect(briefs(diagnostics)).toEqual(['required-after-defaults@10:5', 'required-after-defaults@10:5']);
  });
});

describe('the same id pinned twice', () => {
  it('names the other entry', async () => {
    const { desired, diagnostics } = await load({
      'a.yaml': HEADER + entry({ id: 'rs-l9o4fj3b5zb91' }),
      'b.yaml': HEADER + entry({ id: 'rs-l9o4fj3b5zb91', associatedAccountId: '"222233334444"' }),
    });
    const duplicate = only(diagnostics, 'duplicate-id');
    expect(brief(duplicate)).toBe('duplicate-id@8:9');
    expect(duplicate.file).toBe('relationships/b.yaml');
    expect(duplicate.message).toBe('id rs-l9o4fj3b5zb91 is pinned by two entries: here and at relationships/a.yaml:8:9');
    expect(desired.relationships.map((r) => r.associatedAccountId)).toEqual(['111122223333']);
  });

  it('allows different ids', async () => {
    const { diagnostics } = await load({
      'a.yaml': HEADER + entry({ id: 'rs-l9o4fj3b5zb91' }) + entry({ id: 'rs-aaaaaaaaaaaaa', associatedAccountId: '"222233334444"' }),
    });
    expect(diagnostics).toEqual([]);
  });
});

it('reports schema and rule problems of many files in one run', async () => {
  const { diagnostics } = await load({
    'a.yaml': HEADER + entry({ sector: 'RETAIL' }),
    'b.yaml': HEADER + entry({ associatedAccountId: '"222233334444"', tags: '\n      "pcc:x": y' }),
    'c.yaml': 'relationships: [\n',
  });
  expect(diagnostics.map((d) => `${d.file}:${d.code}`)).toEqual([
    'relationships/a.yaml:schema-enum',
    'relationships/b.yaml:reserved-tag-prefix',
    'relationships/c.yaml:yaml-syntax',
  ]);
});

describe('catalog case', () => {
  it('refuses a catalog that differs from AWS or Sandbox only in case, once per place it is written', async () => {
    const { desired, diagnostics } = await load({
      'a.yaml': HEADER.replace('catalog: AWS', 'catalog: sandbox') + entry() + entry({ associatedAccountId: '"222233334444"' }),
      'b.yaml': HEADER + entry({ catalog: 'aws', associatedAccountId: '"333344445555"' }) + entry({ associatedAccountId: '"444455556666"' }),
    });
    expect(briefs(diagnostics)).toEqual(['catalog-case@1:10', 'catalog-case@8:14']);
    expect(diagnostics.map((d) => [d.message, d.hint])).toEqual([
      ['catalog "sandbox" names no catalog: catalog names are case-sensitive', 'write catalog: Sandbox'],
      ['catalog "aws" names no catalog: catalog names are case-sensitive', 'write catalog: AWS'],
    ]);
    expect(desired.relationships.map((r) => r.associatedAccountId)).toEqual(['444455556666']);
  });
});

describe('a tab in the indentation', () => {
  it('is one error with the tab hint, not a cascade of the parser’s confusion', async () => {
    const { diagnostics } = await load({
      'a.yaml': `${HEADER}  - associatedAccountId: "111122223333"\n\tassociationType: END_CUSTOMER\n    displayName: A\n    sector: COMMERCIAL\n`,
    });
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([['yaml-syntax', 5, 1, 'indent with spaces, not tabs']]);
  });

  it('still reports every line that has one', async () => {
    const { diagnostics } = await load({ 'a.yaml': `${HEADER}\t- associatedAccountId: "111122223333"\n\t  associationType: END_CUSTOMER\n` });
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['yaml-syntax', 4],
      ['yaml-syntax', 5],
    ]);
  });
});
