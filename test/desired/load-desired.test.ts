/**
 * loadDesired's result: normalised relationships (defaults, PMA id, tags, source), the stable order of
 * files and entries, the files' hashes and the state hash, and the examples in relationships/.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDesired } from '../../src/desired/load-desired.js';
import { generateFile } from '../bench/validate.bench.js';
import { entry, HEADER, load, project } from './helpers.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PMA_ARN = 'arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/program-management-account/pma-7h2k9x4m1q3w5';

describe('normalised relationships', () => {
  it('applies the document defaults and keeps only known fields, optional ones only when present', async () => {
    const { desired, diagnostics } = await load({ 'a.yaml': HEADER + entry() });
    expect(diagnostics).toEqual([]);
    expect(desired.relationships).toStrictEqual([
      {
        address: 'AWS/pma-u8ic702rtzng8/111122223333',
        pmaId: 'pma-u8ic702rtzng8',
        catalog: 'AWS',
        programManagementAccountIdentifier: 'pma-u8ic702rtzng8',
        associatedAccountId: '111122223333',
        associationType: 'END_CUSTOMER',
        displayName: 'Acme Corp',
        sector: 'COMMERCIAL',
        tags: {},
        source: { file: 'relationships/a.yaml', line: 4, column: 5 },
        entry: { docIndex: 0, index: 0 },
      },
    ]);
  });

  it('lets an entry override the defaults and name its PMA by ARN', async () => {
    const yaml = HEADER + entry({ catalog: 'Sandbox', programManagementAccountIdentifier: PMA_ARN, id: 'rs-l9o4fj3b5zb91', resaleAccountModel: 'DISTRIBUTOR' });
    const [relationship] = (await load({ 'a.yaml': yaml })).desired.relationships;
    expect(relationship).toMatchObject({
      address: 'Sandbox/pma-7h2k9x4m1q3w5/111122223333',
      pmaId: 'pma-7h2k9x4m1q3w5',
      programManagementAccountIdentifier: PMA_ARN,
      catalog: 'Sandbox',
      id: 'rs-l9o4fj3b5zb91',
      resaleAccountModel: 'DISTRIBUTOR',
    });
  });

  it('copies the support plan and tags', async () => {
    const plan = '\n      partnerLedSupport:\n        coverage: ENTIRE_ORGANIZATION\n        tamLocation: eu-west-1\n        provider: DISTRIBUTOR';
    const [relationship] = (await load({ 'a.yaml': HEADER + entry({ requestedSupportPlan: plan, tags: '\n      team: platform\n      empty: ""' }) })).desired
      .relationships;
    expect(relationship?.requestedSupportPlan).toStrictEqual({
      partnerLedSupport: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'eu-west-1', provider: 'DISTRIBUTOR' },
    });
    expect(relationship?.tags).toStrictEqual({ team: 'platform', empty: '' });
  });

  it('leaves out entries with problems and keeps the rest', async () => {
    const yaml =
      HEADER +
      entry({ displayName: 'Good one' }) +
      entry({ associatedAccountId: '"222233334444"', sector: 'RETAIL' }) +
      entry({ associatedAccountId: '"333344445555"', displayName: 'Good two' });
    const { desired, diagnostics } = await load({ 'a.yaml': yaml });
    expect(diagnostics.map((d) => d.path)).toEqual(['/relationships/1/sector']);
    expect(desired.relationships.map((r) => r.displayName)).toEqual(['Good one', 'Good two']);
  });
});

describe('files and order', () => {
  it('reads *.yaml and *.yml recursively in path order, skipping other and hidden files', async () => {
    const files = {
      'b.yaml': HEADER + entry({ associatedAccountId: '"000000000002"' }),
      'a.yml': HEADER + entry({ associatedAccountId: '"000000000001"' }),
      'a/z.yaml': HEADER + entry({ associatedAccountId: '"000000000003"' }),
      'notes.txt': 'not yaml',
      'data.json': '{}',
      '.hidden.yaml': 'broken: [',
      '.git/config.yaml': 'broken: [',
    };
    const { desired, diagnostics } = await load(files);
    expect(diagnostics).toEqual([]);
    expect(desired.files.map((f) => f.path)).toEqual(['relationships/a.yml', 'relationships/a/z.yaml', 'relationships/b.yaml']);
    expect(desired.relationships.map((r) => r.associatedAccountId)).toEqual(['000000000001', '000000000003', '000000000002']);
  });

  it('keeps entries in file order across documents', async () => {
    const yaml =
      HEADER +
      entry({ associatedAccountId: '"000000000009"' }) +
      entry({ associatedAccountId: '"000000000001"' }) +
      '---\n' +
      HEADER +
      entry({ associatedAccountId: '"000000000005"' });
    const { desired } = await load({ 'a.yaml': yaml });
    expect(desired.relationships.map((r) => [r.associatedAccountId, r.source.line])).toEqual([
      ['000000000009', 4],
      ['000000000001', 8],
      ['000000000005', 16],
    ]);
  });

  it('hashes each file and the whole state, independent of where pcc runs from', async () => {
    const text = HEADER + entry();
    const { cwd, dir } = await project({ 'a.yaml': text, 'sub/b.yaml': HEADER + entry({ associatedAccountId: '"222233334444"' }) });
    const fromRoot = await loadDesired({ dir: 'relationships', cwd });
    const fromInside = await loadDesired({ dir: '.', cwd: dir });
    const absolute = await loadDesired({ dir, cwd: path.dirname(cwd) });
    expect(fromRoot.desired.files[0]).toEqual({ path: 'relationships/a.yaml', sha256: createHash('sha256').update(text).digest('hex') });
    expect(fromInside.desired.files.map((f) => f.path)).toEqual(['a.yaml', 'sub/b.yaml']);
    expect(fromRoot.desired.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(fromInside.desired.hash).toBe(fromRoot.desired.hash);
    expect(absolute.desired.hash).toBe(fromRoot.desired.hash);
    await writeFile(path.join(dir, 'a.yaml'), `${text}# a comment changes the bytes\n`);
    const changed = await loadDesired({ dir: 'relationships', cwd });
    expect(changed.desired.hash).not.toBe(fromRoot.desired.hash);
  });

  it('sorts problems by file, line and column, folder problems first', async () => {
    const { diagnostics } = await load({ 'b.yaml': HEADER + entry({ sector: 'X', displayName: '""' }), 'a.yaml': 'relationships: [', 'c.yaml': '' });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      'relationships/a.yaml:1:17',
      'relationships/b.yaml:6:18',
      'relationships/b.yaml:7:13',
      'relationships/c.yaml:1:1',
    ]);
  });
});

describe('the fast reader', () => {
  it('gives the same result as yaml alone, for valid and invalid files', async () => {
    const files = {
      'generated.yaml': generateFile(3, 40),
      'bad.yaml': HEADER + entry({ associatedAccountId: '"999999999999"', displayName: 'x'.repeat(40), tags: '\n      "pcc:x": y' }),
    };
    const { cwd } = await project(files);
    const fast = await loadDesired({ dir: 'relationships', cwd });
    const slow = await loadDesired({ dir: 'relationships', cwd, fastPath: false });
    expect(fast.desired.relationships).toHaveLength(40);
    expect(fast.diagnostics.length).toBeGreaterThan(0);
    expect(fast).toStrictEqual(slow);
  });
});

describe('the examples in relationships/', () => {
  it('are valid and cover every association type, support plan and both PMAs', async () => {
    const { desired, diagnostics } = await loadDesired({ dir: 'relationships', cwd: REPO });
    expect(diagnostics).toEqual([]);
    expect(desired.files.length).toBeGreaterThanOrEqual(2);
    expect(desired.relationships.length).toBeGreaterThanOrEqual(6);
    expect(desired.relationships.length).toBeLessThanOrEqual(8);
    expect(new Set(desired.relationships.map((r) => r.associationType))).toEqual(new Set(['DOWNSTREAM_SELLER', 'END_CUSTOMER', 'INTERNAL']));
    expect(new Set(desired.relationships.flatMap((r) => Object.keys(r.requestedSupportPlan ?? {})))).toEqual(
      new Set(['resoldEnterprise', 'partnerLedSupport', 'resoldUnifiedOperations']),
    );
    expect(new Set(desired.relationships.map((r) => r.pmaId))).toEqual(new Set(['pma-u8ic702rtzng8', 'pma-7h2k9x4m1q3w5']));
    expect(desired.relationships.some((r) => Object.keys(r.tags).length > 0)).toBe(true);
  });
});
