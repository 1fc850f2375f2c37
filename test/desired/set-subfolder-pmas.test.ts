/** `--dir` a folder inside a set: PMA names declared elsewhere in the set resolve (issue 21; README "from any folder"). */
import { describe, expect, it } from 'vitest';
import { loadDesired } from '../../src/desired/load-desired.js';
import { SET_MARKER } from '../../src/desired/set-root.js';
import { project } from './helpers.js';

const PMAS = 'catalog: AWS\nprogramManagementAccounts:\n  - name: apac\n    program: SOLUTION_PROVIDER\n    accountId: "123456789013"\n    displayName: APAC\n';
const TEAM =
  'catalog: AWS\nprogramManagementAccount: apac\nrelationships:\n  - associatedAccountId: "210000000001"\n    associationType: DOWNSTREAM_SELLER\n    displayName: Team one\n    resaleAccountModel: END_CUSTOMER\n    sector: COMMERCIAL\n';
const OTHER =
  'catalog: AWS\nprogramManagementAccount: apac\nrelationships:\n  - associatedAccountId: "210000000002"\n    associationType: DOWNSTREAM_SELLER\n    displayName: Other team\n    resaleAccountModel: END_CUSTOMER\n    sector: COMMERCIAL\n';

describe('a folder inside a set', () => {
  it("resolves names the set declares elsewhere, and takes none of the other files' relationships", async () => {
    const { cwd } = await project({ [SET_MARKER]: '', 'pmas.yaml': PMAS, 'team/t.yaml': TEAM, 'other/o.yaml': OTHER });
    const { desired, diagnostics } = await loadDesired({ dir: 'relationships/team', cwd });
    expect(diagnostics).toEqual([]);
    expect(desired.programManagementAccounts.map((pma) => [pma.name, pma.source.file])).toEqual([['apac', 'relationships/pmas.yaml']]);
    expect(desired.relationships.map((entry) => entry.address)).toEqual(['AWS/apac/210000000001']);
    expect(desired.files.map((file) => file.path).sort()).toEqual(['relationships/pmas.yaml', 'relationships/team/t.yaml']);
  });

  it('the hash changes when a declaration elsewhere in the set changes', async () => {
    const a = await project({ [SET_MARKER]: '', 'pmas.yaml': PMAS, 'team/t.yaml': TEAM });
    const b = await project({ [SET_MARKER]: '', 'pmas.yaml': PMAS.replace('APAC', 'APAC 2'), 'team/t.yaml': TEAM });
    const [first, second] = await Promise.all([loadDesired({ dir: 'relationships/team', cwd: a.cwd }), loadDesired({ dir: 'relationships/team', cwd: b.cwd })]);
    expect(first.desired.hash).not.toBe(second.desired.hash);
  });

  it('without a set marker, the folder is read alone (the name is unknown there)', async () => {
    const { cwd } = await project({ 'pmas.yaml': PMAS, 'team/t.yaml': TEAM });
    const { diagnostics } = await loadDesired({ dir: 'relationships/team', cwd });
    expect(diagnostics.map((d) => d.code)).toEqual(['pma-unknown-name']);
  });
});
