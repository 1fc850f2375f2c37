import type { OutcomeBase } from '../../apply/outcome.js';

/**
 * What became of one servicePeriod change: a request (action `create`; `id` is the handshake's), a revoke
 * (`delete`), a replace, or a withdraw (`update`).
 */
export interface ServicePeriodOutcome extends OutcomeBase<'servicePeriod'> {
  /** For a withdraw (action `update`): the pending handshakes it canceled, also when it failed. */
  withdrawn?: string[];
}
