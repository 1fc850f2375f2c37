/**
 * The closed set of plan actions, their symbols, and the one place that ranks them.
 * (Terraform's internal/plans/action.go plays this part there.)
 */
export const ACTIONS = ['create', 'update', 'adopt', 'replace', 'delete', 'release', 'no-op'] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_SYMBOLS: Readonly<Record<Action, string>> = {
  create: '+',
  update: '~',
  // As terraform shows an import: no symbol of its own (`~` when the adopt also updates fields, src/kinds/relationship/words.ts).
  adopt: ' ',
  replace: '-/+',
  delete: '-',
  // The opposite of adopt: the relationship leaves pcc's hands and stays.
  release: '=>',
  'no-op': ' ',
};

/** Every action but no-op changes live state. */
export function isChange(action: Action): boolean {
  return action !== 'no-op';
}

/** Plan order at one address: a delete is listed after the other changes there (SPEC.md "The plan": deletes last). */
export const PLAN_ORDER: Readonly<Record<Action, number>> = {
  adopt: 0,
  update: 0,
  create: 0,
  replace: 0,
  release: 0,
  'no-op': 0,
  delete: 1,
};

/** What a change of each shared action did, in the past tense: the words of an outcome, and its ApplySummary counter. */
export const ACTION_PAST_TENSE = {
  create: 'created',
  update: 'updated',
  adopt: 'adopted',
  replace: 'replaced',
  delete: 'deleted',
  release: 'released',
} as const satisfies Readonly<Record<Exclude<Action, 'no-op'>, string>>;
