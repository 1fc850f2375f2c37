/**
 * What apply needs of a resource kind (the kind's `applier`, src/kinds/<kind>/applier.ts): how one change is
 * made, whether it destroys a live resource (SPEC: deletes run after everything else), and how its outcome is
 * counted. The engine (apply-plan.ts) orders the changes from their `dependsOn` and never names a kind.
 */
import type { ChannelApi } from '../live/channel-api.js';
import type { ChangeBase, ChangeDependency } from '../plan/plan-types.js';
import type { ApplySummary, OutcomeBase } from './outcome.js';

/** One of a change's `dependsOn` edges, with what became of that change in this apply. */
export interface AppliedDependency {
  dependency: ChangeDependency;
  /**
   * Its outcome, which holds the values known only after apply (e.g. the id a create made). Absent when this apply
   * does not make that change (not in the plan applied, or blocked).
   */
  outcome?: OutcomeBase;
}

/** What a kind's applier is handed with each change. */
interface ApplyContext {
  api: ChannelApi;
  /** This apply run's id (APPLY_RUN_TAG on what its creates make). */
  runId: string;
  /** Waits (ms) between re-reads of a write not yet visible (read-lag.ts). */
  readLagDelaysMs: readonly number[];
  /** The change's `dependsOn`, in its order, each with its outcome: all of them were applied before this change. */
  dependencies: readonly AppliedDependency[];
  /**
   * The relationships (ids) whose tags this run's plan read now, not from the refresh cache: a change to one of them
   * was planned from its live tags, as a full refresh plans it, and need not read them again before writing.
   */
  tagsReadNow?: ReadonlySet<string>;
}

/** A relationship (an entry of the refresh cache, src/live/refresh-cache-store.ts) an apply may have written to. */
interface TouchedId {
  id: string;
  arn?: string;
}

/** Additions to an ApplySummary's counters, by key. */
export type SummaryCounts = Partial<Record<keyof ApplySummary, number>>;

export interface KindApplier<C extends ChangeBase = ChangeBase, O extends OutcomeBase<C['kind']> = OutcomeBase<C['kind']>> {
  /** Makes one change and says what happened. Never throws: every failure is a `failed` (or `unknown`) outcome. */
  apply(change: C, context: ApplyContext): Promise<O>;
  /** The change deletes a live resource and makes nothing in its place: it runs after every other change (SPEC.md). */
  destroys(change: C): boolean;
  /** What one outcome adds to the summary (see statusCounts for the statuses every kind counts alike). */
  count(outcome: O): SummaryCounts;
  /**
   * The relationships applying `change` may have written to (failed ones too: a failure can come after a tag
   * write), and those its outcome names: their cached tags are voided after apply. None: [].
   */
  touched(change: C, outcome: O | undefined): TouchedId[];
}

/** The counter of an outcome that did not succeed (`failed`, `unknown`, `skipped`): the same for every kind. */
export function statusCounts(outcome: OutcomeBase): SummaryCounts {
  if (outcome.status === 'failed') return { failed: 1 };
  if (outcome.status === 'unknown') return { unknown: 1 };
  if (outcome.status === 'skipped') return { skipped: 1 };
  return {};
}
