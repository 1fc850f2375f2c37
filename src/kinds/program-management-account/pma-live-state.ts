import type { LivePma } from '../../live/program-management-accounts.js';
import type { HandshakeStatus } from '../../model/service-period.js';

/** One live PMA as the planner sees it: the ListProgramManagementAccounts item, and its tags where they were read. */
export type LiveProgramManagementAccountState = LivePma & {
  revision?: string;
  createdAt?: string;
  updatedAt?: string;
  startDate?: string;
  /** Every tag ListTagsForResource returned (`pcc:` ones included); absent: not read. */
  tags?: Record<string, string>;
  /** How many relationships are under it (read for managed PMAs no file declares: what --prune would delete); absent: not read. */
  relationships?: number;
};

/** A PROGRAM_MANAGEMENT_ACCOUNT channel handshake this account sent (ListChannelHandshakes, participant SENDER). */
export interface LivePmaHandshake {
  id: string;
  catalog: string;
  /** The PMA's `pma-…` id (associatedResourceId). */
  pmaId: string;
  /** The account it went to (the PMA's account), when the answer names it. */
  receiverAccountId?: string;
  status?: HandshakeStatus;
  createdAt?: string;
  updatedAt?: string;
}

/** The PMAs' part of the live state (LiveState); every member absent when nothing was read. */
export interface ProgramManagementAccountLiveState {
  /** Every PMA ListProgramManagementAccounts gives in the catalogs the files name. */
  programManagementAccounts?: LiveProgramManagementAccountState[];
  /**
   * Every PROGRAM_MANAGEMENT_ACCOUNT handshake this account sent in the catalogs where a file declares PMAs, any
   * status: the declared PMAs' handshakes, and what the quotas count (absent: not read).
   */
  pmaHandshakes?: LivePmaHandshake[];
  /**
   * How many PMAs the account has in the catalogs not listed above (the quota of 50 is per account, over every
   * catalog): read only when a declared PMA is not found, i.e. a create may be planned; absent: not read.
   */
  pmasInOtherCatalogs?: number;
}
