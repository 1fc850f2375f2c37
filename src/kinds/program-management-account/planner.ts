import type { DeletionsToGuard } from '../../plan/delete-guard.js';
import { countAction } from '../../plan/count-action.js';
import type { KindPlanner } from '../../plan/kind-planner.js';
import type { PlannedChange } from '../../plan/plan-types.js';
import { sameData } from '../../model/string-keyed.js';
import type { LiveState } from '../../live/live-state.js';
import type { ProgramManagementAccountChange } from './pma-change.js';
import { checkPmaQuotas, sendsHandshake } from './pma-quotas.js';
import { isManagedPma } from './plan-pma.js';
import { livePmaAddress, planPmas } from './plan-pmas.js';

const isPma = (change: PlannedChange): change is ProgramManagementAccountChange => change.kind === 'programManagementAccount';

/** The PMA deletes the guard counts: deletes and allowed replaces, one group per catalog. */
function deletions(changes: readonly PlannedChange[], live: LiveState): DeletionsToGuard {
  const deleted = changes.filter(isPma).filter((c) => c.action === 'delete' || (c.action === 'replace' && !c.blocked));
  const managedPerGroup = new Map<string, number>();
  for (const pma of (live.programManagementAccounts ?? []).filter(isManagedPma)) managedPerGroup.set(pma.catalog, (managedPerGroup.get(pma.catalog) ?? 0) + 1);
  return {
    deletions: deleted.map((c) => ({ address: c.address, group: c.programManagementAccount.catalog })),
    managedPerGroup,
    count: (n) => `${n} program management account${n === 1 ? '' : 's'}`,
    plural: 'program management accounts',
    note: () => '',
  };
}

/** What a change must still say to match the files: the declared PMA's members. */
const declaredOf = (change: ProgramManagementAccountChange) => {
  const { name, catalog, program, accountId, displayName, tags } = change.programManagementAccount;
  return { name, catalog, program, accountId, displayName, tags };
};

/** How a PMA is planned, counted, checked and compared (src/plan/kind-planner.ts). */
export const programManagementAccountPlanner: KindPlanner<ProgramManagementAccountChange> = {
  plan: planPmas,
  addresses: (desired, live) => ({
    declared: desired.programManagementAccounts.map((pma) => pma.address),
    live: (live.programManagementAccounts ?? []).flatMap((pma) => livePmaAddress(pma) ?? []),
  }),
  check: (changes, { live, options }) => checkPmaQuotas(changes, live, options.now),
  deletions,
  // A PMA needs nothing applied before it; its delete runs after everything else (the relationships under it).
  dependsOn: () => [],
  count(summary, change) {
    countAction(summary, change);
    if (sendsHandshake(change)) summary.pmaHandshake = (summary.pmaHandshake ?? 0) + 1;
  },
  blockers(change, plan, refused) {
    if (refused) return [];
    // Only a hand-made or edited plan gets here: buildPlan blocks these itself.
    if (change.action === 'replace' && !plan.options.allowReplace)
      return [{ code: 'replace-not-allowed', message: `${change.address}: the plan replaces it but was not made with --allow-replace` }];
    if (change.action === 'delete' && !plan.options.prune)
      return [{ code: 'delete-not-allowed', message: `${change.address}: the plan deletes it but was not made with --prune` }];
    return [];
  },
  matchesFiles(desired) {
    const byAddress = new Map(desired.programManagementAccounts.map((pma) => [pma.address, pma]));
    const mismatch = (change: ProgramManagementAccountChange): string | undefined => {
      const declared = byAddress.get(change.address);
      if (change.action === 'delete') return declared ? `${change.address} is to be deleted but a file declares it` : undefined;
      if (!declared) return `${change.address} is in the plan but in no file`;
      const { name, catalog, program, accountId, displayName, tags } = declared;
      return sameData(JSON.parse(JSON.stringify({ name, catalog, program, accountId, displayName, tags })), declaredOf(change))
        ? undefined
        : `the declared program management account ${change.address} differs from its file entry`;
    };
    return { mismatch };
  },
  // What it declares, whether it sends a handshake, and (a delete or replace) the relationships under it.
  identity: (change) => ({ programManagementAccount: declaredOf(change), sendsHandshake: sendsHandshake(change), relationships: change.relationships ?? null }),
  // Applied only to the PMA as it was when the plan was made: a rename since then fails as stale.
  carrySeen: (fresh, seen) =>
    fresh.programManagementAccount.revision !== undefined
      ? { ...fresh, programManagementAccount: { ...fresh.programManagementAccount, revision: seen.programManagementAccount.revision } }
      : fresh,
  // Done when the fresh no-op shows it waiting for its account or as declared; a warning means it moved away.
  noLongerNeeded: (noOp) =>
    noOp.warnings?.length ? { done: false, why: noOp.reason ?? 'see a fresh plan' } : { done: true, why: noOp.reason ?? 'the program management account is as declared' },
};
