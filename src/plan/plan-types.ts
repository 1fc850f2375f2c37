import type { Problem } from '../diagnostics/diagnostic.js';
import type { Action } from './actions.js';
import type { ChangeReasonCode } from './change-reasons.js';
import type { PlanShapingValues } from './plan-options.js';

/**
 * The plan value: the contract between planning, rendering and apply (SPEC.md "The plan").
 * `--format json` prints it and `--out FILE` saves it. Keys may be added; none may be renamed.
 */
export const PLAN_FORMAT_VERSION = 1;

/** What a change is made to: the name of its resource kind (src/kinds/registry.ts lists them). */
import type { KindName, KindPlanCounts, PlannedChange } from '../kinds/registry.js';
export type { PlannedChange };

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

/**
 * Another change this one needs applied first (Terraform's graph edge), named by kind, address and action (a kind
 * may plan two changes at one address: an update of one relationship and the delete of another).
 */
export interface ChangeDependency {
  kind: KindName;
  address: string;
  action: Action;
  /**
   * What this change takes from that one's outcome, known only after it is applied (Terraform's "known after
   * apply"), e.g. `["relationshipIdentifier"]`. Absent: it only has to run after it, whatever its outcome.
   */
  knownAfterApply?: string[];
}

/**
 * What every planned change holds, whatever its kind. Each kind's change (src/kinds/<kind>/) adds its own members;
 * `kind` tells them apart (PlannedChange is their union).
 */
export interface ChangeBase<K extends string = string> {
  /** The resource kind changed: which of the registry's kinds plans, applies and describes it. */
  kind: K;
  address: string;
  action: Action;
  /** The live resource's id (all actions but create). */
  id?: string;
  /** Where the entry is declared (absent for deletes). */
  source?: { file: string; line: number };
  fields: FieldChange[];
  /** A change that will not be applied (see `reasonCode`): reported, never applied; the plan is not applyable. */
  blocked?: boolean;
  /** Why, in a sentence: e.g. "associationType cannot be changed in place". */
  reason?: string;
  /** Why, as a stable code beside `reason` (docs/codes.md): e.g. `replace-blocked-unmanaged`. */
  reasonCode?: ChangeReasonCode;
  /** Things the reviewer should know that do not block, e.g. a support plan removed from the file. */
  warnings?: string[];
  /** The changes this one needs applied first; apply derives its phases from them. Absent: none. */
  dependsOn?: ChangeDependency[];
}

/** A live resource no file declares and pcc does not manage: reported, never touched. */
export interface UnmanagedRelationship {
  /** The kind of the live resource (always set by buildPlan; absent only in plans saved before issue 21: a relationship). */
  kind?: KindName;
  address: string;
  id: string;
  displayName?: string;
  /** The value of a `pcc:managed` tag other than `true`: someone's mark, not ownership; never deleted. */
  managedTag?: string;
}

/**
 * A resource pcc manages (`pcc:managed`) that no file declares, planned without --prune: left alone this
 * time, listed so the reviewer knows `--prune` would delete it.
 */
export interface PruneCandidate {
  /** The kind of the live resource (always set by buildPlan; absent only in plans saved before issue 21: a relationship). */
  kind?: KindName;
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

/** The plan's counts: the shared actions' here, each kind's own (KindPlanCounts, e.g. service periods to request) beside them. */
export interface PlanSummary extends KindPlanCounts {
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
  /** Tag and detail reads the refresh made (list pages not counted); absent when no refresh was made. */
  reads?: number;
  /** Tag and detail reads the refresh cache made unnecessary; absent when no refresh was made. */
  readsSaved?: number;
  /** How recent the live state planned from is; absent when no refresh was made. */
  freshness?: PlanFreshness;
}

/**
 * How recent a plan's live state is (`summary.freshness`): every relationship list is read by the refresh itself;
 * tags are read now or reused from the refresh cache (unchanged revision and updatedAt), and a rolling refresh
 * (`--refresh rolling --verify-every N`) reads again the ones read longest ago.
 */
export interface PlanFreshness {
  /** When the refresh's lists started (ISO 8601, UTC). */
  listedAt: string;
  /** Relationships whose tags this refresh read. */
  tagsReadNow: number;
  /** Relationships whose tags were reused from the refresh cache. */
  tagsReused: number;
  /** The earliest read time of the reused tags (ISO 8601, UTC); absent when none was reused. */
  oldestTagsReadAt?: string;
  /** A rolling refresh's N: every relationship's tags are read at least every N runs; absent otherwise. */
  verifyEvery?: number;
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
