/**
 * Issue 19, fault 2, as a kind: a plan-shaping flag that apply does not compare lets a saved plan turn it on by
 * itself. Every option of `pcc plan` is either in the one list (src/plan/plan-options.ts), so that plan and apply
 * both take it, the plan records it and apply compares it, or named below as not shaping what the plan holds.
 * A new `pcc plan` option fails here until it is put in one or the other.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { registerApply } from '../../src/commands/apply.js';
import { registerPlan } from '../../src/commands/plan.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { optionDifferences, PLAN_SHAPING_OPTIONS, recordedOptions, type PlanShapingValues } from '../../src/plan/plan-options.js';
import { addressFor, desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

/** `pcc plan` options that change how a plan is read, shown or saved, never what it holds. */
const NOT_PLAN_SHAPING: Record<string, string> = {
  '--out': 'where the plan is saved',
  '--format': 'how the plan is shown',
  '--detailed-exitcode': 'the exit code only',
  '--refresh': 'how live state is read (a plan from the cache equals a full refresh; apply re-reads the tags of what it writes, so a saved plan need not match its mode)',
  '--cache': 'where the refresh cache is kept',
  '--verify-every': 'how many cached tags a rolling refresh reads again (how live state is read, as --refresh)',
};

function optionsOf(register: (program: Command, ctx: CommandContext) => void, name: string): string[] {
  const program = new Command('pcc');
  register(program, {} as CommandContext);
  const command = program.commands.find((c) => c.name() === name)!;
  return command.options.map((option) => option.long!);
}

/** A value for every option in the list, as a command line would give it. */
function everyOption(address: string): PlanShapingValues {
  const values = PLAN_SHAPING_OPTIONS.map(({ key, arity }) => [key, arity === 'switch' ? true : arity === 'value' ? 7 : [address]]);
  return Object.fromEntries(values) as PlanShapingValues;
}

describe('the plan-shaping options: one list', () => {
  const shaping = PLAN_SHAPING_OPTIONS.map((option) => option.flag);

  it('every option of pcc plan is in the list or named as not shaping the plan', () => {
    const plan = optionsOf(registerPlan, 'plan');
    expect(plan.filter((flag) => !shaping.includes(flag) && !(flag in NOT_PLAN_SHAPING))).toEqual([]);
    // And the names above are real options, not stale ones.
    expect(Object.keys(NOT_PLAN_SHAPING).filter((flag) => !plan.includes(flag))).toEqual([]);
  });

  it('pcc plan and pcc apply both take every one', () => {
    expect(shaping.filter((flag) => !optionsOf(registerPlan, 'plan').includes(flag))).toEqual([]);
    expect(shaping.filter((flag) => !optionsOf(registerApply, 'apply').includes(flag))).toEqual([]);
  });

  it('the plan records every one, and a difference in any one is found', () => {
    const address = addressFor('111122223333');
    const desired = desiredState([desiredEntry('111122223333')]);
    const live = { relationships: [liveEntry('111122223333', 'rs-1', { tags: { ...MANAGED } })] };
    const given = { ...everyOption(address), prune: false };
    const plan = buildPlan(desired, live, { ...given, dir: 'relationships' });
    expect(plan.options).toEqual(recordedOptions(given));
    for (const { key } of PLAN_SHAPING_OPTIONS) {
      expect(key in plan.options || key === 'prune', key).toBe(true);
      const without = { ...plan.options, [key]: undefined } as unknown as PlanShapingValues;
      expect(optionDifferences(plan.options, without), key).toHaveLength(key === 'prune' ? 0 : 1);
      expect(optionDifferences(without, plan.options), key).toHaveLength(key === 'prune' ? 0 : 1);
    }
    expect(optionDifferences({ prune: true, allowReplace: false }, { prune: false, allowReplace: false })).toHaveLength(1);
  });
});
