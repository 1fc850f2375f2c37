import { type Command, InvalidArgumentError, Option } from 'commander';
import { optionConflicts, PLAN_SHAPING_OPTIONS, recordedOptions, type PlanShapingOption, type PlanShapingValues } from '../plan/plan-options.js';
import type { CommandContext } from './context.js';
import { wholeNumber } from './option-parsers.js';

/** `CATALOG/PMA/ACCOUNT`, as the plan writes an address: three parts, none empty. */
function relationshipAddress(value: string): string {
  if (!/^[^/\s]+\/[^/\s]+\/[^/\s]+$/.test(value)) {
    throw new InvalidArgumentError('expected a relationship address CATALOG/PMA/ACCOUNT as the plan shows it, e.g. AWS/pma-u8ic702rtzng8/111122223333');
  }
  return value;
}

function toOption(option: PlanShapingOption): Option {
  if (option.arity === 'switch') return new Option(option.flag, option.description);
  const made = new Option(`${option.flag} <${option.valueName ?? 'value'}>`, option.description);
  if (option.arity === 'value') return made.argParser(wholeNumber(0));
  return made.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), relationshipAddress(value)]);
}

/** Adds every plan-shaping option (src/plan/plan-options.ts) to `command`: plan and apply take the same. */
export function addPlanShapingOptions(command: Command): Command {
  for (const option of PLAN_SHAPING_OPTIONS) command.addOption(toOption(option));
  return command;
}

/**
 * The plan-shaping options out of a command's parsed options (commander names them after the flag: `--target`
 * is `target`), in the form a plan records them (`targets`).
 */
export function planShapingOf(parsed: Readonly<Record<string, unknown>>): PlanShapingValues {
  return recordedOptions(Object.fromEntries(PLAN_SHAPING_OPTIONS.map((option) => [option.key, parsed[toOption(option).attributeName()]])));
}

/** Refuses (true) a combination of plan-shaping options that cannot be planned (`--prune` with `--target`), before anything is read. */
export function refuseConflicts(ctx: CommandContext, prefix: string, options: PlanShapingValues): boolean {
  const conflicts = optionConflicts(options);
  for (const message of conflicts)
    ctx.reporter.stopped(prefix, { code: 'plan-options-conflict', severity: 'error', message: `${message} (nothing was read or changed)` });
  return conflicts.length > 0;
}
