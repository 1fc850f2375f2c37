/** Defects found by review of issue 21, as failing tests: `released:` in a document that names its PMA by its declared name. */
import { describe, expect, it } from 'vitest';
import { loadDesired } from '../../src/desired/load-desired.js';
import { SET_MARKER } from '../../src/desired/set-root.js';
import { briefs, load, project } from './helpers.js';

const PMAS = 'catalog: AWS\nprogramManagementAccounts:\n  - name: apac\n    program: SOLUTION_PROVIDER\n    accountId: "123456789013"\n    displayName: APAC\n';

const released = (address: string) => `catalog: AWS\nprogramManagementAccount: apac\nrelationships: []\nreleased:\n  - ${address}\n`;

describe('breakit: released under a named PMA', () => {
  it('#5 a document naming its PMA by name can release a relationship under it, by name-form or by id-form address', async () => {
    // Name form, as the README says a named PMA's relationship addresses read until the PMA exists.
    const byName = await load({ 'pmas.yaml': PMAS, 'a.yaml': released('AWS/apac/210000000077') });
    // Id form, as the plan shows the address once the PMA exists (pcc pmas gives the id).
    const byId = await load({ 'pmas.yaml': PMAS, 'a.yaml': released('AWS/pma-0qa9xl9dc3bl7/210000000077') });
    // At least one of the two forms must be accepted: today both are refused (invalid / release-outside-scope).
    const accepted = [byName, byId].filter((loaded) => loaded.diagnostics.length === 0);
    expect(accepted.length, JSON.stringify([briefs(byName.diagnostics), briefs(byId.diagnostics)])).toBeGreaterThan(0);
  });

  it('#5b a released address that is not valid says what is wrong without a bare list index ("0 … is not valid")', async () => {
    const { diagnostics } = await load({ 'pmas.yaml': PMAS, 'a.yaml': released('AWS/pma-bad/210000000077') });
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]?.message).not.toMatch(/^0 /);
  });
});

describe('breakit: planning a folder inside the set', () => {
  it('#18 --dir relationships/team resolves a PMA name declared elsewhere in the set, or says where it is declared', async () => {
    const { cwd } = await project({
      [SET_MARKER]: '',
      'pmas.yaml': PMAS,
      'team/t.yaml': 'catalog: AWS\nprogramManagementAccount: apac\nrelationships: []\n',
    });
    const { diagnostics } = await loadDesired({ dir: 'relationships/team', cwd });
    // README: "Planning and applying without --prune work from any folder". Today: "no file declares … apac", with a hint
    // to declare it (a second declaration would then clash with pmas.yaml when the whole set is planned).
    const message = diagnostics.map((d) => `${d.message} ${d.hint ?? ''}`).join('\n');
    expect(diagnostics.length === 0 || message.includes('pmas.yaml'), message).toBe(true);
  });
});

describe('breakit: PMA tag limits', () => {
  // The reviewer asked for 49 (50 − pcc:managed); since #13 a PMA create also tags pcc:apply-run (the proof that a
  // read-back after a 409 is this run's create), so pcc uses 2 tags on a PMA and 48 are the user's.
  it("#21 a PMA may carry 48 user tags (pcc adds pcc:managed and pcc:apply-run to a PMA), and the limit is not worded as a relationship's", async () => {
    const pmaWith = (count: number) =>
      `catalog: AWS\nprogramManagementAccounts:\n  - name: many\n    program: SOLUTION_PROVIDER\n    accountId: "123456789096"\n    displayName: Many tags\n    tags: {${Array.from({ length: count }, (_, i) => `k${i}: v`).join(', ')}}\n`;
    expect((await load({ 'pmas.yaml': pmaWith(48) })).diagnostics.map((d) => d.message)).toEqual([]);
    const messages = (await load({ 'pmas.yaml': pmaWith(49) })).diagnostics.map((d) => d.message);
    expect(messages).toEqual([expect.stringContaining('at most 48')]);
    expect(messages.join(' ')).toMatch(/program management account/);
    expect(messages.join(' ')).not.toMatch(/relationship/);
  });
});
