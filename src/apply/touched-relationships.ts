import type { TouchedRelationship } from '../live/refresh-cache-store.js';
import { pmaIdOf } from '../model/address.js';
import type { Plan } from '../plan/plan-types.js';
import { changesToApply } from './apply-plan.js';
import type { ApplyOutcome } from './outcome.js';

/**
 * Every relationship an apply may have written to: each change it was handed (failed ones too, since a failure
 * can come after a tag write) and each id an outcome names (new ones of creates, deleted ones of replaces).
 * Their cached tags must not be trusted afterwards: tag writes move neither revision nor updatedAt.
 */
export function touchedRelationships(plan: Plan, outcomes: readonly ApplyOutcome[]): TouchedRelationship[] {
  const touched = new Map<string, TouchedRelationship>();
  const add = (address: string, id: string | undefined, arn?: string) => {
    const [catalog = '', pma = ''] = address.split('/');
    if (id && !touched.has(id)) touched.set(id, { id, catalog, pmaId: pmaIdOf(pma), ...(arn ? { arn } : {}) });
  };
  for (const change of changesToApply(plan).flat()) add(change.address, change.id, 'arn' in change ? change.arn : undefined);
  for (const outcome of outcomes) {
    add(outcome.address, outcome.id);
    if ('replacedId' in outcome) add(outcome.address, outcome.replacedId);
  }
  return [...touched.values()];
}
