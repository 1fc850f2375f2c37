import type { OutcomeBase } from '../../apply/outcome.js';

/** What became of one PMA change: `id` is the PMA's once known (a create reads it back by address). */
export interface ProgramManagementAccountOutcome extends OutcomeBase<'programManagementAccount'> {
  /** The PROGRAM_MANAGEMENT_ACCOUNT handshake sent (or found landed). */
  handshakeId?: string;
}

/** The apply counts the PMA kind adds to ApplySummary. */
export interface ProgramManagementAccountApplyCounts {
  /** PMA handshakes sent to their accounts; absent when none. */
  pmaHandshakesSent?: number;
}
