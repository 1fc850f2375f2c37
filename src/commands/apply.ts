import { Option } from 'commander';
import { applyPlan } from '../apply/apply-plan.js';
import { checkSavedPlan } from '../apply/check-saved-plan.js';
import { confirmApply } from '../apply/confirm.js';
import type { ApplyOutcome, ApplyResult } from '../apply/outcome.js';
import { refusalsOf } from '../apply/refusals.js';
import { touchedRelationships } from '../apply/touched-relationships.js';
import { formatAnnotations } from '../io/github-annotations.js';
import { sanitizeForTerminal as clean } from '../io/sanitize.js';
import type { ChannelApi } from '../live/channel-api.js';
import type { RefreshCacheStore } from '../live/refresh-cache-store.js';
import type { Plan } from '../plan/plan-types.js';
import { renderPlan } from '../render/index.js';
import { hasChanges, NO_CHANGES_LINE, summaryLine } from '../render/format.js';
import {
  renderApplyAnnotations,
  renderApplyJson,
  renderApplySummary,
  renderOutcomeLine,
  renderReplaceWarning,
} from '../render/render-apply.js';
import { createApplyProgress } from './apply-progress.js';
import { channelApiFromOptions } from './channel-api-from-options.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { reportApplyToGithub } from './github-report.js';
import { globalOptionsOf, type GlobalOptions } from './global-options.js';
import { planFromFiles } from './plan-from-files.js';
import { reportDiagnostics } from './plan-report.js';
import { addCacheOption, openCommandCache, writeCache, type CacheOptions } from './refresh-cache-options.js';

interface ApplyOptions extends GlobalOptions, CacheOptions {
  planFile?: string;
  autoApprove: boolean;
  /** Undefined when not given: with a saved plan only an explicit flag is worth a remark. */
  prune?: boolean;
  allowReplace?: boolean;
  format: 'text' | 'json';
}

export const registerApply: RegisterCommand = (program, ctx) => {
  const command = program
    .command('apply')
    .description('apply a saved plan (pcc plan --out FILE), or plan and apply')
    .argument('[planfile]', 'a plan saved by pcc plan --out')
    .option('--auto-approve', 'apply without asking for confirmation', false)
    .option('--prune', 'also delete managed relationships no file declares (when planning here)')
    .option('--allow-replace', 'allow delete + create for fields that cannot change in place (when planning here)')
    .addOption(new Option('--format <format>', 'output of the results').choices(['text', 'json']).default('text'));
  addCacheOption(command)
    .action(async (planFile: string | undefined, options: Omit<ApplyOptions, keyof GlobalOptions | 'planFile'>, command) => {
      ctx.setExitCode(await runApply(ctx, { ...globalOptionsOf(command), ...options, ...(planFile ? { planFile } : {}) }));
    });
};

const NO_TTY_MESSAGE =
  'refusing to apply without --auto-approve: stdin is not a terminal, so nobody can confirm.\n' +
  'Review the plan (pcc plan), then run pcc apply --auto-approve, or save it with pcc plan --out FILE and run pcc apply --auto-approve FILE.';

/** A refusal to apply, on stderr and, in GitHub Actions, as an `::error` annotation so the run shows why. */
function refuse(ctx: CommandContext, message: string): void {
  ctx.sink.err(`pcc apply: ${message}\n`);
  if (ctx.sink.github) ctx.sink.err(formatAnnotations([{ code: 'apply-refused', severity: 'error', message }]));
}

async function runApply(ctx: CommandContext, options: ApplyOptions): Promise<number> {
  const color = ctx.sink.errColor;
  const saved = options.planFile === undefined ? undefined : await loadSavedPlan(ctx, options.planFile, options);
  if (saved === 'refused') return 1;
  // Before any API call: without a person to ask and without --auto-approve, nothing is read or written.
  if (!options.autoApprove && !ctx.stdin.isTTY) {
    refuse(ctx, NO_TTY_MESSAGE);
    return 1;
  }

  const api = await channelApiFromOptions(options, ctx.env);
  try {
    let plan = saved;
    let cache: RefreshCacheStore | undefined;
    if (!plan) {
      const prune = options.prune ?? false;
      const allowReplace = options.allowReplace ?? false;
      // Apply never writes on the strength of cached data: planning here reads everything.
      const planned = await planFromFiles(ctx, { ...options, prune, allowReplace, api, refresh: 'full' });
      if (!planned.plan) return planned.exitCode;
      plan = planned.plan;
      cache = planned.cache;
    }
    const refusals = refusalsOf(plan);
    if (refusals.length > 0) {
      if (saved) ctx.sink.err(renderPlan(plan, 'text', { color }));
      for (const refusal of refusals) refuse(ctx, `refusing to apply: ${refusal}`);
      return 1;
    }
    if (!hasChanges(plan.summary)) {
      ctx.sink.err(`${NO_CHANGES_LINE}\n`);
      if (options.format === 'json') ctx.sink.out(renderApplyJson(emptyResult()));
      await reportApplyToGithub(ctx, plan, emptyResult());
      return 0;
    }
    // Planned here, or about to be confirmed: show it. A saved plan applied unattended was reviewed already.
    if (!saved || !options.autoApprove) ctx.sink.err(renderPlan(plan, 'text', { color }));
    else ctx.sink.err(`${summaryLine(plan.summary)}\n`);
    ctx.sink.err(renderReplaceWarning(plan.changes.filter((c) => c.action === 'replace' && !c.blocked), { color }));
    if (!options.autoApprove && !(await confirmApply({ input: ctx.stdin, write: (text) => ctx.sink.err(text) }))) {
      ctx.sink.err('Apply cancelled: nothing was changed.\n');
      return 1;
    }
    const outcomes: ApplyOutcome[] = [];
    let result: ApplyResult;
    try {
      result = await runChanges(ctx, plan, api, options.parallelism, outcomes);
    } finally {
      // The cache must not outlive pcc's own writes: void what this apply wrote to, whatever happened.
      cache ??= await openCommandCache(ctx, options);
      const touched = touchedRelationships(plan, outcomes);
      if (cache) await writeCache(ctx, cache, (store) => store.invalidate(touched, Date.now()));
    }
    ctx.sink.err(renderApplySummary(result, { color }));
    if (ctx.sink.github) ctx.sink.err(renderApplyAnnotations(result));
    await reportApplyToGithub(ctx, plan, result);
    if (options.format === 'json') ctx.sink.out(renderApplyJson(result));
    return result.summary.failed > 0 ? 1 : 0;
  } finally {
    api.destroy();
  }
}

async function loadSavedPlan(ctx: CommandContext, path: string, options: ApplyOptions): Promise<Plan | 'refused'> {
  const checked = await checkSavedPlan(path, ctx.cwd);
  if ('error' in checked) {
    if (checked.diagnostics) reportDiagnostics(ctx, checked.diagnostics);
    refuse(ctx, `refusing to apply ${JSON.stringify(clean(path))}: ${clean(checked.error)}`);
    return 'refused';
  }
  const { plan } = checked;
  for (const [flag, given, planned] of [
    ['--prune', options.prune, plan.options.prune],
    ['--allow-replace', options.allowReplace, plan.options.allowReplace],
  ] as const) {
    if (given !== undefined && given !== planned) {
      ctx.sink.err(
        `pcc apply: ${flag} is ignored: the saved plan was made ${planned ? 'with' : 'without'} it, and a saved plan is applied exactly as planned\n`,
      );
    }
  }
  return plan;
}

/** Applies the plan; `outcomes` collects each outcome as it comes, so a crash still leaves what was done. */
async function runChanges(ctx: CommandContext, plan: Plan, api: ChannelApi, parallelism: number, outcomes: ApplyOutcome[]): Promise<ApplyResult> {
  let progress = createApplyProgress(ctx.sink, 0);
  try {
    return await applyPlan(plan, {
      api,
      parallelism,
      onStart: (total) => (progress = createApplyProgress(ctx.sink, total)),
      onOutcome: (outcome, done) => {
        outcomes.push(outcome);
        progress.line(renderOutcomeLine(outcome, { color: ctx.sink.errColor }));
        progress.tick(done);
      },
    });
  } finally {
    progress.stop();
  }
}

function emptyResult(): ApplyResult {
  return { outcomes: [], summary: { created: 0, updated: 0, adopted: 0, replaced: 0, deleted: 0, failed: 0, skipped: 0 } };
}
