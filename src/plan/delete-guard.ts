import { isManaged, liveAddressOf, type LiveRelationshipState } from '../live/live-state.js';
import type { PlanError, PlannedChange } from './plan-types.js';
import { deletesUnderServicePeriod } from '../kinds/service-period/service-period-commitment.js';

/** At most this many deletes per run by default. */
export const DEFAULT_MAX_DELETES = 10;
/** A PMA with more managed relationships than this may lose at most half of them per run by default. */
export const HALF_RULE_MIN_MANAGED = 4;

/** The `<catalog>/<pma-id>` part of an address. */
const pmaOf = (address: string): string => address.slice(0, address.lastIndexOf('/'));

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const relationships = (n: number): string => `${n} relationship${n === 1 ? '' : 's'}`;

/** `, 1 of them under an accepted service period`: a commitment to a customer is named where deletes are counted. */
function underServicePeriod(deletes: readonly PlannedChange[]): string {
  const n = deletes.filter(deletesUnderServicePeriod).length;
  return n === 0 ? '' : ` (${n} of them under an accepted service period)`;
}

const guardError = (message: string, count: number): PlanError => ({
  code: 'delete-guard',
  message,
  hint: `review every deletion in the plan; if each is meant, run again with --max-deletes ${count}`,
});

/**
 * The mass-deletion guard (SPEC.md "Ownership and state"). With `maxDeletes` undefined: more than
 * DEFAULT_MAX_DELETES deletes, or more than half of the managed relationships of a PMA that has more than
 * HALF_RULE_MIN_MANAGED, is an error. With `maxDeletes` N (`--max-deletes N`): more than N deletes is, and
 * nothing else. Deletes and (allowed) replaces count: both delete a live relationship; those that end an accepted
 * service period are named in the message (and each needs its own acknowledgement, service-period-commitment.ts).
 * PURE. Returns the errors (empty: the deletes may go ahead).
 */
export function checkDeleteGuard(changes: readonly PlannedChange[], live: readonly LiveRelationshipState[], maxDeletes: number | undefined): PlanError[] {
  // A replace deletes the live relationship before it creates another: it counts as a deletion here.
  // A service period's revoke (or replace) deletes no relationship.
  const deletes = changes.filter((change) => change.kind !== 'servicePeriod' && (change.action === 'delete' || (change.action === 'replace' && !change.blocked)));
  if (maxDeletes !== undefined) {
    return deletes.length > maxDeletes
      ? [guardError(`the plan deletes ${relationships(deletes.length)}${underServicePeriod(deletes)}, more than --max-deletes ${maxDeletes} allows`, deletes.length)]
      : [];
  }
  const errors: PlanError[] = [];
  if (deletes.length > DEFAULT_MAX_DELETES) {
    errors.push(
      guardError(
        `the plan deletes ${relationships(deletes.length)}${underServicePeriod(deletes)}, more than the ${DEFAULT_MAX_DELETES} allowed per run without --max-deletes`,
        deletes.length,
      ),
    );
  }
  const managed = countBy(live.filter(isManaged), (item) => pmaOf(liveAddressOf(item)));
  for (const [pma, count] of [...countBy(deletes, (change) => pmaOf(change.address))].sort()) {
    const of = managed.get(pma) ?? 0;
    if (of > HALF_RULE_MIN_MANAGED && count * 2 > of) {
      const inPma = underServicePeriod(deletes.filter((change) => pmaOf(change.address) === pma));
      errors.push(
        guardError(`the plan deletes ${count} of the ${of} managed relationships in ${pma}${inPma}, more than half, which needs --max-deletes`, deletes.length),
      );
    }
  }
  return errors;
}
