import pLimit from 'p-limit';
import type { ChannelApi } from '../live/channel-api.js';
import { APPLY_ORDER, isChange } from '../plan/actions.js';
import type { Plan, PlannedChange } from '../plan/plan-types.js';
import { applyChange, newApplyRunId } from '../kinds/relationship/apply-change.js';
import { applyServicePeriod, servicePeriodAction } from '../kinds/service-period/apply-service-period.js';
import { summarizeOutcomes, type ApplyOutcome, type ApplyResult } from './outcome.js';
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
}

/** The note on a change an interrupt kept from starting. */
export const NOT_STARTED = 'not started: apply was interrupted';

/** Service periods are requested once their relationships exist: after creates, before deletes. */
const SERVICE_PERIOD_RANK = 0.5;
/** Withdraws go before any service-period request, so the active slots they free are free (handshake-quotas.ts). */
const WITHDRAW_RANK = 0.25;

function rankOf(change: PlannedChange): number {
  if (change.kind !== 'servicePeriod') return APPLY_ORDER[change.action];
  return change.action === 'update' ? WITHDRAW_RANK : SERVICE_PERIOD_RANK;
}

/** The changes apply makes, in the order their phases run: service periods after relationships, deletes last. */
export function changesToApply(plan: Plan): PlannedChange[][] {
  const phases = new Map<number, PlannedChange[]>();
  for (const change of plan.changes) {
    if (!isChange(change.action) || change.blocked) continue;
    const rank = rankOf(change);
    phases.set(rank, [...(phases.get(rank) ?? []), change]);
  }
  return [...phases.entries()].sort(([a], [b]) => a - b).map(([, changes]) => changes);
}

function notStarted(change: PlannedChange): ApplyOutcome {
  const action = change.action as ApplyOutcome['action'];
  return { address: change.address, action, status: 'skipped', note: NOT_STARTED, ...(change.id ? { id: change.id } : {}) };
}

/** The relationship a service period is for: the planned one, or the one this apply made at its address. */
function relationshipFor(change: PlannedChange, done: ReadonlyMap<PlannedChange, ApplyOutcome>): { id?: string; why?: string } {
  const made = [...done].find(([c]) => c.kind === 'relationship' && c.address === change.address && (c.action === 'create' || c.action === 'replace'));
  if (!made) return change.id ? { id: change.id } : { why: 'no relationship at this address' };
  const [, outcome] = made;
  return outcome.status === 'succeeded' && outcome.id ? { id: outcome.id } : { why: 'its relationship was not created' };
}

async function applyOne(options: ApplyPlanOptions, runId: string, change: PlannedChange, done: ReadonlyMap<PlannedChange, ApplyOutcome>): Promise<ApplyOutcome> {
  if (change.kind !== 'servicePeriod') return applyChange(options.api, change, options.readLagDelaysMs, runId);
  const relationship = relationshipFor(change, done);
  if (!relationship.id)
    return {
      address: change.address,
      action: servicePeriodAction(change),
      kind: 'servicePeriod',
      status: 'skipped',
      note: `service period not sent: ${relationship.why ?? ''}`,
    };
  return applyServicePeriod(options.api, change, relationship.id);
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
  for (const phase of phases) {
    await Promise.all(
      phase.map((change) =>
        limit(async () => {
          const applied = options.signal?.aborted ? notStarted(change) : await applyOne(options, runId, change, byChange);
          const outcome = change.source ? { ...applied, source: change.source } : applied;
          byChange.set(change, outcome);
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
