/**
 * The options that shape a plan: ONE list. `pcc plan` and `pcc apply` both take each of them (commands/
 * plan-shaping-options.ts makes the command-line options from it), buildPlan records them in `plan.options`, and
 * a saved plan is applied only when apply is given exactly the same (apply/check-saved-plan.ts compares them):
 * a plan file is only text, so whatever widens what may be sent must be asked for by whoever runs apply.
 * A new option that changes what a plan holds goes here, and nowhere else needs to know
 * (test/meta/plan-shaping-options.test.ts fails on a `pcc plan` option that is neither here nor named as not
 * shaping the plan). PURE.
 */
import type { KindShapingValues } from '../kinds/registry.js';

/** How an option is given: a switch (`--prune`), one value (`--max-deletes N`), or a repeatable value (`--target A`). */
type ShapingArity = 'switch' | 'value' | 'list';

export interface PlanShapingOption {
  /** Its key in `plan.options` (and in the commands' parsed options). */
  key: keyof PlanShapingValues;
  /** As typed on the command line. */
  flag: string;
  arity: ShapingArity;
  /** The value's name in `--help` (not for switches). */
  valueName?: string;
  /** For `--help`. */
  description: string;
}

/**
 * The values of the plan-shaping options, as `plan.options` records them (absent: not given): each kind's
 * (src/kinds/registry.ts) and the engine's own.
 */
export interface PlanShapingValues extends KindShapingValues {
  /** `--target ADDRESS`, sorted, no repeats: the plan is partial, about these relationships only. */
  targets?: string[];
}

/**
 * The plan-shaping options (PLAN_SHAPING_OPTIONS), recorded in `plan.options`, and what planning needs besides.
 */
export interface PlanOptions extends PlanShapingValues {
  /** The directory planned from, as given: recorded in the plan. */
  dir: string;
  /** The clock (ms since the epoch) new service-period requests are checked against; absent: not checked. */
  now?: number;
}

export const PLAN_SHAPING_OPTIONS: readonly PlanShapingOption[] = [
  { key: 'prune', flag: '--prune', arity: 'switch', description: 'delete managed relationships that no file declares' },
  { key: 'allowReplace', flag: '--allow-replace', arity: 'switch', description: 'allow delete + create for fields that cannot change in place' },
  {
    key: 'maxDeletes',
    flag: '--max-deletes',
    arity: 'value',
    valueName: 'n',
    description: "allow up to N deletions this run (default: at most 10, and at most half of a PMA's managed relationships when it has more than 4)",
  },
  {
    key: 'resend',
    flag: '--resend',
    arity: 'switch',
    description:
      'request again a service period whose last request the customer rejected or let expire, and send again a program management account handshake its account rejected or let expire',
  },
  { key: 'revoke', flag: '--revoke', arity: 'switch', description: 'revoke (REVOKE_SERVICE_PERIOD) an accepted service period that no entry declares any more' },
  {
    key: 'replaceServicePeriods',
    flag: '--replace-service-periods',
    arity: 'switch',
    description: 'revoke an accepted service period whose terms differ from the file and request the declared terms',
  },
  {
    key: 'targets',
    flag: '--target',
    arity: 'list',
    valueName: 'address',
    description: 'plan only this relationship (CATALOG/PMA/ACCOUNT) and its service period; repeatable; the plan says it is partial',
  },
  {
    key: 'replace',
    flag: '--replace',
    arity: 'list',
    valueName: 'address',
    description: 'replace (delete + create) this managed relationship, and allow its replacement alone; repeatable',
  },
  {
    key: 'acknowledgeServicePeriods',
    flag: '--acknowledge-service-period',
    arity: 'list',
    valueName: 'address',
    description: 'allow deleting or replacing the relationship at ADDRESS although a service period is agreed on it (repeatable)',
  },
];

/** The switches recorded as `false` when not given (the plan JSON has always had them); the rest are left out. */
const ALWAYS_RECORDED: ReadonlySet<keyof PlanShapingValues> = new Set(['prune', 'allowReplace']);

/** A list option's value as recorded: sorted, without repeats; absent when empty. */
function recordedList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = [...new Set(value.filter((item): item is string => typeof item === 'string'))].sort();
  return list.length > 0 ? list : undefined;
}

/**
 * The plan-shaping options as a plan records them, from any object holding them by key (a command's parsed
 * options, or a plan's `options`): one normal form, so two sets compare by value.
 */
export function recordedOptions(given: Readonly<Partial<Record<keyof PlanShapingValues, unknown>>>): PlanShapingValues {
  const recorded: Record<string, unknown> = {};
  for (const { key, arity } of PLAN_SHAPING_OPTIONS) {
    const value = given[key];
    if (arity === 'switch') {
      if (value === true) recorded[key] = true;
      else if (ALWAYS_RECORDED.has(key)) recorded[key] = false;
    } else if (arity === 'value') {
      if (typeof value === 'number') recorded[key] = value;
    } else {
      const list = recordedList(value);
      if (list) recorded[key] = list;
    }
  }
  return recorded as unknown as PlanShapingValues;
}

/** An option's value as the command line gives it: `--prune`, `--max-deletes 25`, `--target A --target B`. */
function asTyped(option: PlanShapingOption, value: unknown): string {
  if (option.arity === 'switch') return option.flag;
  if (option.arity === 'value') return `${option.flag} ${String(value)}`;
  return (value as string[]).map((item) => `${option.flag} ${item}`).join(' ');
}

/** The options as a command line gives them (`--revoke --target A`): what apply must be given to apply the plan. */
export function typedOptions(options: PlanShapingValues): string[] {
  const recorded = recordedOptions(options) as unknown as Record<string, unknown>;
  return PLAN_SHAPING_OPTIONS.filter((option) => recorded[option.key] !== undefined && recorded[option.key] !== false).map((option) =>
    asTyped(option, recorded[option.key]),
  );
}

/**
 * Each way `given` (what apply was given) differs from `planned` (what the saved plan was made with), as a
 * sentence; empty when they agree.
 */
export function optionDifferences(planned: PlanShapingValues, given: PlanShapingValues): string[] {
  const [p, g] = [recordedOptions(planned), recordedOptions(given)] as unknown as Record<string, unknown>[];
  const differences: string[] = [];
  // An option this pcc does not know (a newer pcc's, or an edit) shaped the plan in a way it cannot give: refused.
  const known = new Set<string>(PLAN_SHAPING_OPTIONS.map((option) => option.key));
  for (const name of Object.keys(planned).filter((key) => !known.has(key))) {
    differences.push(`it was made with ${JSON.stringify(name)}, an option this pcc does not know; plan again with this pcc`);
  }
  for (const option of PLAN_SHAPING_OPTIONS) {
    const [before, now] = [p![option.key], g![option.key]];
    if (JSON.stringify(before) === JSON.stringify(now) || (before === false && now === undefined)) continue;
    const had = before === undefined || before === false ? undefined : asTyped(option, before);
    const got = now === undefined || now === false ? undefined : asTyped(option, now);
    if (had && !got) differences.push(`it was made with ${had}; pass ${had} to apply it too`);
    else if (!had && got) differences.push(`it was made without ${option.flag}, and apply was given ${got}; apply it without, or plan again with it`);
    else differences.push(`it was made with ${had}, and apply was given ${got}; give the same, or plan again`);
  }
  return differences;
}

/**
 * What is wrong with this combination of plan-shaping options, before anything is read; empty when nothing.
 * `--prune` deletes what no file declares, which only the whole set may decide: never in a partial plan.
 */
export function optionConflicts(options: PlanShapingValues): string[] {
  const problems: string[] = [];
  const targets = options.targets ?? [];
  if (options.prune && targets.length > 0) {
    problems.push('--prune cannot be combined with --target: pruning decides over the whole set of files, a targeted plan sees only part of it');
  }
  for (const address of options.replace ?? []) {
    if (targets.length > 0 && !targets.includes(address)) problems.push(`--replace ${address} is outside the --target list: add --target ${address}`);
  }
  return problems;
}
