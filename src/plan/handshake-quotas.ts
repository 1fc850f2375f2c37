/**
 * The service's handshake quotas, checked before anything is sent: at most 5 handshakes of one type per day
 * to one account, and at most 200 active (PENDING) START_SERVICE_PERIOD and 200 REVOKE_SERVICE_PERIOD
 * handshakes per account (Partner Central Channel quotas, AWS and Sandbox catalogs). A request the service would
 * certainly refuse (402 ServiceQuotaExceeded) is a plan error, not a failed apply. What counts: what the live
 * state shows (handshakes read about the relationships in scope, PENDING counts in all) plus what the plan sends,
 * less the pending ones its withdraws cancel.
 * PURE: `now` is the caller's clock.
 */
import type { ServicePeriodHandshakeType } from '../live/channel-api.js';
import type { LiveState } from '../live/live-state.js';
import type { PlanError, PlannedChange } from './plan-types.js';

export const HANDSHAKE_QUOTAS = { perAccountPerDay: 5, activePerType: 200 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Send {
  change: PlannedChange;
  catalog: string;
  account: string;
  type: ServicePeriodHandshakeType;
  /** A pending one of this type the same change withdraws first (a re-request): no new active handshake. */
  replacesPending: boolean;
}

/** The handshakes a change sends: a revoke, a request, or both (a replace: revoke first). */
function sendsOf(change: PlannedChange): Send[] {
  const period = change.servicePeriod;
  // A withdraw (update) sends nothing: it only frees active slots (withdrawnPending).
  if (change.kind !== 'servicePeriod' || !period || change.action === 'no-op' || change.action === 'update') return [];
  const account = change.address.slice(change.address.lastIndexOf('/') + 1);
  const send = (type: ServicePeriodHandshakeType): Send => ({
    change,
    catalog: period.catalog,
    account,
    type,
    replacesPending: type === 'START_SERVICE_PERIOD' && period.cancel !== undefined,
  });
  if (change.action === 'delete') return [send('REVOKE_SERVICE_PERIOD')];
  return change.action === 'replace' ? [send('REVOKE_SERVICE_PERIOD'), send('START_SERVICE_PERIOD')] : [send('START_SERVICE_PERIOD')];
}

function quotaError(send: Send, code: string, message: string, hint: string): PlanError {
  return { code, message: `${send.change.address}: ${message}`, address: send.change.address, hint, ...(send.change.source ? { source: send.change.source } : {}) };
}

/** Handshakes of each catalog, account and type sent in the 24 hours before `now`, as far as the live state shows. */
function sentToday(live: LiveState, now: number): Map<string, number> {
  const accountOf = new Map(live.relationships.map((r) => [r.id, `${r.catalog}\u0000${r.associatedAccountId}`]));
  const counts = new Map<string, number>();
  for (const h of live.handshakes ?? []) {
    const where = accountOf.get(h.relationshipId);
    if (!where || h.createdAt === undefined || now - Date.parse(h.createdAt) >= DAY_MS) continue;
    const key = `${where}\u0000${h.handshakeType}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * PENDING handshakes of each catalog and type, as the live state counts them, less those the plan's withdraws
 * cancel: apply runs withdraws before it sends anything (apply-plan.ts), so a cancel frees an active slot.
 */
function activeAfterWithdraws(changes: readonly PlannedChange[], live: LiveState): Map<string, number> {
  const active = new Map((live.pendingHandshakes ?? []).map((p) => [`${p.catalog}\u0000${p.handshakeType}`, p.pending]));
  for (const change of changes) {
    if (change.kind !== 'servicePeriod' || change.action !== 'update' || !change.servicePeriod) continue;
    for (const withdrawn of change.servicePeriod.withdraw ?? []) {
      const key = `${change.servicePeriod.catalog}\u0000${withdrawn.handshakeType}`;
      active.set(key, Math.max(0, (active.get(key) ?? 0) - 1));
    }
  }
  return active;
}

/** One error per change whose handshake would exceed a quota, in plan order (the first ones fit). */
export function checkHandshakeQuotas(changes: readonly PlannedChange[], live: LiveState, now: number | undefined): PlanError[] {
  const errors: PlanError[] = [];
  const today = now === undefined ? new Map<string, number>() : sentToday(live, now);
  const active = activeAfterWithdraws(changes, live);
  const failed = new Set<PlannedChange>();
  for (const send of changes.flatMap(sendsOf)) {
    if (failed.has(send.change)) continue;
    const dayKey = `${send.catalog}\u0000${send.account}\u0000${send.type}`;
    const sent = (today.get(dayKey) ?? 0) + 1;
    const activeKey = `${send.catalog}\u0000${send.type}`;
    const pending = (active.get(activeKey) ?? 0) + (send.replacesPending ? 0 : 1);
    if (now !== undefined && sent > HANDSHAKE_QUOTAS.perAccountPerDay) {
      failed.add(send.change);
      errors.push(
        quotaError(
          send,
          'handshake-quota-per-day',
          `a ${send.type} handshake to account ${send.account} would be the ${sent}th in 24 hours; the service allows ${HANDSHAKE_QUOTAS.perAccountPerDay} per account per day`,
          'the service would refuse it (402 ServiceQuotaExceeded): plan again once 24 hours have passed since the earlier ones',
        ),
      );
    } else if (pending > HANDSHAKE_QUOTAS.activePerType) {
      failed.add(send.change);
      errors.push(
        quotaError(
          send,
          'handshake-quota-active',
          `${pending} ${send.type} handshakes would be pending in catalog ${send.catalog}; the service allows ${HANDSHAKE_QUOTAS.activePerType} active ones per account`,
          'wait for customers to answer (or cancel stale requests), then plan again',
        ),
      );
    } else {
      today.set(dayKey, sent);
      active.set(activeKey, pending);
    }
  }
  return errors;
}
