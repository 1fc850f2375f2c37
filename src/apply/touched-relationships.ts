import type { TouchedRelationship } from '../live/refresh-cache-store.js';
import { pmaIdOf } from '../model/address.js';
import type { Plan } from '../plan/plan-types.js';
import { kindOf } from '../kinds/registry.js';
import { changesToApply, keyOf } from './apply-plan.js';
import type { ApplyOutcome } from './outcome.js';

/**
 * Every relationship an apply may have written to, as the kind of each change it was handed says (failed ones
 * too, since a failure can come after a tag write), with the ids its outcome names (new ones of creates, deleted
 * ones of replaces).
 * Their cached tags must not be trusted afterwards: tag writes move neither revision nor updatedAt.
 */
export function touchedRelationships(plan: Plan, outcomes: readonly ApplyOutcome[]): TouchedRelationship[] {
  const touched = new Map<string, TouchedRelationship>();
  const add = (address: string, id: string | undefined, arn?: string) => {
    const [catalog = '', pma = ''] = address.split('/');
    if (id && !touched.has(id)) touched.set(id, { id, catalog, pmaId: pmaIdOf(pma), ...(arn ? { arn } : {}) });
  };
  const outcomeOf = new Map(outcomes.map((outcome) => [keyOf(outcome), outcome]));
  for (const change of changesToApply(plan).flat()) {
    const outcome = outcomeOf.get(keyOf(change));
    // Its kind says what it touched (an outcome is its change's kind's).
    for (const { id, arn } of kindOf(change).applier.touched(change, outcome)) add(change.address, id, arn);
  }
  return [...touched.values()];
}
