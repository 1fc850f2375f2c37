/**
 * What the plan engine (buildPlan, summarizePlan, planBlockers, the delete guard, the saved-plan checks) needs of
 * a resource kind: ONE facet, brought by each kind (src/kinds/<kind>/planner.ts) and reached only through the
 * registry (src/kinds/registry.ts). The engine never names a kind; a kind never sees another kind's changes
 * except through `earlier` and the plan-wide passes. PURE: every member.
 */
import type { DesiredState } from '../desired/types.js';
import type { LiveState } from '../live/live-state.js';
import type { DeletionsToGuard } from './delete-guard.js';
import type { PlanOptions, PlanShapingValues } from './plan-options.js';
import type { ChangeBase, ChangeDependency, Plan, PlanError, PlannedChange, PlanSummary, PruneCandidate, UnmanagedRelationship } from './plan-types.js';

/** What a kind plans from. */
export interface PlanInput {
  desired: DesiredState;
  live: LiveState;
  options: PlanOptions;
  /** The changes the kinds listed before this one planned (registry order), before targeting and sorting. */
  earlier: readonly PlannedChange[];
}

/** What a kind planned: its changes (in its own order; buildPlan sorts), errors, and what it only reports. */
export interface KindPlan<C extends ChangeBase> {
  changes: C[];
  errors: PlanError[];
  /** Live resources of this kind no file declares and pcc does not manage. */
  unmanaged?: UnmanagedRelationship[];
  /** Managed live resources of this kind no file declares, planned without --prune. */
  pruneCandidates?: PruneCandidate[];
}

/** What the plan-wide passes see: the targeted, sorted changes of every kind, and what they were planned from. */
export interface PassInput {
  live: LiveState;
  options: PlanOptions;
  /** The plan-shaping options as the plan records them. */
  recorded: PlanShapingValues;
}

/** Why a change the seen plan has is not in the fresh one, although the fresh plan has a no-op there. */
interface NoLongerNeeded {
  /** The no-op shows it done (else the live state moved away from what was reviewed, and it is refused). */
  done: boolean;
  why: string;
}

/** Tests saved changes against the files they were planned from. */
export interface FileMatcher<C extends ChangeBase> {
  /** How `change` differs from the files, in words; undefined: it matches them. */
  mismatch(change: C): string | undefined;
}

export interface KindPlanner<C extends ChangeBase> {
  /** This kind's changes, errors and reports. */
  plan(input: PlanInput): KindPlan<C>;
  /** The addresses `--target` and `--replace` may name: those the files declare and those live. */
  addresses(desired: DesiredState, live: LiveState): { declared: readonly string[]; live: readonly string[] };
  /** Whether this kind's plan honours `--replace` (its declared addresses may be named there); absent: it does not, and naming one is an error. */
  readonly replaceable?: boolean;
  /**
   * For `--target`/`--replace`: the canonical form of an address this kind knows under another form (undefined: not
   * one of those), e.g. a relationship address naming a declared PMA by name once the PMA is live (its id form).
   */
  canonicalAddress?(desired: DesiredState, live: LiveState): (address: string) => string | undefined;
  /** The other addresses a planned change answers to in `--target`/`--replace` (what canonicalAddress made its address from). */
  addressAliases?(change: C): readonly string[];
  /**
   * A pass over every kind's targeted, sorted changes, run before the checks: the changes (same order, inputs not
   * mutated; it may annotate any kind's) and the errors it finds. E.g. what a delete of another kind's resource ends.
   */
  review?(changes: readonly PlannedChange[], input: PassInput): { changes: PlannedChange[]; errors: PlanError[] };
  /** Errors the finished changes raise (e.g. a quota the service would enforce). */
  check?(changes: readonly PlannedChange[], input: PassInput): PlanError[];
  /** This kind's changes that delete a live resource, how they group and how they are named: what the delete guard counts. */
  deletions?(changes: readonly PlannedChange[], live: LiveState): DeletionsToGuard;
  /** The changes `change` needs applied first (its edges in the plan's graph), in a stable order; empty: none. */
  dependsOn(change: C, changes: readonly PlannedChange[]): ChangeDependency[];
  /** Counts `change` into the summary (its top-level keys are the plan JSON's). */
  count(summary: PlanSummary, change: C): void;
  /**
   * Why `change` keeps the plan from being applied, beyond what the engine checks (targets, blocked changes):
   * e.g. a flag the plan was not made with. `refused`: the engine already gave a blocker for it.
   */
  blockers(change: C, plan: Pick<Plan, 'errors' | 'options'>, refused: boolean): Array<Pick<PlanError, 'code' | 'message'>>;
  /** For the saved-plan check: a test of one change against the files, saying how it differs from them (undefined: it matches). */
  matchesFiles(desired: DesiredState): FileMatcher<C>;
  /** What, besides kind, action, address, id and fields, makes a change the change it is (compared as JSON). */
  identity(change: C): Record<string, unknown>;
  /** `fresh` carrying what must stay as the reviewer saw it in `seen` (the same change): e.g. the revision it was planned against. */
  carrySeen(fresh: C, seen: C): C;
  /** What a fresh no-op says of a seen change of this kind at its address. */
  noLongerNeeded(noOp: C): NoLongerNeeded;
}
