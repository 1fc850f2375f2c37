/**
 * Checks a request body against its model shape (shapes.ts). A member of the wrong JSON type is a
 * SerializationException, as AWS's deserialiser answers before any validation runs; constraint failures are
 * collected, all of them, into one ValidationException with a `fieldList`.
 */
import { serializationError, validationError, type ServiceError, type ValidationField } from './errors.js';
import type { Member, Shape } from './shapes.js';

type Json = unknown;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function expectType(path: string, value: Json, expected: 'string' | 'number' | 'array' | 'object'): void {
  if (typeName(value) !== expected) {
    throw serializationError(`${path || 'request body'}: expected ${expected}, got ${typeName(value)}`);
  }
}

function checkString(path: string, value: string, shape: Extract<Shape, { type: 'string' }>, out: ValidationField[]): void {
  // Smithy lengths count Unicode code points, not UTF-16 units.
  const length = [...value].length;
  if (shape.min !== undefined && length < shape.min) {
    out.push({ name: path, code: 'INVALID_STRING_FORMAT', message: `${path} must be at least ${shape.min} character${shape.min === 1 ? '' : 's'} long` });
  } else if (shape.max !== undefined && length > shape.max) {
    out.push({ name: path, code: 'INVALID_STRING_FORMAT', message: `${path} must be at most ${shape.max} characters long` });
  } else if (shape.pattern && !shape.pattern.test(value)) {
    out.push({ name: path, code: 'INVALID_STRING_FORMAT', message: `${path} must match the pattern ${shape.pattern.source}` });
  }
}

function checkValue(path: string, value: Json, shape: Shape, out: ValidationField[]): void {
  switch (shape.type) {
    case 'string':
      expectType(path, value, 'string');
      return checkString(path, value as string, shape, out);
    case 'enum':
      expectType(path, value, 'string');
      if (!shape.values.includes(value as string)) {
        out.push({ name: path, code: 'INVALID_ENUM_VALUE', message: `${path} must be one of ${shape.values.join(', ')}` });
      }
      return;
    case 'integer':
      expectType(path, value, 'number');
      if (!Number.isInteger(value)) throw serializationError(`${path}: expected an integer`);
      if ((shape.min !== undefined && (value as number) < shape.min) || (shape.max !== undefined && (value as number) > shape.max)) {
        out.push({ name: path, code: 'VALUE_OUT_OF_RANGE', message: `${path} must be between ${shape.min} and ${shape.max}` });
      }
      return;
    case 'timestamp':
      // The SDK sends date-time members as RFC 3339 strings; a number would be epoch seconds.
      if (typeof value === 'number') return;
      expectType(path, value, 'string');
      if (!RFC3339.test(value as string) || Number.isNaN(Date.parse(value as string))) {
        out.push({ name: path, code: 'INVALID_STRING_FORMAT', message: `${path} must be an RFC 3339 date-time` });
      }
      return;
    case 'list':
      expectType(path, value, 'array');
      (value as Json[]).forEach((item, i) => {
        if (item === null) throw serializationError(`${path}[${i}]: null is not allowed in a list`);
        checkValue(`${path}[${i}]`, item, shape.member, out);
      });
      return;
    case 'structure':
      expectType(path, value, 'object');
      return checkMembers(path, value as Record<string, Json>, shape.members, out);
    case 'union':
      expectType(path, value, 'object');
      return checkUnion(path, value as Record<string, Json>, shape.members, out);
  }
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function checkMembers(path: string, value: Record<string, Json>, members: Record<string, Member>, out: ValidationField[]): void {
  for (const [name, member] of Object.entries(members)) {
    const memberPath = join(path, name);
    const memberValue = value[name];
    if (memberValue === undefined || memberValue === null) {
      if (member.required) out.push({ name: memberPath, code: 'REQUIRED_FIELD_MISSING', message: `${memberPath} is required` });
      continue;
    }
    checkValue(memberPath, memberValue, member.shape, out);
  }
  // Unknown members are ignored, as AWS JSON services do; unions are the exception (see checkUnion).
}

function checkUnion(path: string, value: Record<string, Json>, members: Record<string, Shape>, out: ValidationField[]): void {
  const set = Object.keys(value).filter((key) => value[key] !== null && value[key] !== undefined);
  // Own members only: a key named `constructor` or `__proto__` is no member of the union.
  const known = set.filter((key) => Object.hasOwn(members, key));
  const unknown = set.filter((key) => !Object.hasOwn(members, key));
  const choices = Object.keys(members).join(', ');
  if (unknown.length > 0) {
    const name = join(path, unknown[0] ?? '');
    out.push({ name, code: 'INVALID_VALUE', message: `${name} is not a member of ${path} (the API has no such member, or no longer has it); use one of ${choices}` });
  } else if (known.length !== 1) {
    out.push({ name: path, code: known.length === 0 ? 'REQUIRED_FIELD_MISSING' : 'TOO_MANY_VALUES', message: `${path} must set exactly one of ${choices}` });
  }
  for (const key of known) checkValue(join(path, key), value[key], members[key] as Shape, out);
}

/** Throws the ServiceError the real service would answer with, or returns when the input is valid. */
export function validateInput(body: Json, shape: Shape): void {
  const fields: ValidationField[] = [];
  checkValue('', body, shape, fields);
  if (fields.length > 0) throw requestValidationFailed(fields);
}

export function requestValidationFailed(fields: ValidationField[]): ServiceError {
  const first = fields[0]?.message ?? 'invalid request';
  const count = fields.length === 1 ? '1 validation error' : `${fields.length} validation errors`;
  return validationError(`${count} detected: ${first}${fields.length > 1 ? ' (see fieldList)' : ''}`, fields);
}
