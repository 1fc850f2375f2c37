/**
 * TEMPORARY (issue 20, until buildPlan sets `dependsOn`, the plan helper's part): the edges buildPlan will write,
 * filled in for a plan whose changes carry none, so apply orders a plan of today's planner as before. Remove this
 * file and its one call in src/apply/apply-plan.ts once buildPlan sets them.
 */
import type { ChangeDependency, PlannedChange } from '../plan/plan-types.js';

const catalogOf = (change: PlannedChange) => (change.kind === 'servicePeriod' ? change.servicePeriod.catalog : change.address.split('/')[0]);

function derived(change: PlannedChange, changes: readonly PlannedChange[]): ChangeDependency[] {
  if (change.kind !== 'servicePeriod') return [];
  const relationship = changes
    .filter((c) => c.kind === 'relationship' && c.address === change.address && (c.action === 'create' || c.action === 'replace'))
    .map((c): ChangeDependency => ({ kind: c.kind, address: c.address, action: c.action, knownAfterApply: ['relationshipIdentifier'] }));
  const withdraws =
    change.action === 'update'
      ? []
      : changes
          .filter((c) => c.kind === 'servicePeriod' && c.action === 'update' && catalogOf(c) === catalogOf(change))
          .map((c): ChangeDependency => ({ kind: c.kind, address: c.address, action: c.action }));
  return [...relationship, ...withdraws];
}

/** The plan's changes, each without `dependsOn` given the edges buildPlan will set. */
export function withDerivedDependsOn(changes: readonly PlannedChange[]): PlannedChange[] {
  return changes.map((change) => {
    if (change.dependsOn !== undefined) return change;
    const dependsOn = derived(change, changes);
    return dependsOn.length > 0 ? { ...change, dependsOn } : change;
  });
}
