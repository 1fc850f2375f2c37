import type { OutcomeBase } from '../../apply/outcome.js';

/**
 * What became of one servicePeriod change: a request (action `create`; `id` is the handshake's), a revoke
 * (`delete`), a replace, or a withdraw (`update`).
 */
export interface ServicePeriodOutcome extends OutcomeBase<'servicePeriod'> {
  /** For a withdraw (action `update`): the pending handshakes it canceled, also when it failed. */
  withdrawn?: string[];
}

/** The apply counts the service-period kind adds to ApplySummary. */
export interface ServicePeriodApplyCounts {
  /** Service periods requested from customers (servicePeriod requests and replaces that succeeded); absent when none. */
  requested?: number;
  /** Service periods revoked (REVOKE_SERVICE_PERIOD sent: revokes and replaces that succeeded); absent when none. */
  revoked?: number;
  /** Pending service-period handshakes withdrawn (CancelChannelHandshake) by withdraws, whatever their outcome; absent when none. */
  withdrawn?: number;
}
