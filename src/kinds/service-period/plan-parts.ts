/** What the service-period kind adds to the plan-shaping options (the engine's type is the kinds' intersection). */
export interface ServicePeriodShapingValues {
  resend?: boolean;
  revoke?: boolean;
  replaceServicePeriods?: boolean;
  /** `--acknowledge-service-period ADDRESS`, sorted, no repeats: deletes and replaces there may end an accepted service period. */
  acknowledgeServicePeriods?: string[];
}

/** The plan counts the service-period kind adds to PlanSummary. */
export interface ServicePeriodPlanCounts {
  /** servicePeriod changes that send a request to the customer (counted here, not in `create`; a replace counts too). */
  request?: number;
  /** servicePeriod changes that send a REVOKE_SERVICE_PERIOD (a revoke, and a replace); absent when none. */
  revoke?: number;
  /** Pending service-period handshakes withdrawn (CancelChannelHandshake) by servicePeriod `update` changes; absent when none. */
  withdraw?: number;
}
