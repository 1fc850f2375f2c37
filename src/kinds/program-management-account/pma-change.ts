import type { HandshakeStatus } from '../../model/service-period.js';
import type { ChangeBase } from '../../plan/plan-types.js';

/**
 * A planned change to one program management account (kind `programManagementAccount`): create (then its
 * handshake), update (displayName with the revision, user tags, or a handshake that is due), adopt (tag an
 * existing one), replace (blocked unless --allow-replace), delete (--prune, managed only) or no-op (shown while
 * its account has not accepted).
 */
export interface ProgramManagementAccountChange extends ChangeBase<'programManagementAccount'> {
  programManagementAccount: PlannedPma;
  /** The PROGRAM_MANAGEMENT_ACCOUNT handshake: whether this change sends one, and the latest seen at plan time. */
  handshake?: PlannedPmaHandshake;
  /** For a delete or replace: how many live relationships are under it. */
  relationships?: number;
}

interface PlannedPma {
  name: string;
  catalog: string;
  program: string;
  accountId: string;
  displayName: string;
  /** User tags only; apply adds the `pcc:` ones. */
  tags: Record<string, string>;
  /** The live revision planned against (UpdateProgramManagementAccount sends it). */
  revision?: string;
  /** The live status (PENDING, ACTIVE, INACTIVE). */
  status?: string;
  /** The live ARN (TagResource). */
  arn?: string;
  /** The live tags seen at plan time (user and `pcc:`). */
  liveTags?: Record<string, string>;
}

export interface PlannedPmaHandshake {
  /** This change sends a handshake (after its create, or one that is due). */
  send: boolean;
  /** The latest handshake seen at plan time. */
  id?: string;
  status?: HandshakeStatus;
  since?: string;
  /** How many PMA handshakes were sent about this PMA before (the clientToken's sequence). */
  sent?: number;
}
