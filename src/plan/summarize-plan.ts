import type { Action } from './actions.js';
import type { PlannedChange, PlanSummary } from './plan-types.js';
import { deletesUnderServicePeriod } from '../kinds/service-period/service-period-commitment.js';

const KEY: Readonly<Record<Action, keyof PlanSummary>> = {
  create: 'create',
  update: 'update',
  adopt: 'adopt',
  replace: 'replace',
  delete: 'delete',
  release: 'release',
  'no-op': 'noOp',
};

/**
 * Counts per action (`release` only when there is one); `blocked` counts the replaces among them that will not be
 * applied, `underServicePeriod` the deletes and replaces that end an accepted service period.
 */
export function summarizePlan(changes: readonly PlannedChange[], unmanaged: number): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, adopt: 0, replace: 0, delete: 0, noOp: 0, unmanaged, blocked: 0 };
  for (const change of changes) {
    if (change.kind === 'servicePeriod' && change.action === 'update') {
      // A withdraw sends nothing: it counts the pending handshakes it cancels.
      summary.withdraw = (summary.withdraw ?? 0) + (change.servicePeriod?.withdraw?.length ?? 0);
      continue;
    }
    if (change.kind === 'servicePeriod' && change.action !== 'no-op') {
      // A replace both revokes and requests: it counts in each.
      if (change.action !== 'delete') summary.request = (summary.request ?? 0) + 1;
      if (change.action !== 'create') summary.revoke = (summary.revoke ?? 0) + 1;
      continue;
    }
    const key = KEY[change.action];
    summary[key] = (summary[key] ?? 0) + 1;
    if (change.blocked) summary.blocked += 1;
    if (deletesUnderServicePeriod(change)) summary.underServicePeriod = (summary.underServicePeriod ?? 0) + 1;
  }
  return summary;
}

/** Whether applying the plan would change anything: what `--detailed-exitcode` reports as 2. */
export function planHasChanges(changes: readonly PlannedChange[]): boolean {
  return changes.some((change) => change.action !== 'no-op' && !change.blocked);
}
