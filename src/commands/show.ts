import { resolve } from 'node:path';
import { Option } from 'commander';
import { readPlanSchema, readPlanText } from '../io/plan-file.js';
import { parsePlanText } from '../plan/saved-plan.js';
import { sanitizeForTerminal } from '../io/sanitize.js';
import { PLAN_FORMATS, type PlanFormat } from '../render/index.js';
import type { CommandContext, RegisterCommand } from './context.js';

/**
 * `pcc show PLANFILE`: a saved plan in any format, on stdout. Offline: no credentials, no API call. A file that is
 * not a plan this pcc reads is refused with the codes apply uses (docs/codes.md), exit 1.
 */
async function runShow(ctx: CommandContext, path: string): Promise<number> {
  const absolute = resolve(ctx.cwd, path);
  const read = await readPlanText(absolute);
  const parsed = 'error' in read ? read : parsePlanText(read.text, readPlanSchema(), `plan file ${absolute}`);
  if ('error' in parsed) {
    ctx.reporter.stopped('pcc show', {
      code: 'error' in read ? 'saved-plan-unreadable' : 'saved-plan-not-a-plan',
      severity: 'error',
      message: `cannot show ${JSON.stringify(sanitizeForTerminal(path))}: ${sanitizeForTerminal(parsed.error)}`,
    });
    return 1;
  }
  // The reporter renders it in the --format it was picked for (cli.ts).
  ctx.reporter.plan(parsed.plan);
  return 0;
}

export const registerShow: RegisterCommand = (program, ctx) => {
  program
    .command('show')
    .description('print a saved plan (pcc plan --out FILE); offline')
    .argument('<planfile>', 'a plan saved by pcc plan --out')
    .addOption(new Option('--format <format>', 'output format').choices(PLAN_FORMATS).default('text' satisfies PlanFormat))

    .action(async (planFile: string) => {
      ctx.setExitCode(await runShow(ctx, planFile));
    });
};
