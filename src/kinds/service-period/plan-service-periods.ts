import type { DesiredRelationship } from '../../desired/types.js';
import type { KindPlan, PlanInput } from '../../plan/kind-planner.js';
import type { PlannedChange } from '../../plan/plan-types.js';
import { planServicePeriod, type ServicePeriodFlags } from './plan-service-period.js';
import { planServicePeriodRevoke } from './plan-service-period-revoke.js';
import type { ServicePeriodChange } from './service-period-change.js';
import { periodHistories } from './service-period-history.js';

/** The relationship change planned for this very entry (same address and source): none when matching it failed. */
function relationshipChangeOf(entry: DesiredRelationship, earlier: readonly PlannedChange[]): PlannedChange | undefined {
  return earlier.find(
    (change) =>
      change.kind === 'relationship' && change.address === entry.address && change.source?.file === entry.source.file && change.source.line === entry.source.line,
  );
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
  for (const entry of desired.relationships) {
    const planned = relationshipChangeOf(entry, earlier);
    if (!planned) continue;
    const relationship = planned.action === 'create' || planned.action === 'replace' || planned.id === undefined ? undefined : { id: planned.id };
    const history = relationship && histories.get(relationship.id);
    const revoke = relationship && planServicePeriodRevoke(entry, relationship, history, flags);
    if (revoke) changes.push(revoke);
    const period = planServicePeriod(entry, relationship, history, options.now, flags);
    if (period.change) changes.push(period.change);
    if (period.error) errors.push(period.error);
  }
  return { changes, errors };
}
