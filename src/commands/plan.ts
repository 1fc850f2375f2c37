import { resolve } from 'node:path';
import { Option } from 'commander';
import { sanitizeForTerminal } from '../io/sanitize.js';
import { shellWord } from '../io/shell-word.js';
import { writePlanText } from '../io/plan-file.js';
import { serializePlan } from '../plan/saved-plan.js';
import { typedOptions } from '../plan/plan-options.js';
import { planHasChanges } from '../plan/summarize-plan.js';
import { PLAN_FORMATS, type PlanFormat } from '../render/index.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { DEFAULT_DIR, globalOptionsOf } from './global-options.js';
import { addPlanShapingOptions, planShapingOf, refuseConflicts } from './plan-shaping-options.js';
import { planFromFiles } from './plan-from-files.js';
import { positiveInteger } from './option-parsers.js';
import { addCacheOption, DEFAULT_VERIFY_EVERY, PLAN_REFRESH_MODES, type CacheOptions, type PlanRefreshMode } from './refresh-cache-options.js';

/** The plan-shaping options (src/commands/plan-shaping-options.ts) come beside these, read by planShapingOf. */
interface PlanFlags extends CacheOptions {
  refresh: PlanRefreshMode;
  /** `--verify-every N`: only with `--refresh rolling` (default then DEFAULT_VERIFY_EVERY). */
  verifyEvery?: number;
  out?: string;
  format: PlanFormat;
  detailedExitcode?: boolean;
}

/**
 * `pcc plan`: the rendered plan on stdout and nothing else there. Exit 1 on any error (invalid files, a failed
 * read, plan errors, blocked replacements); with --detailed-exitcode, 2 when there are changes, else 0.
 */
async function runPlan(ctx: CommandContext, flags: PlanFlags, globals: ReturnType<typeof globalOptionsOf>): Promise<number> {
  const shaping = planShapingOf(flags as unknown as Record<string, unknown>);
  if (refuseConflicts(ctx, 'pcc plan', shaping)) return 1;
  if (flags.verifyEvery !== undefined && flags.refresh !== 'rolling') {
    const message = `--verify-every is only for --refresh rolling (this plan's refresh is ${flags.refresh}): add --refresh rolling or leave --verify-every out (nothing was read or changed)`;
    ctx.reporter.stopped('pcc plan', { code: 'plan-options-conflict', severity: 'error', message });
    return 1;
  }
  const { plan, exitCode } = await planFromFiles(ctx, {
    ...globals,
    ...shaping,
    refresh: flags.refresh,
    ...(flags.refresh === 'rolling' ? { verifyEvery: flags.verifyEvery ?? DEFAULT_VERIFY_EVERY } : {}),
    ...(flags.cache !== undefined ? { cache: flags.cache } : {}),
  });
  if (!plan) return exitCode;
  // The reporter renders it in the --format it was picked for (cli.ts).
  ctx.reporter.plan(plan);
  let savedTo: string | undefined;
  let saveFailed = false;
  if (flags.out !== undefined) {
    const shown = JSON.stringify(sanitizeForTerminal(flags.out));
    if (exitCode !== 0) {
      // apply must never get a plan it would have to second-guess.
      ctx.sink.err(`pcc: plan not saved to ${shown}: it has errors or blocked replacements\n`);
    } else {
      try {
        await writePlanText(resolve(ctx.cwd, flags.out), serializePlan(plan));
        savedTo = flags.out;
        // A saved plan is applied only with the flags it was made with, to the files it was made from: say which.
        const dirWords = globals.dir === DEFAULT_DIR ? [] : ['--dir', globals.dir];
        const words = ['pcc', ...dirWords, 'apply', flags.out, ...typedOptions(plan.options).flatMap((option) => option.split(' '))];
        const command = words.map(shellWord).join(' ');
        ctx.sink.err(`Saved the plan to ${shown}: apply it with \`${sanitizeForTerminal(command)}\` (it does not ask again)\n`);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        ctx.sink.err(`pcc: cannot write the plan to ${shown} (${sanitizeForTerminal(code)})\n`);
        saveFailed = true;
      }
    }
  }
  await ctx.reporter.planned(plan, savedTo);
  if (saveFailed) return 1;
  if (exitCode !== 0) return exitCode;
  return flags.detailedExitcode && planHasChanges(plan.changes) ? 2 : 0;
}

export const registerPlan: RegisterCommand = (program, ctx) => {
  const command = program
    .command('plan')
    .description('read the live state and show what apply would change')
    .option('--out <file>', 'save the plan (JSON) for `pcc apply FILE`')
    .addOption(new Option('--format <format>', 'output format').choices(PLAN_FORMATS).default('text'))
    .option(
      '--detailed-exitcode',
      'exit 0 when there are no changes (what only waits, e.g. relationships waiting for their program management account to be accepted, is none), 2 when there are, 1 on errors',
    )
    .addOption(
      new Option(
        '--refresh <mode>',
        'full: read every tag and detail (and refresh the cache); cached: reuse unchanged ones; rolling: as cached, and also read again the tags read longest ago (see --verify-every)',
      )
        .choices(PLAN_REFRESH_MODES)
        .default('cached'),
    )
    .option(
      '--verify-every <runs>',
      `with --refresh rolling: read again the oldest 1/N of the reused tags each run, so every relationship's tags are read at least every N runs (default ${DEFAULT_VERIFY_EVERY})`,
      positiveInteger,
    );
  addPlanShapingOptions(command);
  addCacheOption(command).action(async (flags: PlanFlags, command) => {
    ctx.setExitCode(await runPlan(ctx, flags, globalOptionsOf(command)));
  });
};
