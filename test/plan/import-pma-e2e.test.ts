/**
 * `pcc import` of program management accounts: the built CLI against the emulator over HTTP. The live PMAs no file
 * declares are written as a `programManagementAccounts:` section, and the relationships it writes name them.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

const NAMED = 'pma-named00000001';
const EMEA = 'pma-emea000000001';
const EMEA_TOO = 'pma-emea000000002';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

async function seeded(): Promise<RunningEmulator> {
  const e = await startEmulator({ maxPageSize: 2, idSeed: 9 });
  running.push(e);
  e.state.createPma({ id: NAMED, program: 'SOLUTION_PROVIDER', accountId: '210000000000', displayName: 'Named by id' });
  // Declared in a file (as `emea`): the catalog's PMAs are pcc's to manage, so import writes the others.
  e.state.createPma({ id: EMEA, program: 'DISTRIBUTION', accountId: '210000000001', displayName: 'EMEA Distribution' });
  e.state.createPma({ id: EMEA_TOO, program: 'DISTRIBUTION_SELLER', accountId: '210000000001', displayName: 'EMEA Distribution', tags: { team: 'emea' } });
  e.state.seedRelationship({ pmaId: NAMED, associatedAccountId: '100000000001', associationType: 'END_CUSTOMER', displayName: 'Declared', sector: 'COMMERCIAL' });
  e.state.seedRelationship({ pmaId: NAMED, associatedAccountId: '100000000002', associationType: 'END_CUSTOMER', displayName: 'Undeclared', sector: 'COMMERCIAL' });
  return e;
}

async function project(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'pcc-import-pma-'));
  await mkdir(join(cwd, 'relationships'));
  await writeFile(
    join(cwd, 'relationships', 'a.yaml'),
    `catalog: AWS\nprogramManagementAccounts:\n  - name: emea\n    program: DISTRIBUTION\n    accountId: "210000000001"\n    displayName: EMEA Distribution\n---\ncatalog: AWS\nprogramManagementAccountIdentifier: ${NAMED}\nrelationships:\n  - associatedAccountId: "100000000001"\n    associationType: END_CUSTOMER\n    displayName: Declared\n    sector: COMMERCIAL\n`,
  );
  return cwd;
}

describe('pcc import: program management accounts', () => {
  it('where a file declares PMAs, writes the others, names them in the relationships it writes; validate passes, plan adopts', async () => {
    const e = await seeded();
    const cwd = await project();
    const env = emulatorEnv(e.endpoint);
    const result = await runCli(['import'], { cwd, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Imported 2 program management accounts and 1 relationship');
    const documents = parseAllDocuments(result.stdout).map((d) => d.toJS() as Record<string, unknown>);
    const section = documents[0] as { catalog: string; programManagementAccounts: Record<string, unknown>[] };
    // Its user tags where the read gave them; else the header says they were not read (never silently none).
    const tagged = section.programManagementAccounts[0]?.tags;
    if (tagged === undefined) expect(result.stdout).toContain('The tags of emea-distribution, named-by-id were not read');
    else expect(tagged).toEqual({ team: 'emea' });
    expect({ ...section, programManagementAccounts: section.programManagementAccounts.map(({ tags: _tags, ...pma }) => pma) }).toEqual({
      catalog: 'AWS',
      programManagementAccounts: [
        { name: 'emea-distribution', program: 'DISTRIBUTION_SELLER', accountId: '210000000001', displayName: 'EMEA Distribution' },
        { name: 'named-by-id', program: 'SOLUTION_PROVIDER', accountId: '210000000000', displayName: 'Named by id' },
      ],
    });
    // The relationship under the PMA the files name by id: the import declares that PMA, so it names it.
    expect(documents.slice(1)).toEqual([
      expect.objectContaining({
        catalog: 'AWS',
        programManagementAccount: 'named-by-id',
        relationships: [expect.objectContaining({ associatedAccountId: '100000000002' })],
      }),
    ]);
    expect(result.stdout).not.toContain('pcc:');

    await writeFile(join(cwd, 'relationships', 'imported.yaml'), result.stdout);
    const validate = await runCli(['validate'], { cwd });
    expect(validate.code, validate.stderr).toBe(0);
    expect((await runCli(['fmt', '--check'], { cwd })).code).toBe(0);
    const plan = await runCli(['plan', '--format', 'json'], { cwd, env });
    expect(plan.code, plan.stderr).toBe(0);
    const changes = (JSON.parse(plan.stdout) as { changes: { kind?: string; action: string; address: string }[] }).changes;
    // Nothing imported is created again: the PMAs are adopted (tagged), the relationship too.
    expect(changes.filter((c) => c.action === 'create')).toEqual([]);
    expect(changes.filter((c) => c.kind === 'programManagementAccount').map((c) => [c.address, c.action])).toEqual([
      ['AWS/DISTRIBUTION/210000000001', 'adopt'],
      ['AWS/DISTRIBUTION_SELLER/210000000001', 'adopt'],
      ['AWS/SOLUTION_PROVIDER/210000000000', 'adopt'],
    ]);
  });

  it('files that only declare PMAs: the undeclared PMAs are written, and the relationships under a declared one name it', async () => {
    const e = await seeded();
    e.state.seedRelationship({ pmaId: EMEA, associatedAccountId: '100000000003', associationType: 'END_CUSTOMER', displayName: 'Under emea', sector: 'COMMERCIAL' });
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-import-pma-'));
    await mkdir(join(cwd, 'relationships'));
    await writeFile(
      join(cwd, 'relationships', 'pmas.yaml'),
      `catalog: AWS\nprogramManagementAccounts:\n  - name: emea\n    program: DISTRIBUTION\n    accountId: "210000000001"\n    displayName: EMEA Distribution\n`,
    );
    const result = await runCli(['import'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.code, result.stderr).toBe(0);
    const documents = parseAllDocuments(result.stdout).map((d) => d.toJS() as Record<string, unknown>);
    const section = documents[0] as { programManagementAccounts: { name: string }[] };
    expect(section.programManagementAccounts.map((pma) => pma.name)).toEqual(['emea-distribution', 'named-by-id']);
    expect(documents.slice(1)).toEqual([
      expect.objectContaining({ programManagementAccount: 'emea', relationships: [expect.objectContaining({ associatedAccountId: '100000000003' })] }),
    ]);
  });

  it('where no file declares PMAs, writes none (a note says how many and why), and names PMAs by id as before', async () => {
    const e = await seeded();
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-import-pma-'));
    await mkdir(join(cwd, 'relationships'));
    await writeFile(join(cwd, 'relationships', 'a.yaml'), `catalog: AWS\nprogramManagementAccountIdentifier: ${NAMED}\nrelationships: []\n`);
    const result = await runCli(['import'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('pcc import: 3 program management accounts of the AWS catalog are not written: no file declares PMAs there');
    expect(result.stderr).toContain('Imported 2 relationships');
    expect(result.stdout).not.toContain('programManagementAccounts');
    expect(result.stdout).toContain(`programManagementAccountIdentifier: ${NAMED}`);
  });

  it('relationships under a PMA the files name by its name: the undeclared ones are written naming it', async () => {
    const e = await seeded();
    for (const account of ['100000000005', '100000000006'])
      e.state.seedRelationship({
        pmaId: EMEA,
        associatedAccountId: account,
        associationType: 'END_CUSTOMER',
        displayName: `Under EMEA ${account.slice(-1)}`,
        sector: 'COMMERCIAL',
      });
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-import-pma-'));
    await mkdir(join(cwd, 'relationships'));
    await writeFile(
      join(cwd, 'relationships', 'emea.yaml'),
      'catalog: AWS\nprogramManagementAccounts:\n  - name: emea\n    program: DISTRIBUTION\n    accountId: "210000000001"\n    displayName: EMEA Distribution\n---\ncatalog: AWS\nprogramManagementAccount: emea\nrelationships:\n  - associatedAccountId: "100000000005"\n    associationType: END_CUSTOMER\n    displayName: Under EMEA 5\n    sector: COMMERCIAL\n',
    );
    const result = await runCli(['import'], { cwd, env: emulatorEnv(e.endpoint) });
    expect(result.code, result.stderr).toBe(0);
    const documents = parseAllDocuments(result.stdout).map((d) => d.toJS() as Record<string, unknown>);
    const underEmea = documents.filter((d) => d.programManagementAccount === 'emea');
    expect(underEmea).toEqual([expect.objectContaining({ catalog: 'AWS', relationships: [expect.objectContaining({ associatedAccountId: '100000000006' })] })]);
    expect(result.stdout).not.toContain(EMEA);
  });

  it('a second import, with the first in the files, has nothing to write', async () => {
    const e = await seeded();
    const cwd = await project();
    const env = emulatorEnv(e.endpoint);
    const first = await runCli(['import', '--out', 'relationships/imported.yaml'], { cwd, env });
    expect(first.code, first.stderr).toBe(0);
    const again = await runCli(['import'], { cwd, env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('Nothing to import');
  });
});
