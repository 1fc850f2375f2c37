/** Desired and live relationships for planner, refresh and apply tests: valid by default, overridable field by field. */
import type { DesiredRelationship, DesiredState } from '../../src/desired/types.js';
import type { LiveRelationshipState } from '../../src/live/live-state.js';
import { addressOf } from '../../src/model/address.js';

export const PMA = 'pma-u8ic702rtzng8';
export const OTHER_PMA = 'pma-aaaaaaaaaaaaa';
const ACCOUNT = '123456789012';

/** The address of the entry at `account` (defaults: catalog AWS, the PMA above). */
export function addressFor(account: string, pma = PMA, catalog = 'AWS'): string {
  return addressOf(catalog, pma, account);
}

let line = 1;

/** A valid desired entry at `associatedAccountId`, overridable field by field. */
export function desiredEntry(associatedAccountId: string, overrides: Partial<DesiredRelationship> = {}): DesiredRelationship {
  const catalog = overrides.catalog ?? 'AWS';
  const pma = overrides.programManagementAccountIdentifier ?? PMA;
  return {
    catalog,
    programManagementAccountIdentifier: pma,
    pmaId: pma,
    associatedAccountId,
    address: addressOf(catalog, pma, associatedAccountId),
    associationType: 'END_CUSTOMER',
    displayName: `Customer ${associatedAccountId.slice(-4)}`,
    sector: 'COMMERCIAL',
    tags: {},
    source: { file: 'relationships/test.yaml', line: line++, column: 5 },
    entry: { docIndex: 0, index: line },
    ...overrides,
  } as DesiredRelationship;
}

export function desiredState(relationships: DesiredRelationship[]): DesiredState {
  const scopes = [...new Map(relationships.map((r) => [`${r.catalog}/${r.pmaId}`, { catalog: r.catalog, pmaId: r.pmaId }])).values()];
  return { programManagementAccounts: [], relationships, scopes, files: [{ path: 'relationships/test.yaml', sha256: 'f'.repeat(64) }], hash: 'h'.repeat(64) };
}

/** A live relationship matching `desiredEntry(associatedAccountId)` with no tags (i.e. unmanaged). */
export function liveEntry(associatedAccountId: string, id: string, overrides: Partial<LiveRelationshipState> = {}): LiveRelationshipState {
  const catalog = overrides.catalog ?? 'AWS';
  const pma = overrides.programManagementAccountId ?? PMA;
  return {
    id,
    arn: `arn:aws:partnercentral:us-east-1:${ACCOUNT}:catalog/${catalog}/program-management-account/${pma}/relationship/${id}`,
    revision: '1',
    catalog,
    associationType: 'END_CUSTOMER',
    programManagementAccountId: pma,
    associatedAccountId,
    displayName: `Customer ${associatedAccountId.slice(-4)}`,
    sector: 'COMMERCIAL',
    tags: {},
    ...overrides,
  };
}

export const MANAGED = { 'pcc:managed': 'true' } as const;
