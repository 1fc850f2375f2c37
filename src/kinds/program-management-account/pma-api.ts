import type { LivePmaHandshake, LiveProgramManagementAccountState } from './pma-live-state.js';

interface CreatePmaRequest {
  catalog: string;
  program: string;
  accountId: string;
  displayName: string;
  /** Every tag to set at create, user and `pcc:` alike. */
  tags: Record<string, string>;
  /** Deterministic idempotency token. */
  clientToken: string;
}

interface UpdatePmaRequest {
  catalog: string;
  /** `pma-…` id or ARN. */
  identifier: string;
  displayName: string;
  /** The revision seen at plan time. */
  revision?: string;
}

interface CreatePmaHandshakeRequest {
  catalog: string;
  /** The PMA's `pma-…` id. */
  pmaId: string;
  clientToken: string;
}

/** The PMAs' operations of the ChannelApi port (src/live/channel-api.ts); sdk-pma-api.ts implements them. */
export interface ProgramManagementAccountApi {
  /** Every page of ListProgramManagementAccounts in `catalog`, with the revision and times the answer holds. */
  listProgramManagementAccounts(catalog: string): Promise<LiveProgramManagementAccountState[]>;
  /** The new PMA's id and ARN, each absent when the answer lacks it. */
  createProgramManagementAccount(request: CreatePmaRequest): Promise<{ id?: string; arn?: string }>;
  /** Returns the new revision. */
  updateProgramManagementAccount(request: UpdatePmaRequest): Promise<{ revision?: string }>;
  deleteProgramManagementAccount(catalog: string, identifier: string): Promise<void>;
  /** Every PROGRAM_MANAGEMENT_ACCOUNT handshake this account sent about these PMAs (`'all'`: about any); all pages. */
  listPmaHandshakes(catalog: string, pmaIds: readonly string[] | 'all', statuses?: readonly string[]): Promise<LivePmaHandshake[]>;
  /** CreateChannelHandshake (PROGRAM_MANAGEMENT_ACCOUNT, no payload): the new handshake's id, absent when the answer lacks it. */
  createPmaHandshake(request: CreatePmaHandshakeRequest): Promise<{ id?: string }>;
}
