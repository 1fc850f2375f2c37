import { statusCounts, type KindApplier } from '../../apply/kind-applier.js';
import { ACTION_PAST_TENSE } from '../../plan/actions.js';
import { applyChange } from './apply-change.js';
import type { RelationshipChange } from './relationship-change.js';
import type { RelationshipOutcome } from './relationship-outcome.js';

/** How relationship changes are applied (apply-change.ts) and counted. */
export const relationshipApplier: KindApplier<RelationshipChange, RelationshipOutcome> = {
  apply: (change, context) =>
    applyChange(context.api, change, context.readLagDelaysMs, context.runId, { tagsReadNow: change.id !== undefined && (context.tagsReadNow?.has(change.id) ?? false) }),
  destroys: (change) => change.action === 'delete',
  count(outcome) {
    // A create another apply made is counted apart, not as skipped.
    if (outcome.status === 'skipped' && outcome.createdByAnother) return { createdByAnother: 1 };
    if (outcome.status !== 'succeeded') return statusCounts(outcome);
    return { [ACTION_PAST_TENSE[outcome.action]]: 1 };
  },
  // The one it acted on, the one a create or replace made, and the one a replace deleted.
  touched: (change, outcome) =>
    [{ id: change.id, arn: change.arn }, { id: outcome?.id }, { id: outcome?.replacedId }].flatMap(({ id, arn }) => (id ? [{ id, ...(arn ? { arn } : {}) }] : [])),
};
