/** What the service-period kind adds to the plan-shaping options (the engine's type is the kinds' intersection). */
export interface ServicePeriodShapingValues {
  resend?: boolean;
  revoke?: boolean;
  replaceServicePeriods?: boolean;
  /** `--acknowledge-service-period ADDRESS`, sorted, no repeats: deletes and replaces there may end an accepted service period. */
  acknowledgeServicePeriods?: string[];
}
