import type { Problem } from '../diagnostics/diagnostic.js';
import type { RelationshipSpec } from '../model/relationship.js';
import type { ServicePeriodHandshakeType } from '../live/channel-api.js';
import type { HandshakeStatus, ServicePeriodTerms } from '../model/service-period.js';
import type { Action } from './actions.js';
import type { ChangeReasonCode } from './change-reasons.js';
import type { PlanShapingValues } from './plan-options.js';

/**
 * The plan value: the contract between planning, rendering and apply (SPEC.md "The plan").
 * `--format json` prints it and `--out FILE` saves it. Keys may be added; none may be renamed.
 */
export const PLAN_FORMAT_VERSION = 1;

/**
 * What a change is made to: a relationship, or its service period (a START_SERVICE_PERIOD channel handshake
 * the customer must accept; a `servicePeriod` change shares its relationship's address).
 */
export const CHANGE_KINDS = ['relationship', 'servicePeriod'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One changed field. A missing `before` means the field (or tag) did not exist; a missing `after`, that it goes away. */
export interface FieldChange {
  /** API field name (`displayName`, `requestedSupportPlan`, `associationType`, …) or `tags.<key>` for a user tag. */
  name: string;
  before?: unknown;
  after?: unknown;
  /**
   * For requestedSupportPlan, whose live value no API returns: `before` is then the literal string "unknown"
   * (no `pcc:support-plan` tag) or the fingerprint pcc last wrote.
   */
  beforeUnknown?: boolean;
  /** The field cannot change in place: changing it forces a replace. */
  forcesReplace?: boolean;
}

export interface PlannedChange {
  /** The kind of resource changed, so that other kinds fit beside relationships. */
  kind: ChangeKind;
  address: string;
  action: Action;
  /** The live relationship (all actions but create). */
  id?: string;
  arn?: string;
  /** The live revision seen at plan time; updates send it, deletes re-check it. */
  revision?: string;
  /** Where the entry is declared (absent for deletes). */
  source?: { file: string; line: number };
  fields: FieldChange[];
  /**
   * The full desired relationship, for create, update, adopt and replace: what apply sends.
   * `tags` here are user tags only; apply adds the `pcc:` tags.
   */
  desired?: RelationshipSpec;
  /** The live tags seen at plan time (user and `pcc:`), for update/adopt/delete. */
  liveTags?: Record<string, string>;
  /** A replace that will not be applied (see `reasonCode`): reported, never applied; the plan is not applyable. */
  blocked?: boolean;
  /** Why, in a sentence: e.g. "associationType cannot be changed in place". */
  reason?: string;
  /** Why, as a stable code beside `reason` (docs/codes.md): e.g. `replace-blocked-unmanaged`. */
  reasonCode?: ChangeReasonCode;
  /** Things the reviewer should know that do not block, e.g. a support plan removed from the file. */
  warnings?: string[];
  /** For kind servicePeriod: what a request sends, and the latest request seen at plan time. */
  servicePeriod?: PlannedServicePeriod;
  /**
   * For a relationship delete or replace: the service period agreed with the customer that deleting the relationship
   * ends, and the service-period handshakes still pending on it. Absent when there are neither.
   */
  servicePeriodCommitment?: ServicePeriodCommitment;
}

/**
 * What the customer was promised on a relationship a delete or replace removes. A delete or replace of one with an
 * `accepted` period is applied only with `--acknowledge-service-period ADDRESS` (`acknowledged`).
 */
export interface ServicePeriodCommitment {
  /** The accepted START_SERVICE_PERIOD in force (not revoked). */
  accepted?: { handshakeId: string; terms: ServicePeriodTerms; since?: string };
  /** Service-period handshakes (START_ or REVOKE_) still PENDING on the relationship: deleting it leaves them unanswerable. */
  pending: WithdrawnHandshake[];
  /** The plan was made with `--acknowledge-service-period` for this address (only meaningful with `accepted`). */
  acknowledged: boolean;
}

export interface PlannedServicePeriod {
  catalog: string;
  programManagementAccountIdentifier: string;
  /** The declared terms in the API's form (StartServicePeriodPayload members). */
  terms: ServicePeriodTerms;
  /** The latest START_SERVICE_PERIOD handshake about the relationship, its status and when it was sent. */
  handshakeId?: string;
  status?: HandshakeStatus;
  since?: string;
  /** A pending request with other terms, canceled (CancelChannelHandshake) before the new request. */
  cancel?: string;
  /**
   * The accepted START handshake whose period a REVOKE_SERVICE_PERIOD ends before anything else is sent: for a
   * revoke (action `delete`, `terms` are then the accepted ones) and a replace (`terms` are the new ones).
   */
  revoke?: string;
  /** A rejected or expired REVOKE_SERVICE_PERIOD of that period which this revoke sends again (`--revoke --resend`). */
  resendsRevoke?: string;
  /**
   * For a withdraw (action `update`): the pending handshakes that contradict the file while the declared terms are
   * the period in force (`handshakeId`), each canceled (CancelChannelHandshake), a revoke first; nothing is sent.
   */
  withdraw?: WithdrawnHandshake[];
}

/** A PENDING handshake a withdraw cancels: a revoke of the period in force, or a request for other terms. */
export interface WithdrawnHandshake {
  id: string;
  handshakeType: ServicePeriodHandshakeType;
  /** The terms it holds (a revoke: those of the period it would end). */
  terms: ServicePeriodTerms;
  /** When it was sent (ISO-8601), when the service said. */
  since?: string;
}

/** A live relationship no file declares and pcc does not manage: reported, never touched. */
export interface UnmanagedRelationship {
  address: string;
  id: string;
  displayName?: string;
  /** The value of a `pcc:managed` tag other than `true`: someone's mark, not ownership; never deleted. */
  managedTag?: string;
}

/**
 * A relationship pcc manages (`pcc:managed`) that no file declares, planned without --prune: left alone this
 * time, listed so the reviewer knows `--prune` would delete it.
 */
export interface PruneCandidate {
  address: string;
  id: string;
  displayName?: string;
}

/**
 * A problem found while planning (e.g. two live relationships with one address): a {@link Problem} (always an
 * error) as the plan JSON spells it, with the entry's place as `source`. src/commands/plan-report.ts makes it a Problem.
 */
export interface PlanError extends Pick<Problem, 'code' | 'message' | 'address' | 'hint'> {
  source?: { file: string; line: number };
}

export interface PlanSummary {
  create: number;
  update: number;
  adopt: number;
  replace: number;
  delete: number;
  noOp: number;
  unmanaged: number;
  /** Replacements not allowed (no --allow-replace). */
  blocked: number;
  /** Relationships released (action release: their `pcc:` tags removed, nothing else); absent when none. */
  release?: number;
  /** Deletes and replaces (not blocked) of relationships under an accepted service period; absent when none. */
  underServicePeriod?: number;
  /** servicePeriod changes that send a request to the customer (counted here, not in `create`; a replace counts too). */
  request?: number;
  /** servicePeriod changes that send a REVOKE_SERVICE_PERIOD (a revoke, and a replace); absent when none. */
  revoke?: number;
  /** Pending service-period handshakes withdrawn (CancelChannelHandshake) by servicePeriod `update` changes; absent when none. */
  withdraw?: number;
  /** Tag and detail reads the refresh made (list pages not counted); absent when no refresh was made. */
  reads?: number;
  /** Tag and detail reads the refresh cache made unnecessary; absent when no refresh was made. */
  readsSaved?: number;
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  /** `DesiredState.hash` of the files planned from; apply refuses a saved plan when the files changed since. */
  desiredHash: string;
  /** The directory planned from, as given. */
  dir: string;
  /**
   * The plan-shaping options it was made with (src/plan/plan-options.ts), each but `prune` and `allowReplace` only
   * when given; apply applies a saved plan only with the same. With `targets` the plan is partial: about those only.
   */
  options: PlanShapingValues;
  /**
   * Whether apply may act on this plan: no errors and no blocked change (see planBlockers, the one place this is
   * decided). A plan without changes is applyable: applying it does nothing.
   */
  applyable: boolean;
  /** Sorted by address; no-ops included (renderers may hide them). */
  changes: PlannedChange[];
  unmanaged: UnmanagedRelationship[];
  /** Managed relationships no file declares, when --prune is off (with --prune they are `delete` changes). */
  pruneCandidates?: PruneCandidate[];
  errors: PlanError[];
  summary: PlanSummary;
}
