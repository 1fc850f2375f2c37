import { countAction } from '../../plan/count-action.js';
import type { KindPlanner } from '../../plan/kind-planner.js';
import { pmaAddressOf } from './pma-address.js';
import type { ProgramManagementAccountChange } from './pma-change.js';

/** How a PMA is planned, counted, checked and compared (src/plan/kind-planner.ts). */
export const programManagementAccountPlanner: KindPlanner<ProgramManagementAccountChange> = {
  plan: () => ({ changes: [], errors: [] }),
  addresses: (desired, live) => ({
    declared: desired.programManagementAccounts.map((pma) => pma.address),
    live: (live.programManagementAccounts ?? []).flatMap((pma) => (pma.program && pma.accountId ? [pmaAddressOf(pma.catalog, pma.program, pma.accountId)] : [])),
  }),
  dependsOn: () => [],
  count: (summary, change) => countAction(summary, change),
  blockers: () => [],
  matchesFiles: () => ({ mismatch: () => undefined }),
  identity: (change) => ({ programManagementAccount: change.programManagementAccount, handshake: change.handshake ?? null }),
  carrySeen: (fresh) => fresh,
  noLongerNeeded: (noOp) => ({ done: !noOp.warnings?.length, why: noOp.reason ?? 'the program management account is as declared' }),
};
