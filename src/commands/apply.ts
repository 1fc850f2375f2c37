import { resolve } from 'node:path';
import { Option } from 'commander';
import { applyPlan, NOT_STARTED } from '../apply/apply-plan.js';
import { checkSavedPlan } from '../apply/check-saved-plan.js';
import { confirmApply } from '../apply/confirm.js';
import { ALREADY_DONE, comparePlans, disagreeingIds, restrictPlan, seenChanges, withSeenRevisions } from '../apply/compare-plans.js';
import { summarizeOutcomes, type ApplyOutcome, type ApplyResult } from '../apply/outcome.js';
import { planRefusals } from '../apply/refusals.js';
import { touchedRelationships } from '../apply/touched-relationships.js';
import { sanitizeForTerminal as clean } from '../io/sanitize.js';
import type { ChannelApi } from '../live/channel-api.js';
import type { RefreshCacheStore } from '../live/refresh-cache-store.js';
import { loadDesired } from '../desired/load-desired.js';
import { readPlanSchema, readPlanText } from '../io/plan-file.js';
import { parsePlanText } from '../plan/saved-plan.js';
import type { Plan } from '../plan/plan-types.js';
import { renderPlan } from '../render/index.js';
import { hasChanges, NO_CHANGES_LINE, summaryLine, visibleChanges } from '../render/format.js';
import { renderApplySummary, renderInterrupted, renderOutcomeLine, renderReplaceWarning } from '../render/render-apply.js';
import { renderUnreviewedMarkdown, renderUnreviewedText, UNREVIEWED_HEAD } from '../render/render-unreviewed.js';
import { createApplyProgress } from './apply-progress.js';
import { channelApiFromOptions } from './channel-api-from-options.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { globalOptionsOf, type GlobalOptions } from './global-options.js';
import type { PlanShapingValues } from '../plan/plan-options.js';
import { addPlanShapingOptions, planShapingOf, refuseConflicts } from './plan-shaping-options.js';
import { planFromFiles, type Reread } from './plan-from-files.js';
import { addCacheOption, openCommandCache, writeCache, type CacheOptions } from './refresh-cache-options.js';
import { fullReadNeeded } from '../apply/full-read-needed.js';

/**
 * Apply's refresh modes, named here (not REFRESH_MODES): plan may gain modes apply must not take. `cached` is safe
 * for apply because every write that depends on tags re-reads them before it writes (SPEC.md, README "Apply").
 */
const APPLY_REFRESH_MODES = ['cached', 'full'] as const;
type ApplyRefreshMode = (typeof APPLY_REFRESH_MODES)[number];

interface ApplyOptions extends GlobalOptions, CacheOptions {
  planFile?: string;
  /** `--reviewed PLANFILE`, repeatable: plans someone reviewed; the fresh plan must hold nothing else. */
  reviewed?: string[];
  autoApprove: boolean;
  /** The plan-shaping options given (src/plan/plan-options.ts); a saved plan must have been made with the same. */
  shaping: PlanShapingValues;
  format: 'text' | 'json';
  /** `cached` (default): the plan reuses the refresh cache as pcc plan does; `full`: it reads every tag and detail. */
  refresh: ApplyRefreshMode;
}

export const registerApply: RegisterCommand = (program, ctx) => {
  const command = program
    .command('apply')
    .description('apply a saved plan (pcc plan --out FILE, given the flags it was made with) without asking again, or plan and apply')
    .argument('[planfile]', 'a plan saved by pcc plan --out')
    .option('--auto-approve', 'plan and apply without asking for confirmation (a saved plan is applied without asking)', false)
    .option(
      '--reviewed <planfile>',
      'plan fresh, and apply nothing unless every change is in this reviewed plan (repeatable: in one of them)',
      (path: string, previous: string[] | undefined) => [...(previous ?? []), path],
    )
    .addOption(new Option('--format <format>', 'output of the results').choices(['text', 'json']).default('text'))
    .addOption(
      new Option(
        '--refresh <mode>',
        'cached: list everything, reuse unchanged cached tags and details (not for what a saved or reviewed plan changes, nor for what is replaced), and re-read the tags planned from the cache just before writing; full: read every tag and detail first',
      )
        .choices(APPLY_REFRESH_MODES)
        .default('cached'),
    );
  // The same options as pcc plan: used when planning here, and a saved plan must have been made with exactly these.
  addPlanShapingOptions(command);
  addCacheOption(command).action(
    async (planFile: string | undefined, options: Omit<ApplyOptions, keyof GlobalOptions | 'planFile' | 'shaping'> & Record<string, unknown>, command) => {
      const shaping = planShapingOf(options);
      ctx.setExitCode(await runApply(ctx, { ...globalOptionsOf(command), ...options, shaping, ...(planFile ? { planFile } : {}) }));
    },
  );
};

const NO_TTY_MESSAGE =
  'refusing to apply without --auto-approve: stdin is not a terminal, so nobody can confirm.\n' +
  'Review the plan (pcc plan), then run pcc apply --auto-approve, or save it with pcc plan --out FILE and run pcc apply FILE (a saved plan is applied without asking).';

/** A refusal to apply, through the reporter: a line on stderr (and, in GitHub Actions, an annotation so the run shows why). */
function refuse(ctx: CommandContext, message: string): void {
  ctx.reporter.stopped('pcc apply', { code: 'apply-refused', severity: 'error', message });
}

async function runApply(ctx: CommandContext, options: ApplyOptions): Promise<number> {
  const color = ctx.sink.errColor;
  if (options.planFile !== undefined && options.reviewed !== undefined) {
    refuse(ctx, 'give a saved plan to apply or --reviewed PLANFILE, not both');
    return 1;
  }
  if (refuseConflicts(ctx, 'pcc apply', options.shaping)) return 1;
  const saved = options.planFile === undefined ? undefined : await loadSavedPlan(ctx, options.planFile, options);
  if (saved === 'refused') return 1;
  const reviewed = options.reviewed === undefined ? undefined : await loadReviewedPlans(ctx, options.reviewed);
  if (reviewed === 'refused') return 1;
  // A saved plan is the reviewed step (as terraform's `apply PLANFILE`): it is applied without asking again.
  const ask = !options.autoApprove && !saved;
  // Before any API call: without a person to ask and without --auto-approve, nothing is read or written.
  if (ask && !ctx.stdin.isTTY) {
    refuse(ctx, NO_TTY_MESSAGE);
    return 1;
  }

  const api = await channelApiFromOptions(options, ctx);
  try {
    // Always a fresh plan from the files under --dir and the live state: a saved or reviewed plan only
    // narrows what of it may be applied, never adds to it.
    const planned = await planFromFiles(ctx, {
      ...options,
      // A saved plan was checked to have been made with exactly these (check-saved-plan.ts).
      ...options.shaping,
      api,
      // `cached` plans from the refresh cache as pcc plan does; no write rests on cached tags: each change re-reads
      // the tags of what it writes before its first write and fails as stale if they differ (apply-update.ts).
      refresh: options.refresh,
      // What a seen plan changes is read now even by the first read: its writes rest on what a full refresh reads.
      ...seenReads(saved ?? reviewed),
      rereadNeeded: (plan) => rereadNeeded(plan, options, saved ?? reviewed, saved ? 'saved' : 'reviewed'),
    });
    if (!planned.plan) return planned.exitCode;
    let plan = planned.plan;
    const tagsReadNow = planned.tagsReadNow ?? new Set<string>();
    let cache: RefreshCacheStore | undefined = planned.cache;
    const refusals = planRefusals(plan);
    if (refusals.length > 0) {
      ctx.sink.err(renderPlan(plan, 'text', { color }));
      for (const refusal of refusals) refuse(ctx, `refusing to apply: ${refusal.message}`);
      return 1;
    }
    let refused: ApplyOutcome[] = [];
    if (reviewed) {
      const { agreed, unseen } = comparePlans(reviewed, plan);
      if (unseen.length > 0) {
        ctx.sink.err(renderUnreviewedText(unseen));
        refuse(ctx, `${UNREVIEWED_HEAD}: ${unseen.length} (listed above); nothing was changed`);
        await ctx.reporter.refusedUnreviewed(renderUnreviewedMarkdown(unseen));
        return 1;
      }
      plan = withSeenRevisions(reviewed, restrictPlan(plan, agreed));
    } else if (saved) {
      const comparison = comparePlans(saved, plan);
      plan = withSeenRevisions(saved, restrictPlan(plan, comparison.agreed));
      refused = outcomesNotApplied(comparison.notCalledFor);
      if (comparison.unseen.length > 0) {
        ctx.sink.err(
          `pcc apply: ${comparison.unseen.length} change(s) the files and live state now call for are not in the saved plan and are not applied: plan again to see them\n`,
        );
      }
    }
    if (!hasChanges(plan.summary) && refused.length === 0) {
      // What waits or warns is still shown (relationships waiting for their PMA, one held under an INACTIVE PMA), then the
      // no-changes line the rendered plan ends with.
      ctx.sink.err(visibleChanges(plan).length > 0 ? renderPlan(plan, 'text', { color }) : `${NO_CHANGES_LINE}\n`);
      await ctx.reporter.applied(plan, emptyResult());
      return 0;
    }
    // Planned here, or about to be confirmed: show it. A plan someone saw, applied without asking, was reviewed already.
    if (!(saved ?? reviewed) || ask) ctx.sink.err(renderPlan(plan, 'text', { color }));
    else ctx.sink.err(`${summaryLine(plan.summary)}\n`);
    ctx.sink.err(
      renderReplaceWarning(
        plan.changes.filter((c) => c.action === 'replace' && !c.blocked),
        { color },
      ),
    );
    if (ask && !(await confirmApply({ input: ctx.stdin, write: (text) => ctx.sink.err(text) }))) {
      ctx.sink.err('Apply cancelled: nothing was changed.\n');
      return 1;
    }
    for (const outcome of refused) ctx.sink.err(renderOutcomeLine(outcome, { color }));
    const done: ApplyOutcome[] = [];
    let applied: ApplyResult & { interrupted: boolean };
    // Before the first write too: a second Ctrl+C or a kill ends pcc before the `finally` below, and the cache
    // must not keep tags pcc may have written by then (tag writes move no revision).
    cache ??= await openCommandCache(ctx, options);
    if (cache && hasChanges(plan.summary)) await writeCache(ctx, cache, (store) => store.invalidate(touchedRelationships(plan, []), Date.now()));
    try {
      applied = hasChanges(plan.summary) ? await runChanges(ctx, plan, api, options.parallelism, done, tagsReadNow) : { ...emptyResult(), interrupted: false };
    } finally {
      // The cache must not outlive pcc's own writes: void what this apply wrote to (new ids too), whatever happened,
      // and again for what a plan running meanwhile may have read before a write landed.
      const touched = touchedRelationships(plan, done);
      if (cache) await writeCache(ctx, cache, (store) => store.invalidate(touched, Date.now()));
    }
    const outcomes = [...applied.outcomes, ...refused];
    const result: ApplyResult = { outcomes, summary: summarizeOutcomes(outcomes), ...(applied.interrupted ? { interrupted: true } : {}) };
    ctx.sink.err(renderApplySummary(result, { color }));
    if (applied.interrupted) ctx.sink.err(renderInterrupted(result, NOT_STARTED));
    await ctx.reporter.applied(plan, result);
    return applied.interrupted ? INTERRUPTED_EXIT_CODE : result.summary.failed > 0 || (result.summary.unknown ?? 0) > 0 ? 1 : 0;
  } finally {
    api.destroy();
  }
}

/**
 * What the first read of a plan with a saved or reviewed plan reads now, whatever the refresh cache holds: the
 * relationships the seen plan changes (blocked changes too). Those it replaces or deletes are read in full (tags
 * and details), the others' tags. So every write apply makes for a seen plan, and every replace that could block
 * it, rests on what a full refresh reads now: a tag edited by hand since the review makes the fresh change differ
 * from the seen one (refused, or unreviewed), and the pre-write tag read (apply-update.ts verifyTags) is not needed.
 * A seen create names no id: what is at its address now shows as a disagreement, read again by rereadNeeded.
 */
function seenReads(seen: Plan | undefined): { uncached?: ReadonlySet<string>; tagsUncached?: ReadonlySet<string> } {
  if (!seen) return {};
  const changed = seen.changes.filter((change) => change.action !== 'no-op' && change.id !== undefined);
  const whole = (change: Plan['changes'][number]) => change.action === 'replace' || change.action === 'delete';
  const ids = (changes: typeof changed) => new Set(changes.flatMap((change) => (change.id ? [change.id] : [])));
  return { uncached: ids(changed.filter(whole)), tagsUncached: ids(changed.filter((change) => !whole(change))) };
}

/**
 * What a plan made from the refresh cache must read again before apply may use it. What a change's own pre-write
 * reads cannot check, the delete guard's count of managed relationships, is read in full (fullReadNeeded). A plan
 * of its own (no seen plan) reads again, without the cache, what it replaces (blocked or not): whether a replace is
 * blocked (`pcc:managed`) refuses the whole plan, and a replace may rest on a cached detail (resaleAccountModel)
 * that its delete's pre-write read does not compare. (A delete decides on `pcc:managed` alone, which it re-reads
 * before writing: apply-delete.ts.) And a saved or reviewed plan is compared change by change with what the
 * relationships it differs on hold now: their cached tags may be older than the plan someone saw (made from another
 * cache, or by a full refresh), so they are read again rather than a change refused, or skipped as done, on the
 * cache's word.
 */
function rereadNeeded(plan: Plan, options: ApplyOptions, seen: Plan | undefined, what: 'saved' | 'reviewed'): Reread | undefined {
  const guard = fullReadNeeded(plan, options.shaping);
  if (guard !== undefined) return { why: guard };
  if (!seen) {
    const ids = new Set(plan.changes.flatMap((change) => (change.action === 'replace' && change.id ? [change.id] : [])));
    if (ids.size === 0) return undefined;
    return { why: `the plan replaces ${ids.size} relationship(s)`, only: ids };
  }
  const ids = disagreeingIds(seen, plan);
  if (ids.size === 0) return undefined;
  return { why: `the ${what} plan and the plan from the refresh cache differ on ${ids.size} relationship(s)`, only: ids };
}

/** Saved changes the fresh plan lacks: already done (skipped), or refused (failed, never sent). */
function outcomesNotApplied(notCalledFor: ReturnType<typeof comparePlans>['notCalledFor']): ApplyOutcome[] {
  return notCalledFor.map(({ change, reason }) => {
    const action = change.action === 'no-op' ? 'update' : change.action;
    const base = { kind: change.kind, address: change.address, action, ...(change.id ? { id: change.id } : {}), ...(change.source ? { source: change.source } : {}) };
    return reason.startsWith(ALREADY_DONE)
      ? { ...base, status: 'skipped' as const, note: reason }
      : { ...base, status: 'failed' as const, error: `refused, not sent: ${reason}` };
  });
}

/**
 * The reviewed plans as one: a change may be applied when any of them has it (the pull requests merged since the
 * last apply, each reviewed on its own). The last one's changes come first, so a change two plans share carries the
 * revision the newest review saw.
 */
async function loadReviewedPlans(ctx: CommandContext, paths: readonly string[]): Promise<Plan | 'refused'> {
  const plans: Plan[] = [];
  for (const path of paths) {
    const absolute = resolve(ctx.cwd, path);
    const text = await readPlanText(absolute);
    const read = 'error' in text ? text : parsePlanText(text.text, readPlanSchema(), `plan file ${absolute}`);
    if ('error' in read) {
      refuse(ctx, `refusing to apply: the reviewed plan ${JSON.stringify(clean(path))} cannot be used: ${clean(read.error)}`);
      return 'refused';
    }
    plans.push(seenChanges(read.plan));
  }
  const [last] = plans.slice(-1);
  if (!last) return 'refused';
  return { ...last, changes: plans.toReversed().flatMap((plan) => plan.changes) };
}

/** The saved plan, read here and checked by the pure checkSavedPlan against the files under --dir. */
async function loadSavedPlan(ctx: CommandContext, path: string, options: ApplyOptions): Promise<Plan | 'refused'> {
  const absolute = resolve(ctx.cwd, path);
  const read = await readPlanText(absolute);
  const checked =
    'error' in read
      ? { problem: { code: 'saved-plan-unreadable', severity: 'error' as const, message: read.error } }
      : checkSavedPlan({ text: read.text, name: `plan file ${absolute}` }, await loadDesired({ dir: options.dir, cwd: ctx.cwd }), options.dir, options.shaping);
  if ('problem' in checked) {
    if (checked.diagnostics) ctx.reporter.problems(checked.diagnostics);
    refuse(ctx, `refusing to apply ${JSON.stringify(clean(path))}: ${clean(checked.problem.message)}`);
    return 'refused';
  }
  // Checked: from here only its changes are compared with the fresh plan (the rest is let go while that is made).
  return seenChanges(checked.plan);
}

/** 128 + SIGINT, as shells report a process stopped by Ctrl+C. */
const INTERRUPTED_EXIT_CODE = 130;

/**
 * Runs the changes with their progress on stderr; `outcomes` collects each outcome as it comes, so a crash still
 * leaves what was done. Ctrl+C (or SIGTERM) stops new changes from starting and lets those in flight finish, so
 * the summary can say exactly what was done and what was not (`interrupted`).
 */
async function runChanges(
  ctx: CommandContext,
  plan: Plan,
  api: ChannelApi,
  parallelism: number,
  outcomes: ApplyOutcome[],
  tagsReadNow: ReadonlySet<string>,
): Promise<ApplyResult & { interrupted: boolean }> {
  let progress = createApplyProgress(ctx.sink, 0);
  const interrupt = new AbortController();
  const release = ctx.onInterrupt((signal) => {
    progress.line(`Interrupted (${signal}): no new change starts; waiting for those in flight. Press Ctrl+C again to stop at once.\n`);
    interrupt.abort();
    return 'continue';
  });
  try {
    const result = await applyPlan(plan, {
      api,
      parallelism,
      tagsReadNow,
      signal: interrupt.signal,
      onStart: (total) => (progress = createApplyProgress(ctx.sink, total)),
      onOutcome: (outcome, done) => {
        outcomes.push(outcome);
        if (outcome.note !== NOT_STARTED) progress.line(renderOutcomeLine(outcome, { color: ctx.sink.errColor }));
        progress.tick(done);
      },
    });
    return { ...result, interrupted: interrupt.signal.aborted };
  } finally {
    release();
    progress.stop();
  }
}

function emptyResult(): ApplyResult {
  return { outcomes: [], summary: { created: 0, updated: 0, adopted: 0, replaced: 0, deleted: 0, failed: 0, skipped: 0 } };
}
