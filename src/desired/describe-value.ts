/**
 * Small wording helpers for problem messages: how to name a field, quote a value, or point out the one
 * character that makes a value invalid. Messages are for a partner's operations person, not for a parser.
 */
import type { AnySchemaObject } from 'ajv/dist/2020.js';
import { escapeHiddenCharacters } from '../model/hidden-characters.js';

/** A value as it appears in a message: strings quoted (control characters visible as escapes), long ones cut. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  // A character nobody sees for what it is (a zero-width space, a bidi override) is named by its escape.
  return escapeHiddenCharacters(JSON.stringify(text.length > 64 ? `${text.slice(0, 61)}...` : text), 'json');
}

/** What type of YAML value this is, in words. */
export function yamlTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return `${String(value)} (a yes/no value)`;
  return 'text';
}

/** How a field is named in a message: `displayName`, `tag "team"`, `entry 3 of relationships`. */
export function describeField(segments: readonly string[]): string {
  const last = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  if (last === undefined) return 'the document';
  if (parent === 'tags') return `tag ${quote(last)}`;
  if (parent === 'relationships' && /^\d+$/.test(last)) return `entry ${Number(last) + 1} of relationships`;
  // Never a bare list index ("0 … is not valid"): the item, counted from 1, and its list.
  if (parent !== undefined && /^\d+$/.test(last)) return `item ${Number(last) + 1} of ${parent}`;
  return last;
}

const CONTROL_NAMES: Record<string, string> = { '\t': 'a tab', '\n': 'a line break', '\r': 'a carriage return' };

/** The first control character in `text`, described (`a tab`, `U+0007`). */
export function describeControlCharacter(text: string): string {
  const found = /[\u0000-\u001f\u007f]/.exec(text)?.[0];
  if (found === undefined) return 'a control character';
  return CONTROL_NAMES[found] ?? `the control character U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const TAG_CHARACTER = /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u;

/** The first character tags cannot hold (the API allows letters, digits, spaces and `_ . : / = + - @`). */
export function firstBadTagCharacter(text: string): string | undefined {
  return [...text].find((character) => !TAG_CHARACTER.test(character));
}

/** Length as the API counts it (code points, like ajv's minLength/maxLength). */
export function characterCount(text: string): number {
  return [...text].length;
}

/** Follows a local `$ref` (`#/$defs/X`) in the schema, so a hint can use the target's enum or examples. */
function resolveLocalRef(root: AnySchemaObject, schema: unknown): AnySchemaObject | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const ref = (schema as AnySchemaObject).$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return schema as AnySchemaObject;
  const defs = root.$defs as Record<string, AnySchemaObject> | undefined;
  return defs?.[ref.slice('#/$defs/'.length)];
}

/** A hint showing how to write a field that is missing: `add sector: one of COMMERCIAL, …`. */
export function exampleLine(root: AnySchemaObject, field: string, propertySchema: unknown): string {
  const target = resolveLocalRef(root, propertySchema);
  const values = Array.isArray(target?.enum) ? (target.enum as unknown[]) : undefined;
  if (values) return `add ${field}: one of ${values.join(', ')}`;
  const example = Array.isArray(target?.examples) ? (target.examples as unknown[])[0] : undefined;
  if (typeof example === 'string') return `add ${field}: ${/^\d+$/.test(example) ? JSON.stringify(example) : example}`;
  if (target?.type === 'object') return `add ${field}: with its fields indented below it`;
  return `add ${field}`;
}
