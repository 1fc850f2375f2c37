import type { ServicePeriodHandshakeType } from '../../live/channel-api.js';
import type { HandshakeStatus, ServicePeriodTerms } from '../../model/service-period.js';
import type { ChangeBase } from '../../plan/plan-types.js';

/**
 * A planned change to a relationship's service period (kind `servicePeriod`: a START_SERVICE_PERIOD channel
 * handshake the customer must accept; it shares its relationship's address). Its actions say what is sent:
 * `create` requests, `delete` revokes, `replace` revokes and requests, `update` withdraws pending handshakes,
 * `no-op` reports. `id` is the relationship's (absent when the relationship is created or replaced by the same
 * apply: it is then known after apply, see `dependsOn`).
 */
export interface ServicePeriodChange extends ChangeBase<'servicePeriod'> {
  /** What a request sends, and the latest request seen at plan time. */
  servicePeriod: PlannedServicePeriod;
}

/**
 * What the customer was promised on a relationship a delete or replace removes. A delete or replace of one with an
 * `accepted` period is applied only with `--acknowledge-service-period ADDRESS` (`acknowledged`).
 */
export interface ServicePeriodCommitment {
  /** The accepted START_SERVICE_PERIOD in force (not revoked). */
  accepted?: { handshakeId: string; terms: ServicePeriodTerms; since?: string };
  /** Service-period handshakes (START_ or REVOKE_) still PENDING on the relationship: deleting it leaves them unanswerable. */
  pending: WithdrawnHandshake[];
  /** The plan was made with `--acknowledge-service-period` for this address (only meaningful with `accepted`). */
  acknowledged: boolean;
}

export interface PlannedServicePeriod {
  catalog: string;
  programManagementAccountIdentifier: string;
  /** The declared terms in the API's form (StartServicePeriodPayload members). */
  terms: ServicePeriodTerms;
  /** The latest START_SERVICE_PERIOD handshake about the relationship, its status and when it was sent. */
  handshakeId?: string;
  status?: HandshakeStatus;
  since?: string;
  /** A pending request with other terms, canceled (CancelChannelHandshake) before the new request. */
  cancel?: string;
  /**
   * The accepted START handshake whose period a REVOKE_SERVICE_PERIOD ends before anything else is sent: for a
   * revoke (action `delete`, `terms` are then the accepted ones) and a replace (`terms` are the new ones).
   */
  revoke?: string;
  /** A rejected or expired REVOKE_SERVICE_PERIOD of that period which this revoke sends again (`--revoke --resend`). */
  resendsRevoke?: string;
  /**
   * For a withdraw (action `update`): the pending handshakes that contradict the file while the declared terms are
   * the period in force (`handshakeId`), each canceled (CancelChannelHandshake), a revoke first; nothing is sent.
   */
  withdraw?: WithdrawnHandshake[];
}

/** A PENDING handshake a withdraw cancels: a revoke of the period in force, or a request for other terms. */
export interface WithdrawnHandshake {
  id: string;
  handshakeType: ServicePeriodHandshakeType;
  /** The terms it holds (a revoke: those of the period it would end). */
  terms: ServicePeriodTerms;
  /** When it was sent (ISO-8601), when the service said. */
  since?: string;
}
