import { kindOf } from '../kinds/registry.js';
import type { Plan, PlannedChange } from '../plan/plan-types.js';
import { summarizePlan } from '../plan/summarize-plan.js';
import { STALE_MESSAGE } from './change-context.js';
import { sameData } from '../model/string-keyed.js';

/**
 * Comparing a plan someone saw (a saved or reviewed plan) with a fresh plan from the files and live state.
 * Two changes are the same when they do the same thing (action) to the same relationship (address and id)
 * with the same values: every field's name, before and after, and the full desired relationship; for a service
 * period, what its handshakes send and withdraw (`servicePeriod`); for a delete or replace, the service period it
 * ends (`servicePeriodCommitment`: a period accepted since the review makes it another change). Revisions, file lines and warnings are not
 * compared: they do not change what is written.
 */

/** What makes a change the change it is; JSON-normalised so a plan read from a file compares like a fresh one. */
function identityOf(change: PlannedChange): unknown {
  const { kind, action, address, id, fields } = change;
  return JSON.parse(JSON.stringify({ kind, action, address, id, fields, ...kindOf(change).planner.identity(change) }));
}

function sameChange(a: PlannedChange, b: PlannedChange): boolean {
  return sameData(identityOf(a), identityOf(b));
}

const changing = (plan: Plan): PlannedChange[] => plan.changes.filter((change) => change.action !== 'no-op');

/**
 * A seen plan as the comparisons here (and pcc apply's seen reads) read it: its changes other than no-ops, nothing
 * unmanaged. None of them reads a seen no-op or the seen plan's unmanaged list, so pcc apply keeps only this while
 * it plans afresh: a saved plan of a whole account is mostly no-ops, and holding them doubled apply's memory. PURE.
 */
export function seenChanges(seen: Plan): Plan {
  return { ...seen, changes: changing(seen), unmanaged: [] };
}

export interface PlanComparison {
  /** Fresh changes the seen plan has too: the only ones that may be applied. */
  agreed: PlannedChange[];
  /** Fresh changes the seen plan does not have (or has with other values): nobody saw them. */
  unseen: PlannedChange[];
  /** Seen changes the fresh plan no longer calls for, with why: refused if applied from a saved plan. */
  notCalledFor: Array<{ change: PlannedChange; reason: string }>;
}

/** PURE. Splits the fresh plan's changes by whether `seen` has them, and lists the seen changes fresh lacks. */
export function comparePlans(seen: Plan, fresh: Plan): PlanComparison {
  const seenChanges = changing(seen);
  const freshChanges = changing(fresh);
  const agreed: PlannedChange[] = [];
  const unseen: PlannedChange[] = [];
  for (const change of freshChanges) (seenChanges.some((s) => sameChange(s, change)) ? agreed : unseen).push(change);
  const notCalledFor = seenChanges.filter((change) => !agreed.some((a) => sameChange(a, change))).map((change) => ({ change, reason: whyNot(change, fresh) }));
  return { agreed, unseen, notCalledFor };
}

/** How a reason for a seen change that is no longer needed begins (it is done already: not a refusal). */
export const ALREADY_DONE = 'no longer needed';

/**
 * Why a seen change is not in the fresh plan. Only the fresh change of the same kind speaks for it (a relationship
 * that is a no-op says nothing about its service period). A service-period no-op is "done" only when it shows the
 * seen terms pending or accepted; one with a warning (other terms accepted, a request rejected) means the live
 * state moved away from what was reviewed, and the seen change is refused.
 */
function whyNot(change: PlannedChange, fresh: Plan): string {
  const there = fresh.changes.filter((c) => c.address === change.address && c.kind === change.kind);
  const noOp = there.find((c) => c.action === 'no-op');
  if (noOp) {
    const { done, why } = kindOf(noOp).planner.noLongerNeeded(noOp);
    return done ? `${ALREADY_DONE}: ${why}` : `the live state moved since the plan (${why}): ${STALE_MESSAGE}`;
  }
  const other = there.find((c) => c.action !== 'no-op');
  // The files are checked unchanged before this (check-saved-plan.ts): live state moved since the plan.
  if (other) return `the files and live state now call for ${other.action === change.action ? 'it with other values' : `a(n) ${other.action} instead`}: ${STALE_MESSAGE}`;
  return 'the files and live state do not call for it (outside the files\u2019 scope, or not declared); plan again';
}

/**
 * `plan` with each change carrying the revision `seen` recorded for the same change: a saved or reviewed
 * plan's change is applied only to the relationship as it was when the plan was made, so a change made since that
 * no plan can show (a support plan set in the console) fails as stale instead of being overwritten.
 */
export function withSeenRevisions(seen: Plan, plan: Plan): Plan {
  const changes = plan.changes.map((change) => {
    const match = seen.changes.find((s) => s.action !== 'no-op' && sameChange(s, change));
    return match ? kindOf(change).planner.carrySeen(change, match) : change;
  });
  return { ...plan, changes };
}

/** `fresh` with only `changes` (and its no-ops) left, its summary recounted. */
export function restrictPlan(fresh: Plan, changes: readonly PlannedChange[]): Plan {
  const kept = fresh.changes.filter((change) => change.action === 'no-op' || changes.includes(change));
  return { ...fresh, changes: kept, summary: summarizePlan(kept, fresh.unmanaged.length) };
}

/**
 * The ids of what a seen plan and a fresh plan disagree on: the seen changes the fresh plan does not call for (as
 * they are), the fresh changes the seen plan lacks, and whatever the fresh plan has at their addresses (no-ops
 * included). pcc apply reads these again when the fresh plan took their tags from the refresh cache. PURE.
 */
export function disagreeingIds(seen: Plan, fresh: Plan): Set<string> {
  const { unseen, notCalledFor } = comparePlans(seen, fresh);
  const differing = [...unseen, ...notCalledFor.map(({ change }) => change)];
  const addresses = new Set(differing.map((change) => change.address));
  const ids = [...differing, ...fresh.changes.filter((change) => addresses.has(change.address))].flatMap((change) => (change.id ? [change.id] : []));
  return new Set(ids);
}
