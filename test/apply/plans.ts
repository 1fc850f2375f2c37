import type { RelationshipSpec } from '../../src/model/relationship.js';
import { isApplyable } from '../../src/plan/applyable.js';
import type { Plan, PlannedChange } from '../../src/plan/plan-types.js';
import { PMA } from './fake-api.js';

export function spec(account: string, overrides: Partial<RelationshipSpec> = {}): RelationshipSpec {
  return {
    catalog: 'AWS',
    programManagementAccountIdentifier: PMA,
    associatedAccountId: account,
    associationType: 'END_CUSTOMER',
    displayName: `Account ${account.slice(0, 4)}`,
    sector: 'COMMERCIAL',
    tags: {},
    ...overrides,
  };
}

export const addressFor = (account: string) => `AWS/${PMA}/${account}`;

export function planOf(changes: PlannedChange[], options: Partial<Plan['options']> = {}): Plan {
  const count = (action: string) => changes.filter((c) => c.action === action && !c.blocked).length;
  const planOptions = { prune: false, allowReplace: false, ...options };
  return {
    formatVersion: 1,
    desiredHash: 'hash',
    dir: 'relationships',
    options: planOptions,
    applyable: isApplyable({ changes, errors: [], options: planOptions }),
    changes,
    unmanaged: [],
    errors: [],
    summary: {
      create: count('create'),
      update: count('update'),
      adopt: count('adopt'),
      replace: count('replace'),
      delete: count('delete'),
      noOp: count('no-op'),
      unmanaged: 0,
      blocked: changes.filter((c) => c.blocked).length,
    },
  };
}

export function createChange(account: string, overrides: Partial<RelationshipSpec> = {}): PlannedChange {
  return { kind: 'relationship', address: addressFor(account), action: 'create', fields: [], desired: spec(account, overrides) };
}
