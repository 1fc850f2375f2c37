import { ACTIONS } from './actions.js';
import { PLAN_FORMAT_VERSION, type Plan } from './plan-types.js';

/**
 * Checks that a parsed JSON value has the shape of a Plan, so apply never acts on a file that only looks like one.
 * Returns the first problem as `<path>: <what was expected>`, or undefined when the shape holds. Only the keys
 * apply and the renderers rely on are checked; unknown extra keys are allowed (the format may grow).
 */

type Check = (value: unknown, path: string) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const string: Check = (value, path) => (typeof value === 'string' ? undefined : `${path}: expected a string, got ${describe(value)}`);
const boolean: Check = (value, path) => (typeof value === 'boolean' ? undefined : `${path}: expected true or false, got ${describe(value)}`);
const count: Check = (value, path) =>
  Number.isInteger(value) && (value as number) >= 0 ? undefined : `${path}: expected a whole number, got ${describe(value)}`;
const optional = (check: Check): Check => (value, path) => (value === undefined ? undefined : check(value, path));
const stringRecord: Check = (value, path) => {
  if (!isObject(value)) return `${path}: expected an object, got ${describe(value)}`;
  const bad = Object.entries(value).find(([, v]) => typeof v !== 'string');
  return bad ? `${path}.${bad[0]}: expected a string, got ${describe(bad[1])}` : undefined;
};

function object(members: Record<string, Check>): Check {
  return (value, path) => {
    if (!isObject(value)) return `${path}: expected an object, got ${describe(value)}`;
    for (const [key, check] of Object.entries(members)) {
      const problem = check(value[key], path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  };
}

function list(member: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path}: expected a list, got ${describe(value)}`;
    for (const [index, item] of value.entries()) {
      const problem = member(item, `${path}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

const action: Check = (value, path) =>
  typeof value === 'string' && (ACTIONS as readonly string[]).includes(value)
    ? undefined
    : `${path}: expected one of ${ACTIONS.join(', ')}, got ${JSON.stringify(value) ?? 'nothing'}`;

const fieldChange = object({ name: string, beforeUnknown: optional(boolean), forcesReplace: optional(boolean) });

const desiredSpec = object({
  catalog: string,
  programManagementAccountIdentifier: string,
  associatedAccountId: string,
  associationType: string,
  displayName: string,
  sector: string,
  resaleAccountModel: optional(string),
  tags: stringRecord,
});

const plannedChange = object({
  address: string,
  action,
  id: optional(string),
  arn: optional(string),
  revision: optional(string),
  source: optional(object({ file: string, line: count })),
  fields: list(fieldChange),
  desired: optional(desiredSpec),
  liveTags: optional(stringRecord),
  blocked: optional(boolean),
  reason: optional(string),
  warnings: optional(list(string)),
});

const summary = object(
  Object.fromEntries(['create', 'update', 'adopt', 'replace', 'delete', 'noOp', 'unmanaged', 'blocked'].map((k) => [k, count])),
);

const planShape = object({
  desiredHash: string,
  dir: string,
  options: object({ prune: boolean, allowReplace: boolean }),
  changes: list(plannedChange),
  unmanaged: list(object({ address: string, id: string })),
  pruneCandidates: optional(list(object({ address: string, id: string }))),
  errors: list(object({ code: string, message: string })),
  summary,
});

/** What is wrong with `value` as a plan, or undefined when it is one (formatVersion included). */
export function checkPlanShape(value: unknown): string | undefined {
  if (!isObject(value)) return `expected a JSON object, got ${describe(value)}`;
  if (value.formatVersion !== PLAN_FORMAT_VERSION) {
    return `formatVersion ${JSON.stringify(value.formatVersion) ?? '(missing)'} is not one this pcc reads (it reads ${PLAN_FORMAT_VERSION}): plan again with this version`;
  }
  return planShape(value, '');
}

/** Type guard over checkPlanShape. */
export function isPlan(value: unknown): value is Plan {
  return checkPlanShape(value) === undefined;
}
