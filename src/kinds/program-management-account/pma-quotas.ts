/**
 * The service's PMA quotas, checked before anything is sent: a create or handshake the service would certainly
 * refuse (402 ServiceQuotaExceeded) is a plan error, not a failed apply. 50 PMAs per account; 5
 * PROGRAM_MANAGEMENT_ACCOUNT handshakes per day to one account; 100 pending ones. What counts is every PMA listed
 * (in every catalog: pmasInOtherCatalogs) and every PMA handshake this account sent in the catalog, plus what the plan sends. PURE: `now` is the caller's.
 */
import type { LiveState } from '../../live/live-state.js';
import type { PlanError, PlannedChange } from '../../plan/plan-types.js';
import type { ProgramManagementAccountChange } from './pma-change.js';

export const PMA_QUOTAS = { pmasPerAccount: 50, handshakesPerAccountPerDay: 5, pendingHandshakes: 100 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

const isPma = (change: PlannedChange): change is ProgramManagementAccountChange => change.kind === 'programManagementAccount';

/** The changes that send a PMA handshake (a create's and a replace's come after the PMA is made). */
export const sendsHandshake = (change: ProgramManagementAccountChange): boolean =>
  !change.blocked && change.action !== 'delete' && change.action !== 'no-op' && change.handshake?.send === true;

function quotaError(change: ProgramManagementAccountChange, code: string, message: string, hint: string): PlanError {
  return { code, message: `${change.address}: ${message}`, address: change.address, hint, ...(change.source ? { source: change.source } : {}) };
}

/** Handshakes sent to each `<catalog>/<account>` in the 24 hours before `now`; PENDING ones per catalog. */
function countHandshakes(live: LiveState, now: number | undefined): { today: Map<string, number>; pending: Map<string, number> } {
  const accountOf = new Map((live.programManagementAccounts ?? []).map((pma) => [`${pma.catalog}\u0000${pma.id ?? ''}`, pma.accountId]));
  const today = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const h of live.pmaHandshakes ?? []) {
    if (h.status === 'PENDING') pending.set(h.catalog, (pending.get(h.catalog) ?? 0) + 1);
    const receiver = h.receiverAccountId ?? accountOf.get(`${h.catalog}\u0000${h.pmaId}`);
    // A handshake whose answer lacks its creation time cannot be placed in the day and is left out.
    if (now === undefined || receiver === undefined || h.createdAt === undefined || now - Date.parse(h.createdAt) >= DAY_MS) continue;
    const key = `${h.catalog}\u0000${receiver}`;
    today.set(key, (today.get(key) ?? 0) + 1);
  }
  return { today, pending };
}

/** One error per change that would exceed a quota, in plan order (the first ones fit). */
export function checkPmaQuotas(changes: readonly PlannedChange[], live: LiveState, now: number | undefined): PlanError[] {
  const errors: PlanError[] = [];
  const pmas = changes.filter(isPma);
  let count = (live.programManagementAccounts ?? []).length + (live.pmasInOtherCatalogs ?? 0) - pmas.filter((c) => c.action === 'delete' && !c.blocked).length;
  for (const change of pmas.filter((c) => c.action === 'create')) {
    count += 1;
    if (count > PMA_QUOTAS.pmasPerAccount) {
      errors.push(
        quotaError(
          change,
          'pma-quota',
          `it would be program management account number ${count}; the service allows ${PMA_QUOTAS.pmasPerAccount} per account`,
          'the service would refuse it (402 ServiceQuotaExceeded): delete PMAs you no longer use, or ask AWS for a higher quota',
        ),
      );
    }
  }
  const { today, pending } = countHandshakes(live, now);
  for (const change of pmas.filter(sendsHandshake)) {
    const { catalog, accountId } = change.programManagementAccount;
    const dayKey = `${catalog}\u0000${accountId}`;
    const sent = (today.get(dayKey) ?? 0) + 1;
    const waiting = (pending.get(catalog) ?? 0) + 1;
    if (now !== undefined && sent > PMA_QUOTAS.handshakesPerAccountPerDay) {
      errors.push(
        quotaError(
          change,
          'pma-handshake-quota',
          `a PROGRAM_MANAGEMENT_ACCOUNT handshake to account ${accountId} would be the ${sent}th in 24 hours; the service allows ${PMA_QUOTAS.handshakesPerAccountPerDay} per account per day`,
          'the service would refuse it (402 ServiceQuotaExceeded): plan again once 24 hours have passed since the earlier ones',
        ),
      );
    } else if (waiting > PMA_QUOTAS.pendingHandshakes) {
      errors.push(
        quotaError(
          change,
          'pma-handshake-quota',
          `${waiting} PROGRAM_MANAGEMENT_ACCOUNT handshakes would be pending in catalog ${catalog}; the service allows ${PMA_QUOTAS.pendingHandshakes}`,
          'wait for accounts to accept (or cancel stale handshakes), then plan again',
        ),
      );
    } else {
      today.set(dayKey, sent);
      pending.set(catalog, waiting);
    }
  }
  return errors;
}
