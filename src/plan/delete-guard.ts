import type { PlanError } from './plan-types.js';

/** At most this many deletes per run by default. */
const DEFAULT_MAX_DELETES = 10;
/** A group (a PMA) with more managed resources than this may lose at most half of them per run by default. */
const HALF_RULE_MIN_MANAGED = 4;

/** One planned deletion of a live resource, as the guard counts it. */
export interface GuardedDeletion {
  address: string;
  /** The group the half rule is counted in (for a relationship: its `<catalog>/<pma-id>`). */
  group: string;
}

/** What one kind deletes, and the words the guard's errors name it by (kind.planner.deletions). */
export interface DeletionsToGuard<D extends GuardedDeletion = GuardedDeletion> {
  deletions: readonly D[];
  /** Managed live resources of this kind, per group. */
  managedPerGroup: ReadonlyMap<string, number>;
  /** `3 relationships`. */
  count(n: number): string;
  /** `relationships`: after `the N managed`. */
  plural: string;
  /** What the guard adds after a count of these deletions (e.g. ` (1 of them under an accepted service period)`), or ''. */
  note(deletions: readonly D[]): string;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const guardError = (message: string, count: number): PlanError => ({
  code: 'delete-guard',
  message,
  hint: `review every deletion in the plan; if each is meant, run again with --max-deletes ${count}`,
});

/**
 * The mass-deletion guard (SPEC.md "Ownership and state"), for one kind's deletions. With `maxDeletes` undefined:
 * more than DEFAULT_MAX_DELETES deletes, or more than half of the managed resources of a group that has more than
 * HALF_RULE_MIN_MANAGED, is an error. With `maxDeletes` N (`--max-deletes N`): more than N deletes is, and nothing
 * else. PURE. Returns the errors (empty: the deletes may go ahead).
 */
export function guardDeletions<D extends GuardedDeletion>(guarded: DeletionsToGuard<D>, maxDeletes: number | undefined): PlanError[] {
  const { deletions, managedPerGroup, count, plural } = guarded;
  const note = (some: readonly D[]) => guarded.note(some);
  if (maxDeletes !== undefined) {
    return deletions.length > maxDeletes
      ? [guardError(`the plan deletes ${count(deletions.length)}${note(deletions)}, more than --max-deletes ${maxDeletes} allows`, deletions.length)]
      : [];
  }
  const errors: PlanError[] = [];
  if (deletions.length > DEFAULT_MAX_DELETES) {
    errors.push(
      guardError(
        `the plan deletes ${count(deletions.length)}${note(deletions)}, more than the ${DEFAULT_MAX_DELETES} allowed per run without --max-deletes`,
        deletions.length,
      ),
    );
  }
  for (const [group, n] of [...countBy(deletions, (deletion) => deletion.group)].sort()) {
    const of = managedPerGroup.get(group) ?? 0;
    if (of > HALF_RULE_MIN_MANAGED && n * 2 > of) {
      const inGroup = note(deletions.filter((deletion) => deletion.group === group));
      errors.push(guardError(`the plan deletes ${n} of the ${of} managed ${plural} in ${group}${inGroup}, more than half, which needs --max-deletes`, deletions.length));
    }
  }
  return errors;
}
