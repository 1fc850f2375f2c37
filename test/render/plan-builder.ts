/**
 * Plan values built by hand for renderer tests: the renderers read nothing else, so a test names exactly
 * what the planner would have produced. The summary is counted from the changes like the planner does
 * (a blocked replace counts as a replace and as blocked).
 */
import { isApplyable } from '../../src/plan/applyable.js';
import type { Plan, PlanError, PlannedChange, PlanSummary, UnmanagedRelationship } from '../../src/plan/plan-types.js';

export const PMA = 'pma-u8ic702rtzng8';

export function addressFor(account: string, pma = PMA, catalog = 'AWS'): string {
  return `${catalog}/${pma}/${account}`;
}

export function summarise(changes: readonly PlannedChange[], unmanaged: number): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, adopt: 0, replace: 0, delete: 0, noOp: 0, unmanaged, blocked: 0 };
  for (const change of changes) {
    if (change.action === 'no-op') summary.noOp += 1;
    else summary[change.action] += 1;
    if (change.blocked) summary.blocked += 1;
  }
  return summary;
}

export interface PlanParts {
  changes?: PlannedChange[];
  unmanaged?: UnmanagedRelationship[];
  errors?: PlanError[];
  options?: Plan['options'];
}

export function makePlan({ changes = [], unmanaged = [], errors = [], options }: PlanParts = {}): Plan {
  const planOptions = options ?? { prune: changes.some((c) => c.action === 'delete'), allowReplace: changes.some((c) => c.action === 'replace' && !c.blocked) };
  return {
    formatVersion: 1,
    desiredHash: 'sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    dir: 'relationships',
    options: planOptions,
    // As buildPlan records it: the one decider, not a copy of its rules.
    applyable: isApplyable({ changes, errors, options: planOptions }),
    changes: [...changes].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)),
    unmanaged,
    errors,
    summary: summarise(changes, unmanaged.length),
  };
}

/** A create with every field the API requires, declared at `file:line`. */
export function createChange(account: string, displayName: string, line = 4, file = 'relationships/acme.yaml'): PlannedChange {
  return {
    kind: 'relationship',
    address: addressFor(account),
    action: 'create',
    source: { file, line },
    fields: [
      { name: 'associatedAccountId', after: account },
      { name: 'associationType', after: 'END_CUSTOMER' },
      { name: 'catalog', after: 'AWS' },
      { name: 'displayName', after: displayName },
      { name: 'programManagementAccountIdentifier', after: PMA },
      { name: 'sector', after: 'COMMERCIAL' },
    ],
    desired: {
      catalog: 'AWS',
      programManagementAccountIdentifier: PMA,
      associatedAccountId: account,
      associationType: 'END_CUSTOMER',
      displayName,
      sector: 'COMMERCIAL',
      tags: {},
    },
  };
}
