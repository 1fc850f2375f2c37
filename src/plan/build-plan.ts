import type { DesiredState } from '../desired/types.js';
import type { LiveState } from '../live/live-state.js';
import { KINDS, kindOf } from '../kinds/registry.js';
import { PLAN_ORDER } from './actions.js';
import { isApplyable } from './applyable.js';
import { guardDeletions } from './delete-guard.js';
import type { PassInput } from './kind-planner.js';
import { recordedOptions, type PlanOptions } from './plan-options.js';
import { addressErrors, keepTargeted, resolveAddressOptions } from './plan-targets.js';
import { PLAN_FORMAT_VERSION, type Plan, type PlanError, type PlannedChange, type PruneCandidate, type UnmanagedRelationship } from './plan-types.js';
import { summarizePlan } from './summarize-plan.js';

export type { PlanOptions };

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareChanges(a: PlannedChange, b: PlannedChange): number {
  return compareText(a.address, b.address) || PLAN_ORDER[a.action] - PLAN_ORDER[b.action] || compareText(a.id ?? '', b.id ?? '') || compareText(a.kind, b.kind);
}

/** Each change with the edges its kind derives (`dependsOn`, left out when it has none). PURE. */
export function withDependencies(changes: readonly PlannedChange[]): PlannedChange[] {
  return changes.map((change) => {
    const { dependsOn: _old, ...rest } = change;
    const edges = kindOf(change).planner.dependsOn(change, changes);
    return (edges.length > 0 ? { ...rest, dependsOn: edges } : rest) as PlannedChange;
  });
}

/** The plan-wide passes, in order: each kind's review (may annotate changes), then the delete guard and each kind's checks. */
function runPasses(changes: readonly PlannedChange[], input: PassInput): { changes: PlannedChange[]; errors: PlanError[] } {
  let reviewed = [...changes];
  const errors: PlanError[] = [];
  for (const { planner } of KINDS) {
    if (!planner.review) continue;
    const review = planner.review(reviewed, input);
    reviewed = review.changes;
    errors.push(...review.errors);
  }
  for (const { planner } of KINDS) if (planner.deletions) errors.push(...guardDeletions(planner.deletions(reviewed, input.live), input.options.maxDeletes));
  for (const { planner } of KINDS) if (planner.check) errors.push(...planner.check(reviewed, input));
  return { changes: reviewed, errors };
}

/**
 * The plan: what it takes to make the live state match the files. Each kind plans in registry order (a kind sees
 * the changes of the kinds before it), then the plan-wide passes run. PURE: no I/O, no clock, no environment;
 * inputs are never mutated. Matching problems land in `errors` (the entry is then left out of `changes`).
 */
export function buildPlan(desired: DesiredState, live: LiveState, given: PlanOptions): Plan {
  // --target/--replace in name form name what the plan shows in id form once the declared PMA is live.
  const options = resolveAddressOptions(given, desired, live);
  const changes: PlannedChange[] = [];
  const errors: PlanError[] = [];
  const unmanagedAll: UnmanagedRelationship[] = [];
  const candidates: PruneCandidate[] = [];
  for (const { name, planner } of KINDS) {
    const planned = planner.plan({ desired, live, options, earlier: changes });
    changes.push(...planned.changes);
    errors.push(...planned.errors);
    unmanagedAll.push(...(planned.unmanaged ?? []).map((item) => ({ kind: name, ...item })));
    candidates.push(...(planned.pruneCandidates ?? []).map((item) => ({ kind: name, ...item })));
  }
  errors.push(...addressErrors(options, desired, live));
  // A partial plan (--target) holds only what is about its addresses; the guards below count only that.
  const { unmanaged, pruneCandidates, ...kept } = keepTargeted({ changes, errors, unmanaged: unmanagedAll, pruneCandidates: candidates }, options);
  const planOptions = recordedOptions(options);
  const passed = runPasses([...kept.changes].sort(compareChanges), { live, options, recorded: planOptions });
  const planned = withDependencies(passed.changes);
  const problems = [...kept.errors, ...passed.errors];
  problems.sort((a, b) => compareText(a.address ?? '', b.address ?? '') || compareText(a.code, b.code));

  return {
    formatVersion: PLAN_FORMAT_VERSION,
    desiredHash: desired.hash,
    dir: options.dir,
    options: planOptions,
    applyable: isApplyable({ changes: planned, errors: problems, options: planOptions }),
    changes: planned,
    unmanaged,
    pruneCandidates,
    errors: problems,
    summary: summarizePlan(planned, unmanaged.length),
  };
}
