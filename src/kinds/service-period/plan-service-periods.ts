import type { KindPlan, PlanInput } from '../../plan/kind-planner.js';
import type { PlannedChange } from '../../plan/plan-types.js';
import { planServicePeriod, type ServicePeriodFlags } from './plan-service-period.js';
import { planServicePeriodRevoke } from './plan-service-period-revoke.js';
import type { ServicePeriodChange } from './service-period-change.js';
import { periodHistories } from './service-period-history.js';

const entryKey = (address: string, source: { file: string; line: number }) => `${address}\u0000${source.file}\u0000${source.line}`;

/** The relationship change planned for each entry, by its address and source (none: matching it failed). */
function relationshipChanges(earlier: readonly PlannedChange[]): Map<string, PlannedChange> {
  const byEntry = new Map<string, PlannedChange>();
  for (const change of earlier) {
    const key = change.kind === 'relationship' && change.source ? entryKey(change.address, change.source) : undefined;
    if (key !== undefined && !byEntry.has(key)) byEntry.set(key, change);
  }
  return byEntry;
}

/**
 * The service-period changes of each entry whose relationship was planned (registry order: relationships first):
 * a revoke when it no longer declares a period in force, else what its declared period calls for. A relationship
 * the same apply creates or replaces has no id yet: its period is requested anew, after it (known after apply).
 */
export function planServicePeriods({ desired, live, options, earlier }: PlanInput): KindPlan<ServicePeriodChange> {
  const changes: ServicePeriodChange[] = [];
  const errors: KindPlan<ServicePeriodChange>['errors'] = [];
  const histories = periodHistories(live);
  const flags: ServicePeriodFlags = { resend: options.resend === true, revoke: options.revoke === true, replace: options.replaceServicePeriods === true };
  const planned = relationshipChanges(earlier);
  for (const entry of desired.relationships) {
    const relationshipChange = planned.get(entryKey(entry.address, entry.source));
    if (!relationshipChange) continue;
    const made = relationshipChange.action === 'create' || relationshipChange.action === 'replace';
    const relationship = made || relationshipChange.id === undefined ? undefined : { id: relationshipChange.id };
    const history = relationship && histories.get(relationship.id);
    const revoke = relationship && planServicePeriodRevoke(entry, relationship, history, flags);
    if (revoke) changes.push(revoke);
    const period = planServicePeriod(entry, relationship, history, options.now, flags);
    if (period.change) changes.push(period.change);
    if (period.error) errors.push(period.error);
  }
  return { changes, errors };
}
