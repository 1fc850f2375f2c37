import { isManaged, liveAddressOf, type LiveRelationshipState } from '../../live/live-state.js';
import { guardDeletions, type DeletionsToGuard, type GuardedDeletion } from '../../plan/delete-guard.js';
import type { PlanError, PlannedChange } from '../../plan/plan-types.js';
import { deletesUnderServicePeriod } from '../service-period/service-period-commitment.js';

/** The `<catalog>/<pma-id>` part of an address. */
const pmaOf = (address: string): string => address.slice(0, address.lastIndexOf('/'));

interface RelationshipDeletion extends GuardedDeletion {
  underServicePeriod: boolean;
}

/**
 * The relationship deletes the guard counts: deletes and (allowed) replaces, both delete a live relationship,
 * grouped by PMA; those that end an accepted service period are named in the message (and each needs its own
 * acknowledgement, service-period-commitment.ts). Changes of other kinds delete no relationship.
 */
export function relationshipDeletions(changes: readonly PlannedChange[], live: readonly LiveRelationshipState[]): DeletionsToGuard<RelationshipDeletion> {
  const deletions = changes
    .filter((change) => change.kind === 'relationship' && (change.action === 'delete' || (change.action === 'replace' && !change.blocked)))
    .map((change) => ({ address: change.address, group: pmaOf(change.address), underServicePeriod: deletesUnderServicePeriod(change) }));
  const managedPerGroup = new Map<string, number>();
  for (const item of live.filter(isManaged)) managedPerGroup.set(pmaOf(liveAddressOf(item)), (managedPerGroup.get(pmaOf(liveAddressOf(item))) ?? 0) + 1);
  return {
    deletions,
    managedPerGroup,
    count: (n) => `${n} relationship${n === 1 ? '' : 's'}`,
    plural: 'relationships',
    // `, 1 of them under an accepted service period`: a commitment to a customer is named where deletes are counted.
    note: (some) => {
      const n = some.filter((deletion) => deletion.underServicePeriod).length;
      return n === 0 ? '' : ` (${n} of them under an accepted service period)`;
    },
  };
}

/** The mass-deletion guard over the plan's relationship deletes (src/plan/delete-guard.ts). PURE. */
export function checkDeleteGuard(changes: readonly PlannedChange[], live: readonly LiveRelationshipState[], maxDeletes: number | undefined): PlanError[] {
  return guardDeletions(relationshipDeletions(changes, live), maxDeletes);
}
