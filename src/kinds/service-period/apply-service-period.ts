/**
 * A servicePeriod change, once its relationship exists: a request (CreateChannelHandshake START_SERVICE_PERIOD,
 * after canceling a pending request with other terms), a revoke (REVOKE_SERVICE_PERIOD of the accepted period),
 * a replace (the revoke, then the request), or a withdraw (pending handshakes canceled, withdraw-handshakes.ts).
 * Every handshake carries a deterministic clientToken and is sent at most once (send-handshake.ts), so retries,
 * reruns after a crash and re-applied plans never send a second one.
 */
import type { ChannelApi } from '../../live/channel-api.js';
import { sameTermsAs } from '../../model/service-period.js';
import type { ServicePeriodChange, PlannedServicePeriod } from './service-period-change.js';
import { periodHistories } from './service-period-history.js';
import { failed } from '../../apply/change-context.js';
import { revokeClientToken, servicePeriodClientToken } from './client-token.js';
import type { ServicePeriodOutcome } from './service-period-outcome.js';
import { sendHandshakeOnce, type Sent } from './send-handshake.js';
import { cancelHandshake, withdrawHandshakes } from './withdraw-handshakes.js';

function requirePeriod(change: ServicePeriodChange): PlannedServicePeriod {
  if (!change.servicePeriod) throw new Error('malformed plan: a servicePeriod change without servicePeriod');
  return change.servicePeriod;
}

/** The PENDING request with these terms the service now shows for the relationship, if any. */
async function pendingWithTerms(api: ChannelApi, period: PlannedServicePeriod, relationshipId: string): Promise<string | undefined> {
  const seen = await api.listServicePeriodHandshakes(period.catalog, [relationshipId]);
  return seen.find((h) => h.status === 'PENDING' && h.relationshipId === relationshipId && sameTermsAs(period.terms, h.terms))?.id;
}

/** A revoke of the period `accepted` the service now shows pending or accepted, if any. */
async function revokeOf(api: ChannelApi, catalog: string, relationshipId: string, accepted: string): Promise<string | undefined> {
  const ids = [relationshipId];
  const handshakes = [
    ...(await api.listServicePeriodHandshakes(catalog, ids)),
    ...(await api.listServicePeriodHandshakes(catalog, ids, { handshakeType: 'REVOKE_SERVICE_PERIOD' })),
  ];
  const history = periodHistories({ relationships: [], handshakes }).get(relationshipId);
  const revoke = history?.accepted?.id === accepted ? history.revoke : undefined;
  return revoke?.status === 'PENDING' || revoke?.status === 'ACCEPTED' ? revoke.id : undefined;
}

/**
 * Withdraws the pending request the plan replaces. One already canceled (a rerun after a crash between the
 * cancel and the request, or a retry after the cancel's answer was lost) is fine; one the customer answered
 * meanwhile fails the change, so it is re-planned.
 */
async function cancelPending(api: ChannelApi, catalog: string, handshakeId: string, relationshipId: string): Promise<void> {
  const { status, error } = await cancelHandshake(api, catalog, relationshipId, { id: handshakeId });
  if (status !== 'CANCELED') throw error;
}

function revoke(api: ChannelApi, change: ServicePeriodChange, period: PlannedServicePeriod, accepted: string, relationshipId: string): Promise<Sent> {
  const request = {
    handshakeType: 'REVOKE_SERVICE_PERIOD' as const,
    catalog: period.catalog,
    programManagementAccountIdentifier: period.programManagementAccountIdentifier,
    relationshipId,
    terms: {},
    clientToken: revokeClientToken(change.address, relationshipId, accepted, period.resendsRevoke),
  };
  return sendHandshakeOnce(api, request, () => revokeOf(api, period.catalog, relationshipId, accepted));
}

function request(api: ChannelApi, change: ServicePeriodChange, period: PlannedServicePeriod, relationshipId: string): Promise<Sent> {
  const clientToken = servicePeriodClientToken(change.address, relationshipId, period.terms, period.handshakeId);
  const payload = {
    catalog: period.catalog,
    programManagementAccountIdentifier: period.programManagementAccountIdentifier,
    relationshipId,
    terms: period.terms,
    clientToken,
  };
  return sendHandshakeOnce(api, payload, () => pendingWithTerms(api, period, relationshipId));
}

/** The outcome action of a servicePeriod change: `create` (a request), `delete` (a revoke), `replace`, or `update` (a withdraw). */
export function servicePeriodAction(change: ServicePeriodChange): 'create' | 'delete' | 'replace' | 'update' {
  return change.action === 'delete' || change.action === 'replace' || change.action === 'update' ? change.action : 'create';
}

/** Applies a servicePeriod change for `relationshipId` (the planned one, or the one this apply just created). Never throws. */
export async function applyServicePeriod(api: ChannelApi, change: ServicePeriodChange, relationshipId: string): Promise<ServicePeriodOutcome> {
  const action = servicePeriodAction(change);
  const base = { address: change.address, action, kind: 'servicePeriod' as const };
  try {
    const period = requirePeriod(change);
    if (action === 'update') return await withdrawHandshakes(api, change, period, relationshipId);
    const notes: string[] = [];
    if (action !== 'create') {
      if (!period.revoke) throw new Error('malformed plan: a service-period revoke without the accepted handshake');
      const revoked = await revoke(api, change, period, period.revoke, relationshipId);
      if (revoked.note) notes.push(`revoke: ${revoked.note}`);
      if (action === 'delete') return { ...base, status: 'succeeded', id: revoked.id, ...(notes.length ? { note: notes.join('; ') } : {}) };
    }
    if (period.cancel) await cancelPending(api, period.catalog, period.cancel, relationshipId);
    const requested = await request(api, change, period, relationshipId);
    if (requested.note) notes.push(requested.note);
    return { ...base, status: 'succeeded', id: requested.id, ...(notes.length ? { note: notes.join('; ') } : {}) };
  } catch (error) {
    return { ...failed(change, error), ...base, status: 'failed' };
  }
}
