import { statusCounts, type KindApplier } from '../../apply/kind-applier.js';
import { ACTION_PAST_TENSE } from '../../plan/actions.js';
import { applyPma } from './apply-pma.js';
import type { ProgramManagementAccountChange } from './pma-change.js';
import type { ProgramManagementAccountOutcome } from './pma-outcome.js';

/** How PMA changes are applied (apply-pma.ts) and counted. */
export const programManagementAccountApplier: KindApplier<ProgramManagementAccountChange, ProgramManagementAccountOutcome> = {
  apply: (change, { api, runId, readLagDelaysMs }) => applyPma(change, { api, runId, readLagDelaysMs }),
  // A delete runs after every other change (the relationships under it go first); a replace makes one in its place.
  destroys: (change) => change.action === 'delete',
  count(outcome) {
    const sent = outcome.handshakeId !== undefined && outcome.status === 'succeeded' ? { pmaHandshakesSent: 1 } : {};
    if (outcome.status !== 'succeeded') return statusCounts(outcome);
    return { [ACTION_PAST_TENSE[outcome.action]]: 1, ...sent };
  },
  // No relationship is written by a PMA change.
  touched: () => [],
};
