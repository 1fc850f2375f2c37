/**
 * `pcc fmt` knows the keys of issue 21: a document names its PMA by `programManagementAccount` beside
 * `programManagementAccountIdentifier` (defaults first), declares PMAs under `programManagementAccounts:` (before the
 * relationships that name them), and an entry's `programManagementAccount` sits beside the PMA identifier.
 */
import { describe, expect, it } from 'vitest';
import { formatYaml } from '../../src/desired/format-yaml.js';

const messy = `relationships:
  - displayName: Acme
    programManagementAccount: apac # its own
    associatedAccountId: '111122223333'
    catalog: AWS
    sector: COMMERCIAL
    associationType: END_CUSTOMER
programManagementAccounts:
  - displayName: EMEA distribution
    tags: {z: "1", a: "2"}
    accountId: '123456789012'
    program: DISTRIBUTION
    name: emea # the handle
programManagementAccount: emea
catalog: AWS
`;

const canonical = `catalog: AWS
programManagementAccount: emea
programManagementAccounts:
  - name: emea # the handle
    program: DISTRIBUTION
    accountId: "123456789012"
    displayName: EMEA distribution
    tags:
      a: "2"
      z: "1"
relationships:
  - catalog: AWS
    programManagementAccount: apac # its own
    associatedAccountId: "111122223333"
    associationType: END_CUSTOMER
    displayName: Acme
    sector: COMMERCIAL
`;

describe('formatYaml with program management accounts', () => {
  it('orders the PMA keys and sections, quotes the PMA account id, keeps the comments', () => {
    expect(formatYaml(messy)).toEqual({ ok: true, text: canonical });
  });

  it('is idempotent on that canonical text', () => {
    expect(formatYaml(canonical)).toEqual({ ok: true, text: canonical });
  });

  it('puts the identifier default before the name default (both kept: validate reports them)', () => {
    const result = formatYaml('programManagementAccount: emea\nprogramManagementAccountIdentifier: pma-u8ic702rtzng8\nrelationships: []\n');
    expect(result).toEqual({ ok: true, text: 'programManagementAccountIdentifier: pma-u8ic702rtzng8\nprogramManagementAccount: emea\nrelationships: []\n' });
  });
});
