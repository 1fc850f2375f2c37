/** `released:` under a PMA the files declare and name by its name (issue 21): name form accepted, a true hint for the id form. */
import { describe, expect, it } from 'vitest';
import { load } from './helpers.js';

const PMAS = 'catalog: AWS\nprogramManagementAccounts:\n  - name: apac\n    program: SOLUTION_PROVIDER\n    accountId: "123456789013"\n    displayName: APAC\n';
const released = (address: string) => `catalog: AWS\nprogramManagementAccount: apac\nrelationships: []\nreleased:\n  - ${address}\n`;

describe('released: under a named PMA', () => {
  it('accepts the name form and keeps it in name form until the PMA is read', async () => {
    const { desired, diagnostics } = await load({ 'pmas.yaml': PMAS, 'a.yaml': released('AWS/apac/210000000077') });
    expect(diagnostics).toEqual([]);
    expect(desired.released).toEqual([expect.objectContaining({ address: 'AWS/apac/210000000077', catalog: 'AWS', pmaId: 'apac' })]);
  });

  it('an id-form address is outside the scope, and the hint gives the name form (never a second PMA key)', async () => {
    const { diagnostics } = await load({ 'pmas.yaml': PMAS, 'a.yaml': released('AWS/pma-0qa9xl9dc3bl7/210000000077') });
    expect(diagnostics.map((d) => d.code)).toEqual(['release-outside-scope']);
    expect(diagnostics[0]?.hint).toContain('AWS/apac/210000000077');
    expect(diagnostics[0]?.hint).not.toContain('at the top of this document');
  });

  it('a name no file declares is outside the scope, and says so', async () => {
    const { diagnostics } = await load({ 'pmas.yaml': PMAS, 'a.yaml': released('AWS/apax/210000000077') });
    expect(diagnostics.map((d) => d.code)).toEqual(['release-outside-scope']);
    expect(diagnostics[0]?.hint).toContain('apax is no program management account the files declare');
  });

  it('a malformed address names the item and its list, not a bare index', async () => {
    const { diagnostics } = await load({ 'pmas.yaml': PMAS, 'a.yaml': released('AWS/Not_A_Pma/210000000077') });
    expect(diagnostics[0]?.message).toMatch(/^item 1 of released /);
  });
});
