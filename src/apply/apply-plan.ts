import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { kindOf } from '../kinds/registry.js';
import type { ChannelApi } from '../live/channel-api.js';
import { isChange } from '../plan/actions.js';
import type { Plan, PlannedChange } from '../plan/plan-types.js';
import type { AppliedDependency } from './kind-applier.js';
import { summarizeOutcomes, type ApplyOutcome, type ApplyResult } from './outcome.js';
import { READ_LAG_DELAYS_MS } from './read-lag.js';
import { refusalsOf } from './refusals.js';

export interface ApplyPlanOptions {
  api: ChannelApi;
  /** Changes in progress at once; the API adapter separately bounds requests in flight and their rate. */
  parallelism: number;
  /** Called as each change completes, in completion order: the command prints it. */
  onOutcome?: (outcome: ApplyOutcome, completed: number, total: number) => void;
  /** Called once before the first call, with the number of changes to apply. */
  onStart?: (total: number) => void;
  /** Once aborted (Ctrl+C), no change starts: those not started are `skipped` ("not started"); those running finish. */
  signal?: AbortSignal;
  /** This apply run's id, written as `pcc:apply-run` on what its creates make; default a fresh random one. */
  runId?: string;
  /** Waits (ms) between re-reads of a write not yet visible; default READ_LAG_DELAYS_MS (read-lag.ts). */
  readLagDelaysMs?: readonly number[];
  /** The relationships whose tags the plan read now (not from the refresh cache): see ApplyContext. */
  tagsReadNow?: ReadonlySet<string>;
}

/** The note on a change an interrupt kept from starting. */
export const NOT_STARTED = 'not started: apply was interrupted';

/** A fresh id for one apply run: the value of APPLY_RUN_TAG on every resource its creates make. */
function newApplyRunId(): string {
  return randomUUID();
}

/** What a dependsOn edge names a change by (kind, address, action), as one key: for changes, edges and outcomes alike. */
export const keyOf = (c: { kind: string; address: string; action: string }) => `${c.kind}\u0000${c.address}\u0000${c.action}`;

/** The changes of `changes` each dependsOn edge of `change` names (none for an edge to a change not applied). */
function dependenciesOf(change: PlannedChange, byKey: ReadonlyMap<string, readonly PlannedChange[]>): readonly PlannedChange[] {
  return (change.dependsOn ?? []).flatMap((dependency) => byKey.get(keyOf(dependency)) ?? []);
}

/**
 * The changes apply makes, in the order their phases run (Terraform's graph in miniature): a change runs in the
 * phase after the last of those its `dependsOn` names (longest-path levels), and a change its kind says destroys
 * a live resource runs after every other change (SPEC.md: deletes run after everything else). In plan order
 * within a phase. Throws when the edges form a cycle (a hand-edited plan: the saved-plan checks refuse it first).
 */
export function changesToApply(plan: Plan): PlannedChange[][] {
  const changes = plan.changes.filter((change) => isChange(change.action) && !change.blocked);
  const byKey = new Map<string, PlannedChange[]>();
  for (const change of changes) byKey.set(keyOf(change), [...(byKey.get(keyOf(change)) ?? []), change]);
  const destroys = (change: PlannedChange) => kindOf(change).applier.destroys(change);
  const levels = new Map<PlannedChange, number>();
  const visiting = new Set<PlannedChange>();
  let floor = 0;
  const levelOf = (change: PlannedChange): number => {
    const known = levels.get(change);
    if (known !== undefined) return known;
    if (visiting.has(change)) throw new Error(`refusing to apply: the plan's dependsOn edges form a cycle through ${change.address}`);
    visiting.add(change);
    let level = destroys(change) ? floor : 0;
    for (const dependency of dependenciesOf(change, byKey)) {
      if (destroys(dependency) && !destroys(change))
        throw new Error(`refusing to apply: ${change.address} depends on the ${dependency.action} of ${dependency.address}, which runs after every other change`);
      level = Math.max(level, levelOf(dependency) + 1);
    }
    visiting.delete(change);
    levels.set(change, level);
    return level;
  };
  for (const change of changes) if (!destroys(change)) floor = Math.max(floor, levelOf(change) + 1);
  for (const change of changes) if (destroys(change)) levelOf(change);
  const ordered = [...new Set(levels.values())].sort((a, b) => a - b);
  return ordered.map((level) => changes.filter((change) => levels.get(change) === level));
}

function notStarted(change: PlannedChange): ApplyOutcome {
  const action = change.action as ApplyOutcome['action'];
  return { kind: change.kind, address: change.address, action, status: 'skipped', note: NOT_STARTED, ...(change.id ? { id: change.id } : {}) };
}

/** The change's dependsOn edges, each with the outcome this apply had for the change it names. */
function appliedDependencies(change: PlannedChange, done: ReadonlyMap<string, ApplyOutcome>): AppliedDependency[] {
  return (change.dependsOn ?? []).map((dependency) => {
    const outcome = done.get(keyOf(dependency));
    return outcome ? { dependency, outcome } : { dependency };
  });
}

async function applyOne(options: ApplyPlanOptions, runId: string, change: PlannedChange, done: ReadonlyMap<string, ApplyOutcome>): Promise<ApplyOutcome> {
  const context = {
    api: options.api,
    runId,
    readLagDelaysMs: options.readLagDelaysMs ?? READ_LAG_DELAYS_MS,
    dependencies: appliedDependencies(change, done),
    ...(options.tagsReadNow ? { tagsReadNow: options.tagsReadNow } : {}),
  };
  // The kind's applier gives its own kind's outcome.
  return (await kindOf(change).applier.apply(change, context)) as ApplyOutcome;
}

/**
 * Apply a plan: every change at most once, `parallelism` at a time, deletes last. Failures are outcomes, not
 * exceptions: one failed change never stops the others. Throws only when handed a plan that must not be
 * applied (see refusalsOf), which the command checks first.
 */
export async function applyPlan(plan: Plan, options: ApplyPlanOptions): Promise<ApplyResult> {
  const refusals = refusalsOf(plan);
  if (refusals.length > 0) throw new Error(`refusing to apply: ${refusals.join('; ')}`);
  const phases = changesToApply(plan);
  const total = phases.reduce((n, phase) => n + phase.length, 0);
  options.onStart?.(total);
  const limit = pLimit(options.parallelism);
  // One id for the whole run: the SDK's retries and the generations of one create all carry it.
  const runId = options.runId ?? newApplyRunId();
  const byChange = new Map<PlannedChange, ApplyOutcome>();
  // The outcomes so far by what a dependsOn edge names: kind, address and action.
  const byKey = new Map<string, ApplyOutcome>();
  for (const phase of phases) {
    await Promise.all(
      phase.map((change) =>
        limit(async () => {
          const applied = options.signal?.aborted ? notStarted(change) : await applyOne(options, runId, change, byKey);
          const outcome = change.source ? { ...applied, source: change.source } : applied;
          byChange.set(change, outcome);
          byKey.set(keyOf(change), outcome);
          options.onOutcome?.(outcome, byChange.size, total);
        }),
      ),
    );
  }
  const outcomes = phases
    .flat()
    .map((change) => byChange.get(change))
    .filter((o): o is ApplyOutcome => o !== undefined);
  return { outcomes, summary: summarizeOutcomes(outcomes) };
}
