/**
 * A servicePeriod change: CreateChannelHandshake (START_SERVICE_PERIOD) about the relationship, after it
 * exists. The clientToken is deterministic (address, relationship, terms and the latest handshake seen at plan
 * time), so retries, reruns after a crash and re-applied plans never send a second request; a 409 (one is
 * already pending) or an answer without an id is settled by reading the handshakes back.
 */
import type { ChannelApi } from '../live/channel-api.js';
import { sameTermsAs } from '../model/service-period.js';
import type { PlannedChange, PlannedServicePeriod } from '../plan/plan-types.js';
import { failed, isApiError } from './change-context.js';
import { servicePeriodClientToken } from './client-token.js';
import type { ApplyOutcome } from './outcome.js';

function requirePeriod(change: PlannedChange): PlannedServicePeriod {
  if (!change.servicePeriod) throw new Error('malformed plan: a servicePeriod change without servicePeriod');
  return change.servicePeriod;
}

/** The PENDING request with these terms the service now shows for the relationship, if any. */
async function pendingWithTerms(api: ChannelApi, period: PlannedServicePeriod, relationshipId: string): Promise<string | undefined> {
  const seen = await api.listServicePeriodHandshakes(period.catalog, [relationshipId]);
  return seen.find((h) => h.status === 'PENDING' && h.relationshipId === relationshipId && sameTermsAs(period.terms, h.terms))?.id;
}

/**
 * Withdraws the pending request the plan replaces. One already canceled (a rerun after a crash between the
 * cancel and the request) is fine; one the customer answered meanwhile fails the change, so it is re-planned.
 */
async function cancelPending(api: ChannelApi, catalog: string, handshakeId: string, relationshipId: string): Promise<void> {
  try {
    await api.cancelHandshake(catalog, handshakeId);
  } catch (error) {
    if (!isApiError(error, 'validation')) throw error;
    const seen = (await api.listServicePeriodHandshakes(catalog, [relationshipId])).find((h) => h.id === handshakeId);
    if (seen?.status !== 'CANCELED') throw error;
  }
}

/** Requests the period for `relationshipId` (the planned one, or the one this apply just created). Never throws. */
export async function requestServicePeriod(api: ChannelApi, change: PlannedChange, relationshipId: string): Promise<ApplyOutcome> {
  const base = { address: change.address, action: 'create' as const, kind: 'servicePeriod' as const };
  try {
    const period = requirePeriod(change);
    const clientToken = servicePeriodClientToken(change.address, relationshipId, period.terms, period.handshakeId);
    if (period.cancel) await cancelPending(api, period.catalog, period.cancel, relationshipId);
    try {
      const created = await api.createServicePeriodHandshake({
        catalog: period.catalog,
        programManagementAccountIdentifier: period.programManagementAccountIdentifier,
        relationshipId,
        terms: period.terms,
        clientToken,
      });
      if (created.id) return { ...base, status: 'succeeded', id: created.id };
      const found = await pendingWithTerms(api, period, relationshipId);
      if (found) return { ...base, status: 'succeeded', id: found, note: 'the answer named no handshake; a read shows it pending' };
      return { ...failed(change, 'the service answered without a handshake id and no pending request shows: plan again'), ...base };
    } catch (error) {
      if (!isApiError(error, 'conflict')) throw error;
      const found = await pendingWithTerms(api, period, relationshipId);
      if (found) return { ...base, status: 'succeeded', id: found, note: 'a request with these terms was already pending' };
      throw error;
    }
  } catch (error) {
    return { ...failed(change, error), ...base, status: 'failed' };
  }
}
