import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesired } from '../../src/desired/load-desired.js';
import { parseAllDocuments } from 'yaml';
import { emptyDraft, importYaml } from '../../src/commands/import-yaml.js';
import { KINDS } from '../../src/kinds/registry.js';
import type { DesiredProgramManagementAccount } from '../../src/kinds/program-management-account/desired-pma.js';
import { uniquePmaName } from '../../src/kinds/program-management-account/importer.js';
import type { LiveProgramManagementAccountState } from '../../src/kinds/program-management-account/pma-live-state.js';
import type { RefreshedLiveState } from '../../src/live/read-live.js';
import { desiredEntry, desiredState, liveEntry } from '../support/state-builders.js';

/** `pcc import` for program management accounts: the kinds' importers in registry order, then the YAML, in process. */

const pmaArn = (id: string, catalog = 'AWS') => `arn:aws:partnercentral:us-east-1:123456789012:catalog/${catalog}/program-management-account/${id}`;
const livePma = (id: string, overrides: Partial<LiveProgramManagementAccountState> = {}): LiveProgramManagementAccountState => ({
  id,
  arn: pmaArn(id, overrides.catalog),
  catalog: 'AWS',
  program: 'DISTRIBUTION',
  accountId: '210000000001',
  displayName: 'EMEA Distribution',
  status: 'ACTIVE',
  tags: {},
  ...overrides,
});
const declaredPma = (name: string, overrides: Partial<DesiredProgramManagementAccount> = {}): DesiredProgramManagementAccount => {
  const pma = { name, catalog: 'AWS', program: 'DISTRIBUTION', accountId: '210000000009', displayName: name, tags: {}, ...overrides };
  return {
    ...pma,
    address: `${pma.catalog}/${pma.program}/${pma.accountId}`,
    source: { file: 'relationships/pmas.yaml', line: 3, column: 5 },
    entry: { docIndex: 0, index: 0 },
  };
};

/** What `pcc import` writes for this desired and live state (the engine's steps, without the reading). */
function imported(desired: ReturnType<typeof desiredState>, live: Partial<RefreshedLiveState>) {
  const selections = KINDS.map(({ importer }) => importer.select(desired, { relationships: [], ...live } as RefreshedLiveState));
  const draft = emptyDraft();
  for (const selection of selections) selection.write(draft);
  const text = importYaml(draft, '../schema/relationships.schema.json');
  return {
    counts: selections.map((s) => s.count),
    notes: selections.flatMap((s) => s.notes),
    text,
    documents: parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>),
  };
}

describe('uniquePmaName', () => {
  it('lower-case letters, digits and single hyphens from the display name; unique; never a pma- id; at most 64', () => {
    expect(uniquePmaName('EMEA Distribution (Ltd.)', new Set())).toBe('emea-distribution-ltd');
    expect(uniquePmaName('  Ünïcode — Größe  ', new Set())).toBe('unicode-gro-e');
    expect(uniquePmaName('!!!', new Set())).toBe('pma');
    expect(uniquePmaName(undefined, new Set())).toBe('pma');
    expect(uniquePmaName('EMEA', new Set(['emea', 'emea-2']))).toBe('emea-3');
    // A name of the form of a pma- id could be read as one: it is never given.
    expect(uniquePmaName('pma-abcdefghijklm', new Set())).toBe('pma-abcdefghijklm-2');
    expect(uniquePmaName('PMA-ABCDEFGHIJKLM', new Set())).toBe('pma-abcdefghijklm-2');
    const long = uniquePmaName('x'.repeat(70), new Set(['x'.repeat(64)]));
    expect(long).toBe(`${'x'.repeat(62)}-2`);
    for (const name of ['emea-distribution-ltd', long, 'pma-abcdefghijklm-2']) {
      expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(name.length).toBeLessThanOrEqual(64);
    }
  });
});

describe('pcc import: program management accounts', () => {
  it('writes the undeclared PMAs as a section per catalog, and the relationships it writes name them; it loads clean', async () => {
    const desired = desiredState([]);
    desired.programManagementAccounts = [declaredPma('emea-distribution')];
    const live = {
      programManagementAccounts: [
        livePma('pma-aaaaaaaaaaaa1', { displayName: 'EMEA Distribution', tags: { 'pcc:managed': 'true', team: 'emea', 'aws:x': 'y' } }),
        livePma('pma-aaaaaaaaaaaa2', { displayName: 'Sandbox PMA', catalog: 'Sandbox', program: 'SOLUTION_PROVIDER', arn: pmaArn('pma-aaaaaaaaaaaa2', 'Sandbox') }),
        // Declared (by address): not imported again.
        livePma('pma-aaaaaaaaaaaa3', { accountId: '210000000009', displayName: 'Declared' }),
      ],
      relationships: [liveEntry('100000000001', 'rs-aaaaaaaaaaaa1', { programManagementAccountId: 'pma-aaaaaaaaaaaa1' })],
    };
    const { counts, documents, text, notes } = imported(desired, live);
    expect(counts).toEqual([1, 1, 0]);
    // No file declares PMAs in Sandbox: its PMAs are left as they are, and a note says how to have them written.
    expect(notes).toEqual([
      'pcc import: 1 program management account of the Sandbox catalog is not written: no file declares PMAs there (programManagementAccounts:); declare one, and import writes the others\n',
    ]);
    expect(documents).toEqual([
      {
        catalog: 'AWS',
        // The declared emea-distribution takes that name: the imported one gets the next.
        programManagementAccounts: [
          { name: 'emea-distribution-2', program: 'DISTRIBUTION', accountId: '210000000001', displayName: 'EMEA Distribution', tags: { team: 'emea' } },
        ],
      },
      expect.objectContaining({
        catalog: 'AWS',
        programManagementAccount: 'emea-distribution-2',
        relationships: [expect.objectContaining({ associatedAccountId: '100000000001' })],
      }),
    ]);
    expect(text).not.toContain('programManagementAccountIdentifier');
    expect(text).not.toContain('pcc:');
    expect(text).not.toContain('were not read');
    expect(text).toContain('accountId: "210000000001"'); // quoted, as the format wants

    // Beside the file that declares emea-distribution, what import wrote loads without a problem.
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-pma-import-'));
    await mkdir(join(cwd, 'relationships'));
    await writeFile(
      join(cwd, 'relationships', 'pmas.yaml'),
      'catalog: AWS\nprogramManagementAccounts:\n  - name: emea-distribution\n    program: DISTRIBUTION\n    accountId: "210000000009"\n    displayName: Declared\n',
    );
    await writeFile(join(cwd, 'relationships', 'imported.yaml'), text);
    const loaded = await loadDesired({ dir: 'relationships', cwd });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.desired.programManagementAccounts.map((pma) => pma.name).sort()).toEqual(['emea-distribution', 'emea-distribution-2']);
    expect(loaded.desired.relationships.map((r) => r.programManagementAccount)).toEqual(['emea-distribution-2']);
  });

  it('relationships under a PMA a file declares name it by its declared name; under one nobody declares or lists, by id', () => {
    const desired = desiredState([desiredEntry('100000000009')]);
    desired.programManagementAccounts = [
      declaredPma('emea', { accountId: '210000000001' }),
      declaredPma('pinned', { id: 'pma-aaaaaaaaaaaa4', accountId: '210000000004' }),
    ];
    const live = {
      programManagementAccounts: [livePma('pma-aaaaaaaaaaaa1'), livePma('pma-aaaaaaaaaaaa4', { accountId: '210000000099' })],
      relationships: [
        liveEntry('100000000001', 'rs-aaaaaaaaaaaa1', { programManagementAccountId: 'pma-aaaaaaaaaaaa1' }),
        liveEntry('100000000002', 'rs-aaaaaaaaaaaa2', { programManagementAccountId: 'pma-aaaaaaaaaaaa4' }),
        liveEntry('100000000003', 'rs-aaaaaaaaaaaa3', { programManagementAccountId: 'pma-nolisted00001' }),
      ],
    };
    const { counts, documents } = imported(desired, live);
    expect(counts[0]).toBe(0); // both live PMAs are declared (by address; by id pin though its account changed)
    expect(documents.map((d) => [d.programManagementAccount, d.programManagementAccountIdentifier])).toEqual([
      ['emea', undefined],
      ['pinned', undefined],
      [undefined, 'pma-nolisted00001'],
    ]);
  });

  it('a relationship a file declares under a PMA name is not imported again (matched under the PMA’s id)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-pma-import-'));
    await mkdir(join(cwd, 'relationships'));
    await writeFile(
      join(cwd, 'relationships', 'a.yaml'),
      [
        'catalog: AWS',
        'programManagementAccounts:',
        '  - name: emea',
        '    program: DISTRIBUTION',
        '    accountId: "210000000001"',
        '    displayName: EMEA Distribution',
        '---',
        'catalog: AWS',
        'programManagementAccount: emea',
        'relationships:',
        '  - associatedAccountId: "100000000001"',
        '    associationType: END_CUSTOMER',
        '    displayName: Declared',
        '    sector: COMMERCIAL',
        '',
      ].join('\n'),
    );
    const loaded = await loadDesired({ dir: 'relationships', cwd });
    expect(loaded.diagnostics).toEqual([]);
    const live = {
      programManagementAccounts: [livePma('pma-aaaaaaaaaaaa1')],
      relationships: [
        liveEntry('100000000001', 'rs-aaaaaaaaaaaa1', { programManagementAccountId: 'pma-aaaaaaaaaaaa1', displayName: 'Declared' }),
        liveEntry('100000000002', 'rs-aaaaaaaaaaaa2', { programManagementAccountId: 'pma-aaaaaaaaaaaa1' }),
      ],
    };
    const { counts, documents } = imported(loaded.desired, live);
    expect(counts).toEqual([0, 1, 0]);
    expect(documents).toEqual([
      expect.objectContaining({ programManagementAccount: 'emea', relationships: [expect.objectContaining({ associatedAccountId: '100000000002' })] }),
    ]);
  });

  it('a hostile display name: a plain name from it, and the display name written as an escape that reads back the same', () => {
    const desired = desiredState([]);
    desired.programManagementAccounts = [declaredPma('declared')];
    const evil = 'EMEA\u202E\u200B Dist\u0007';
    const { text, documents } = imported(desired, { programManagementAccounts: [livePma('pma-aaaaaaaaaaaa1', { displayName: evil })] });
    expect(documents).toEqual([{ catalog: 'AWS', programManagementAccounts: [expect.objectContaining({ name: 'emea-dist', displayName: evil })] }]);
    expect(text).not.toMatch(/[\u202E\u200B\u0007]/);
    expect(text).toContain('\\u202E');
  });

  it('PMAs whose tags were not read: the header says so, by name', () => {
    const desired = desiredState([]);
    desired.programManagementAccounts = [declaredPma('declared')];
    const { text } = imported(desired, {
      programManagementAccounts: [livePma('pma-aaaaaaaaaaaa1', { tags: undefined }), livePma('pma-aaaaaaaaaaaa2', { accountId: '210000000002', displayName: 'Tagged' })],
    });
    expect(text).toMatch(/^# The tags of emea-distribution were not read: `pcc plan` shows any they have as tags to remove; copy them in first\.$/m);
  });

  it('a PMA the answer gives without id, program or account is skipped with a note, not written half', () => {
    const desired = desiredState([]);
    desired.programManagementAccounts = [declaredPma('declared')];
    const { counts, notes, documents } = imported(desired, { programManagementAccounts: [{ catalog: 'AWS', id: 'pma-aaaaaaaaaaaa1', displayName: 'No program' }] });
    expect(counts[0]).toBe(0);
    expect(documents).toEqual([]);
    expect(notes).toEqual([expect.stringContaining('skipped a program management account in AWS (pma-aaaaaaaaaaaa1)')]);
  });
});
