import type { KindApplyCounts } from '../kinds/registry.js';
import type { Problem } from '../diagnostics/diagnostic.js';
import type { Action } from '../plan/actions.js';
import { KINDS, type PlannedChange } from '../kinds/registry.js';
import type { ResourceKind } from '../kinds/resource-kind.js';
import { statusCounts } from './kind-applier.js';

/** What happened to one planned change. */
type OutcomeStatus = 'succeeded' | 'failed' | 'skipped' | 'unknown';

/**
 * The result of applying one change, as every kind's outcome has it (each kind's outcome adds its own members;
 * `kind` tells them apart, and ApplyOutcome is their union). `error` and `note` may carry server text: sanitise
 * before printing. A `skipped` change needed no call (e.g. a delete whose relationship was already gone). An
 * `unknown` one was sent and may have landed, but that could not be proven (e.g. credentials expired before the
 * read-back): not a failure, not done; `error` says why, and a plan shows where it stands.
 */
export interface OutcomeBase<K extends string = string> {
  /** The resource kind of the change (its `kind`). */
  kind: K;
  address: string;
  action: Exclude<Action, 'no-op'>;
  status: OutcomeStatus;
  /** The resource acted on; for a create or replace, the new one. */
  id?: string;
  /** Why it failed, in a sentence. */
  error?: string;
  /** Something worth saying about a success, e.g. "already applied (confirmed after a retry)". */
  note?: string;
  /** Where the entry is declared (absent for deletes): GitHub annotations point there. */
  source?: { file: string; line: number };
}

/** The outcome of a change of any kind, told apart by `kind` (src/kinds/registry.ts). */
export type { ApplyOutcome } from '../kinds/registry.js';
import type { ApplyOutcome } from '../kinds/registry.js';

/** A failed change as a problem (code `change-failed`), at the entry that declares it where there is one. */
export function failureProblem(outcome: OutcomeBase, more = ''): Problem {
  return {
    code: 'change-failed',
    severity: 'error',
    message: `${outcome.address}: ${outcome.error ?? 'unknown error'}${more}`,
    address: outcome.address,
    ...(outcome.source ? { file: outcome.source.file, line: outcome.source.line } : {}),
  };
}

/** Counts of outcomes; `failed` and `skipped` count every action. */
/** The apply's counts: the shared actions' and statuses' here, each kind's own (KindApplyCounts) beside them. */
export interface ApplySummary extends KindApplyCounts {
  created: number;
  updated: number;
  adopted: number;
  replaced: number;
  deleted: number;
  failed: number;
  skipped: number;
  /** Changes whose outcome is unknown (sent, not proven); absent when none. */
  unknown?: number;
  /** Relationships released (their `pcc:` tags removed and read back gone); absent when none. */
  released?: number;
}

export interface ApplyResult {
  /** In the order apply ran them: phase by phase (dependsOn, deletes last), each phase in plan order, whatever order they completed in. */
  outcomes: ApplyOutcome[];
  summary: ApplySummary;
  /** Set when a signal stopped the apply before every change was started (the rest are skipped, not started). */
  interrupted?: boolean;
}

/** The counts of these outcomes: each kind says what its outcome adds (KindApplier.count). */
export function summarizeOutcomes(outcomes: readonly ApplyOutcome[]): ApplySummary {
  const summary: ApplySummary = { created: 0, updated: 0, adopted: 0, replaced: 0, deleted: 0, failed: 0, skipped: 0 };
  for (const outcome of outcomes) {
    // An outcome of no kind pcc knows is a saved change never applied (a plan file without `kind`): its status counts.
    const kind: ResourceKind<PlannedChange, ApplyOutcome> | undefined = KINDS.find((k) => k.name === outcome.kind);
    const counts = (kind ? kind.applier.count(outcome) : statusCounts(outcome)) as Readonly<Record<keyof ApplySummary, number>>;
    for (const key of Object.keys(counts) as (keyof ApplySummary)[]) summary[key] = (summary[key] ?? 0) + counts[key];
  }
  return summary;
}
