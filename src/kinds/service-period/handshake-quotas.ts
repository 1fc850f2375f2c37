/**
 * The service's handshake quotas (HANDSHAKE_QUOTAS), checked before anything is sent: handshakes of one type per
 * day to one receiving account, and active (PENDING) handshakes of each type per account. A request the service
 * would certainly refuse (402 ServiceQuotaExceeded) is a plan error, not a failed apply. What counts is what the
 * quota counts, whatever the files name: every handshake this account sent in the catalog (about any
 * relationship, under any PMA: `sentHandshakes`), plus what the plan sends, less the pending ones its
 * withdraws cancel.
 * PURE: `now` is the caller's clock.
 */
import type { ServicePeriodHandshakeType } from '../../live/channel-api.js';
import type { LiveState } from '../../live/live-state.js';
import { HANDSHAKE_QUOTAS } from '../../model/service-period.js';
import type { PlanError, PlannedChange } from '../../plan/plan-types.js';

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
  // A withdraw (update) sends nothing: it only frees active slots (withdrawnPending).
  if (change.kind !== 'servicePeriod' || change.action === 'no-op' || change.action === 'update') return [];
  const period = change.servicePeriod;
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

/**
 * Handshakes of each catalog, receiving account and type sent in the 24 hours before `now`: every one this
 * account sent (`sentHandshakes`, read catalog-wide) and those read about the relationships in scope, once each.
 * The receiver is the one the service names, else the associated account of the relationship it is about. A
 * handshake whose answer lacks its creation time cannot be placed in the day and is left out.
 */
function sentToday(live: LiveState, now: number): Map<string, number> {
  const catalogOf = new Map(live.relationships.map((r) => [r.id, r.catalog]));
  const accountOf = new Map(live.relationships.map((r) => [r.id, r.associatedAccountId]));
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  const sent = [...(live.sentHandshakes ?? []), ...(live.handshakes ?? []).map((h) => ({ ...h, catalog: catalogOf.get(h.relationshipId) }))];
  for (const h of sent) {
    const catalog = h.catalog;
    const receiver = h.receiverAccountId ?? accountOf.get(h.relationshipId);
    if (catalog === undefined || receiver === undefined || seen.has(`${catalog}\u0000${h.id}`)) continue;
    seen.add(`${catalog}\u0000${h.id}`);
    if (h.createdAt === undefined || now - Date.parse(h.createdAt) >= DAY_MS) continue;
    const key = `${catalog}\u0000${receiver}\u0000${h.handshakeType}`;
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
