import { statusCounts, type KindApplier } from '../../apply/kind-applier.js';
import type { ProgramManagementAccountChange } from './pma-change.js';
import type { ProgramManagementAccountOutcome } from './pma-outcome.js';

/** How PMA changes are applied and counted. */
export const programManagementAccountApplier: KindApplier<ProgramManagementAccountChange, ProgramManagementAccountOutcome> = {
  apply: async (change) => ({
    kind: 'programManagementAccount',
    address: change.address,
    action: change.action === 'no-op' ? 'update' : change.action,
    status: 'skipped',
    note: 'not implemented yet',
  }),
  destroys: (change) => change.action === 'delete',
  count: (outcome) => statusCounts(outcome),
  touched: () => [],
};
