/** What the PMA kind adds to the plan-shaping options and the plan summary (the engines' types are intersections). */

export interface ProgramManagementAccountShapingValues {
  /** `--resend`: a rejected or expired PMA handshake is sent again (shared with service periods). */
  resend?: boolean;
}

/** The plan counts the PMA kind adds to PlanSummary. */
export interface ProgramManagementAccountPlanCounts {
  /** PMA handshakes the plan sends (after a create, or due); absent when none. */
  pmaHandshake?: number;
}
