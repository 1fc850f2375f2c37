import type { KindPlan, PlanInput } from '../../plan/kind-planner.js';
import type { PlannedChange } from '../../plan/plan-types.js';
import { planServicePeriod, type ServicePeriodFlags } from './plan-service-period.js';
import { planServicePeriodRevoke } from './plan-service-period-revoke.js';
import type { ServicePeriodChange } from './service-period-change.js';
import { periodHistories } from './service-period-history.js';
import { pmaHoldOf, resolveDeclaredPmas } from '../../model/declared-pmas.js';
import type { DesiredRelationship } from '../../desired/types.js';
import { termsOf } from '../../model/service-period.js';

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
 * The no-op of a declared service period under a PMA that is not ACTIVE (its relationship held, or existing under a
 * PENDING PMA): shown, never requested. `why`: what its PMA waits for.
 */
function waitingForRelationship(
  entry: DesiredRelationship & Required<Pick<DesiredRelationship, 'servicePeriod'>>,
  relationshipChange: PlannedChange,
  why: string | undefined,
): ServicePeriodChange {
  return {
    kind: 'servicePeriod',
    address: entry.address,
    action: 'no-op',
    ...(relationshipChange.id !== undefined ? { id: relationshipChange.id } : {}),
    source: { file: entry.source.file, line: entry.source.line },
    fields: [],
    reason: `waiting for the relationship (${why ?? 'its program management account is not active'})`,
    reasonCode: 'service-period-waiting',
    servicePeriod: { catalog: entry.catalog, programManagementAccountIdentifier: entry.programManagementAccountIdentifier, terms: termsOf(entry.servicePeriod) },
  };
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
  // As the relationships were planned: entries naming a declared PMA under its live id where it has one.
  const resolved = resolveDeclaredPmas(desired, live);
  for (const entry of resolved.relationships) {
    const relationshipChange = planned.get(entryKey(entry.address, entry.source));
    if (!relationshipChange) continue;
    // Nothing is sent under a PMA not read as ACTIVE (the relationship's own change is held, or, under a PENDING
    // PMA, an existing relationship's no-op): whatever the service would say.
    const hold = pmaHoldOf(resolved.pmaOf(entry.catalog, entry.pmaId), entry.pmaId);
    if (hold || relationshipChange.reasonCode === 'pma-not-active' || relationshipChange.reasonCode === 'pma-inactive') {
      const why = hold?.reason ?? relationshipChange.reason;
      if (entry.servicePeriod) changes.push(waitingForRelationship({ ...entry, servicePeriod: entry.servicePeriod }, relationshipChange, why));
      continue;
    }
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
