/**
 * Saved plans (`pcc plan --out FILE`, read by `pcc apply FILE` and `pcc show FILE`): the same JSON `--format json`
 * prints, with everything apply needs (revisions seen, desired fields, live tags, desiredHash). PURE: the command
 * reads and writes the file and reads the plan schema (src/io/plan-file.ts) and passes the values in.
 *
 * A parsed value is checked against `schema/plan.schema.json` (the documented shape), so apply never acts on a file
 * that only looks like a plan. Unknown extra keys are allowed: the format may grow within a version.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { PLAN_FORMAT_VERSION, type Plan } from './plan-types.js';

/** One compiled validator per schema value: the command reads the schema once per process. */
const validators = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validator = validators.get(schema);
  // verbose: errors carry the schema they failed, so a message can say what was expected.
  if (!validator) validators.set(schema, (validator = new Ajv2020({ strict: true, verbose: true }).compile(schema)));
  return validator;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** ajv's `/changes/0/fields/1/name` as `changes[0].fields[1].name`. */
function pathOf(instancePath: string, extra?: string): string {
  const segments = [...instancePath.split('/').slice(1), ...(extra === undefined ? [] : [extra])].map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}

/** What a schema asks for, in words: `a string`, `true or false`, `one of create, update`, … */
function expected(schema: Record<string, unknown> | undefined): string {
  if (!schema) return 'a value';
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(', ')}`;
  if (schema.$ref === '#/$defs/count' || schema.type === 'integer') return 'a whole number';
  if (typeof schema.$ref === 'string') return schema.$ref === '#/$defs/stringMap' ? 'an object' : `an object (${schema.$ref.slice(8)})`;
  const words: Record<string, string> = { string: 'a string', boolean: 'true or false', array: 'a list', object: 'an object' };
  return typeof schema.type === 'string' ? (words[schema.type] ?? `a ${schema.type}`) : 'a value';
}

/** The value at an ajv instance path. */
function valueAt(root: unknown, instancePath: string): unknown {
  return instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>((value, key) => (isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined), root);
}

/** One ajv error as `<path>: expected <what>, got <what>`. */
function describeError(error: ErrorObject, root: unknown): string {
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty);
    const properties = parent?.properties as Record<string, Record<string, unknown>> | undefined;
    return `${pathOf(error.instancePath, missing)}: expected ${expected(properties?.[missing])}, got nothing`;
  }
  const value = valueAt(root, error.instancePath);
  const got = ['enum', 'const', 'minimum'].includes(error.keyword) ? (JSON.stringify(value) ?? 'nothing') : describe(value);
  const what =
    error.keyword === 'minimum' ? 'a whole number' : error.keyword === 'type' || error.keyword === 'enum' ? expected(parent) : (error.message ?? 'another value');
  return `${pathOf(error.instancePath) || '(top)'}: expected ${what}, got ${got}`;
}

/** What is wrong with `value` as a plan by `schema` (the parsed plan schema), or undefined when it is one (formatVersion included). */
export function checkPlanShape(value: unknown, schema: object): string | undefined {
  if (!isObject(value)) return `expected a JSON object, got ${describe(value)}`;
  if (value.formatVersion !== PLAN_FORMAT_VERSION) {
    return `formatVersion ${JSON.stringify(value.formatVersion) ?? '(missing)'} is not one this pcc reads (it reads ${PLAN_FORMAT_VERSION}): plan again with this version`;
  }
  const validator = validatorFor(schema);
  if (validator(value)) return undefined;
  const [first] = validator.errors ?? [];
  return first ? describeError(first, value) : 'does not match schema/plan.schema.json';
}

/** The saved form of a plan: pretty JSON with a final newline, stable for diffs and reviews. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** Parses a saved plan's text and checks it by `schema` (the parsed plan schema). The error says why it is not a plan this pcc can apply. */
export function parsePlanText(text: string, schema: object, name = 'plan file'): { plan: Plan } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { error: `${name} is not valid JSON (${detail}): it may be truncated or edited; plan again with --out` };
  }
  const problem = checkPlanShape(value, schema);
  if (problem) return { error: `${name} is not a pcc plan: ${problem}` };
  return { plan: value as Plan };
}
