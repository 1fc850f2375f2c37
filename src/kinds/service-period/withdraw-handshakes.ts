/**
 * Withdrawing pending service-period handshakes (CancelChannelHandshake): the pending request a re-request
 * replaces, and the handshakes a withdraw (action `update`) lists. A cancel that fails is never taken at its word:
 * the handshake is read back, because the customer may have answered meanwhile (then the cancel cannot land and
 * pcc says what the customer did) or an earlier attempt may have landed (then it is withdrawn). Never sends a request.
 */
import type { ChannelApi, ServicePeriodHandshakeType } from '../../live/channel-api.js';
import { describeTerms, type HandshakeStatus } from '../../model/service-period.js';
import type { PlannedServicePeriod, ServicePeriodChange, WithdrawnHandshake } from './service-period-change.js';
import { describeError, failed } from '../../apply/change-context.js';
import type { ServicePeriodOutcome } from './service-period-outcome.js';

export interface Canceled {
  /** The handshake's status after the cancel: CANCELED, or how the customer (or time) settled it first. */
  status: HandshakeStatus;
  /** The cancel's own failure, when it failed and a read-back told the status. */
  error?: unknown;
}

/**
 * Cancels the handshake `id` (of `handshakeType`) about `relationshipId`. When the cancel fails, reads it back:
 * a status other than PENDING is returned with the error; otherwise (still pending, not found, no status) the
 * cancel's error is thrown.
 */
export async function cancelHandshake(
  api: ChannelApi,
  catalog: string,
  relationshipId: string,
  handshake: { id: string; handshakeType?: ServicePeriodHandshakeType },
): Promise<Canceled> {
  try {
    await api.cancelHandshake(catalog, handshake.id);
    return { status: 'CANCELED' };
  } catch (error) {
    const query = handshake.handshakeType ? { handshakeType: handshake.handshakeType } : {};
    const seen = await api.listServicePeriodHandshakes(catalog, [relationshipId], query).catch(() => []);
    const status = seen.find((h) => h.id === handshake.id)?.status;
    if (status === undefined || status === 'PENDING') throw error;
    return { status, error };
  }
}

const kindOf = (h: WithdrawnHandshake) => (h.handshakeType === 'REVOKE_SERVICE_PERIOD' ? 'revoke' : 'request');

/** What the customer's acceptance of a handshake pcc meant to withdraw did, in a sentence. */
function acceptedMeanwhile(h: WithdrawnHandshake, period: PlannedServicePeriod): string {
  const before = `the customer accepted the ${kindOf(h)} ${h.id} before it could be withdrawn`;
  return h.handshakeType === 'REVOKE_SERVICE_PERIOD'
    ? `${before}: the service period ${period.handshakeId ?? ''} has ended; plan again to request it`
    : `${before}: ${describeTerms(h.terms)} is now the period in force, not the declared terms; plan again`;
}

interface Withdrawal {
  withdrawn: boolean;
  note?: string;
  /** Why it could not be withdrawn, in a sentence. */
  problem?: string;
}

/** Withdraws one listed handshake. */
async function withdrawOne(api: ChannelApi, period: PlannedServicePeriod, relationshipId: string, h: WithdrawnHandshake): Promise<Withdrawal> {
  try {
    const { status, error } = await cancelHandshake(api, period.catalog, relationshipId, h);
    if (status === 'CANCELED') return { withdrawn: true, ...(error ? { note: `${kindOf(h)} ${h.id} found canceled after the cancel's answer was lost` } : {}) };
    if (status === 'ACCEPTED') return { withdrawn: false, problem: acceptedMeanwhile(h, period) };
    return { withdrawn: false, note: `the ${kindOf(h)} ${h.id} was ${status.toLowerCase()} meanwhile: nothing left to withdraw` };
  } catch (error) {
    return { withdrawn: false, problem: `the ${kindOf(h)} ${h.id} was not withdrawn: ${describeError(error)}` };
  }
}

/**
 * Applies a withdraw: cancels each listed handshake, the revoke first, all of them even when one fails (each
 * contradicts the file on its own). Fails, truthfully, when the customer accepted one first. Never throws.
 */
export async function withdrawHandshakes(
  api: ChannelApi,
  change: ServicePeriodChange,
  period: PlannedServicePeriod,
  relationshipId: string,
): Promise<ServicePeriodOutcome> {
  const base = { address: change.address, action: 'update' as const, kind: 'servicePeriod' as const };
  const withdrawn: string[] = [];
  const notes: string[] = [];
  const problems: string[] = [];
  for (const h of period.withdraw ?? []) {
    const result = await withdrawOne(api, period, relationshipId, h);
    if (result.withdrawn) withdrawn.push(h.id);
    if (result.note) notes.push(result.note);
    if (result.problem) problems.push(result.problem);
  }
  const done = { withdrawn, ...(notes.length ? { note: notes.join('; ') } : {}) };
  if (problems.length > 0) return { ...failed(change, problems.join('; ')), ...base, ...done, status: 'failed' };
  return { ...base, ...done, status: 'succeeded' };
}
