/**
 * Why a change has the action it has, as a stable code scripts can match on (Terraform's action reasons):
 * `reasonCode` beside the sentence in `reason`. Every code is listed in docs/codes.md.
 */
export const CHANGE_REASON_CODES = [
  /** A field that cannot change in place differs, and --allow-replace allows delete + create. */
  'replace-allowed',
  /** `--replace ADDRESS` asked for delete + create of a relationship pcc manages (no field forces it). */
  'replace-requested',
  /** A field that cannot change in place differs; the plan was made without --allow-replace. */
  'replace-blocked-no-allow',
  /** A field that cannot change in place differs on a relationship pcc does not manage: never deleted. */
  'replace-blocked-unmanaged',
  /** A relationship pcc manages that no file declares, planned with --prune. */
  'delete-not-in-files',
  /** A relationship pcc manages whose address a file lists under `released:`: its `pcc:` tags are removed (action release). */
  'release-listed',
  /** Listed under `released:`, but the relationship there is not managed by pcc (no `pcc:managed=true`): a no-op. */
  'release-not-managed',
  /** Listed under `released:`, but no live relationship has the address: a no-op. */
  'release-not-found',
  /** servicePeriod: none pending or accepted (or the last was canceled): a request is sent. */
  'service-period-none',
  /** servicePeriod: a request with the declared terms waits for the customer (not drift). */
  'service-period-pending',
  /** servicePeriod: the customer accepted the declared terms. */
  'service-period-accepted',
  /** servicePeriod: the last request was rejected or expired (or its status is unknown): shown, not sent again. */
  'service-period-closed',
  /** servicePeriod: the last request was rejected or expired, and --resend requests it again. */
  'service-period-resend',
  /** servicePeriod: the accepted one has other terms than the file: reported, nothing sent. */
  'service-period-terms-differ',
  /** servicePeriod: the pending request has other terms than the file: it is canceled and the declared terms requested. */
  'service-period-rerequest',
  /** servicePeriod: the accepted one has other terms, and --replace-service-periods revokes it and requests the declared terms. */
  'service-period-replace',
  /** servicePeriod: no longer declared, the accepted period is in force, and --revoke sends REVOKE_SERVICE_PERIOD. */
  'service-period-revoke',
  /** servicePeriod: no longer declared and the accepted period is in force; planned without --revoke: reported, nothing sent. */
  'service-period-undeclared',
  /** servicePeriod: a revoke waits for the customer (not drift). */
  'service-period-revoke-pending',
  /** servicePeriod: the last revoke was rejected or expired: shown, sent again only with --revoke --resend. */
  'service-period-revoke-closed',
  /** servicePeriod (action update): the declared terms are the period in force; pending handshakes that contradict them are withdrawn. */
  'service-period-withdraw',
  /** programManagementAccount: its handshake waits for the PMA's account to accept (not drift). */
  'pma-handshake-pending',
  /** programManagementAccount: its handshake was rejected or expired: shown with a warning, sent again only with --resend. */
  'pma-handshake-rejected',
  /** programManagementAccount: its handshake was rejected or expired, and --resend sends it again. */
  'pma-handshake-resend',
  /** programManagementAccount: PENDING and no handshake waits (none sent, or the last canceled): one is sent. */
  'pma-handshake-due',
  /** programManagementAccount: no longer declared and managed by pcc; with --prune it is deleted. */
  'pma-delete-not-in-files',
  /** relationship (a no-op, shown): its PMA is declared but not created yet, or PENDING: it waits, never attempted (not drift). */
  'pma-not-active',
  /** relationship (a no-op, shown with a warning): its PMA is INACTIVE: nothing under it is attempted. */
  'pma-inactive',
  /** relationship (a no-op, shown with a warning): its PMA is listed with no status or one pcc does not know: held as INACTIVE. */
  'pma-status-unknown',
  /** servicePeriod (a no-op, shown): its relationship's PMA is not ACTIVE (or not created yet): nothing is requested. */
  'service-period-waiting',
] as const;
export type ChangeReasonCode = (typeof CHANGE_REASON_CODES)[number];

/** The reasons that keep a change (and so its plan) from being applied. */
const BLOCKING: ReadonlySet<ChangeReasonCode> = new Set(['replace-blocked-no-allow', 'replace-blocked-unmanaged']);

export function isBlockingReason(code: ChangeReasonCode | undefined): boolean {
  return code !== undefined && BLOCKING.has(code);
}

/** The sentence a delete of a relationship no file declares carries. */
export const DELETE_NOT_IN_FILES = 'managed by pcc and declared in no file: --prune deletes it';
