/**
 * ajv's errors → problems a partner's operations person understands: which field, what is wrong in plain
 * words, and how to fix it. Also decides where each problem points: the value, the key (unknown fields,
 * bad tag keys), or the mapping that lacks a field.
 */
import type { AnySchemaObject, ErrorObject } from 'ajv/dist/2020.js';
import { characterCount, describeControlCharacter, describeField, exampleLine, firstBadTagCharacter, yamlTypeOf, quote } from './describe-value.js';
import { fieldsWhere } from '../model/relationship-fields.js';
import { pointerSegments } from './locate-node.js';
import { suggestClosest } from './suggest.js';

export interface SchemaProblem {
  code: string;
  message: string;
  hint?: string;
  /** Path of the field the problem is about (for a missing field: where it should be). */
  segments: string[];
  /** Point at the value, at the key (unknown field, bad tag key), or at the mapping lacking a field. */
  at: 'value' | 'key' | 'container';
}

/** Fields every entry must carry that a document cannot default (from the field table). */
const ENTRY_ONLY_REQUIRED = fieldsWhere((row) => row.requiredIn.includes('create') && row.normalise !== 'documentDefault');
/** Reads the file for what ajv cannot know: the text of a scalar as written (`012` before YAML made it 12). */
export interface SourceFacts {
  scalarSource(segments: readonly string[]): string | undefined;
  /** The schema (for hints about missing fields). */
  schema: AnySchemaObject;
}

const SUPPORT_PLANS = ['resoldEnterprise', 'partnerLedSupport', 'resoldUnifiedOperations'];

/** What a value of each definition is, for "… is not <what>" messages. */
const WHAT_IT_IS: Record<string, string> = {
  AccountId: 'a 12-digit AWS account id',
  Catalog: 'a catalog name (letters only, e.g. AWS or Sandbox)',
  ProgramManagementAccountIdentifier: 'a program management account id (pma-…) or ARN',
  ProgramManagementAccountName: 'a program management account name (lower-case letters, digits and single hyphens, not a pma-… id)',
  RelationshipId: 'a relationship id (rs-…)',
};

function definitionOf(error: ErrorObject): string | undefined {
  return /^#\/\$defs\/([^/]+)\//.exec(error.schemaPath)?.[1];
}

export function describeSchemaErrors(errors: readonly ErrorObject[], facts: SourceFacts): SchemaProblem[] {
  // A wrong type explains everything else ajv says about the same value (e.g. enum after type).
  const typeErrors = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    if (error.keyword !== 'type' && error.propertyName === undefined && typeErrors.has(error.instancePath)) continue;
    const problem = describeOne(error, facts);
    if (!problem) continue;
    const key = `${problem.segments.join('\u0000')}\u0001${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function describeOne(error: ErrorObject, facts: SourceFacts): SchemaProblem | undefined {
  const segments = pointerSegments(error.instancePath);
  switch (error.keyword) {
    case 'type':
      return describeType(error, segments, facts);
    case 'enum':
      return describeEnum(error, segments);
    case 'pattern':
    case 'minLength':
    case 'maxLength':
      return error.propertyName === undefined ? describeString(error, segments) : describeTagKey(error, segments);
    case 'required':
      return describeRequired(error, segments, facts);
    case 'additionalProperties':
      return describeUnknown(error, segments);
    case 'minProperties':
    case 'maxProperties':
      return segments[segments.length - 1] === 'tags' ? describeTagCount(error, segments) : describePlanCount(error, segments);
    case 'not':
    case 'false schema': // a member the sibling `type` rules out, e.g. servicePeriod.endDate with MINIMUM_NOTICE_PERIOD
      return describeRemoved(segments);
    case 'if':
      return undefined; // the failed `then` says what is wrong
    case 'propertyNames':
      return undefined; // the inner error (pattern/length of the key) says what is wrong
    default:
      return { code: `schema-${error.keyword}`, message: `${describeField(segments)} ${error.message ?? 'is not valid'}`, segments, at: 'value' };
  }
}

function describeType(error: ErrorObject, segments: string[], facts: SourceFacts): SchemaProblem {
  const expected = String(error.params.type);
  const field = describeField(segments);
  const key = segments[segments.length - 1] ?? '';
  const data: unknown = error.data;
  if (expected === 'string' && (typeof data === 'number' || typeof data === 'boolean')) {
    const written = facts.scalarSource(segments) ?? String(data);
    const hint = `quote it: ${key}: "${written}"`;
    if (definitionOf(error) === 'AccountId') {
      const lostZero = /^[-+]?0\d/.test(written) ? `, which drops the leading zero (${String(data)})` : '';
      return { code: 'schema-unquoted-number', message: `${field} is not in quotes, so YAML read ${written} as a number${lostZero}`, hint, segments, at: 'value' };
    }
    return { code: 'schema-unquoted-number', message: `${field} must be text, but YAML read ${written} as ${yamlTypeOf(data)}`, hint, segments, at: 'value' };
  }
  if (data === null || data === undefined) {
    const hint =
      segments[segments.length - 2] === 'tags'
        ? `write ${key}: "" for an empty value, or remove the line`
        : expected === 'array'
          ? `list the entries below it, each starting with "- ", or write ${key}: [] for none`
          : 'write a value after the colon, or remove the line';
    return { code: 'schema-type', message: `${field} has no value`, hint, segments, at: 'value' };
  }
  const wanted =
    expected === 'string'
      ? 'text'
      : expected === 'object'
        ? 'a mapping (indented key: value lines)'
        : expected === 'array'
          ? 'a list (lines starting with "- ")'
          : expected;
  const parent = segments[segments.length - 2];
  const hint =
    key === 'relationships' && segments.length === 1
      ? 'list the entries below relationships:, each starting with "- "'
      : parent === 'relationships' && segments.length === 2
        ? 'write each entry as "- " followed by its fields, e.g. "- associatedAccountId: \\"111122223333\\""'
        : undefined;
  return { code: 'schema-type', message: `${field} must be ${wanted}, not ${yamlTypeOf(data)}`, ...(hint ? { hint } : {}), segments, at: 'value' };
}

function describeTagCount(error: ErrorObject, segments: string[]): SchemaProblem {
  const count = typeof error.data === 'object' && error.data !== null ? Object.keys(error.data).length : 'too many';
  return {
    code: 'schema-too-many-tags',
    message: `${describeField(segments)} has ${count} tags; at most ${String(error.params.limit)} are allowed (${segments[0] === 'programManagementAccounts' ? 'AWS allows 50 on a program management account and pcc uses 2: pcc:managed, pcc:apply-run' : 'AWS allows 50 on a relationship and pcc uses 3: pcc:managed, pcc:support-plan, pcc:apply-run'})`,
    hint: 'remove some tags',
    segments,
    at: 'key',
  };
}

function describeEnum(error: ErrorObject, segments: string[]): SchemaProblem {
  const allowed = (error.params.allowedValues as unknown[]).map(String);
  const suggestion = typeof error.data === 'string' ? suggestClosest(error.data, allowed) : undefined;
  return {
    code: 'schema-enum',
    message: `${describeField(segments)} ${quote(error.data)} is not one of ${allowed.join(', ')}`,
    ...(suggestion ? { hint: `did you mean ${suggestion}?` } : {}),
    segments,
    at: 'value',
  };
}

function describeString(error: ErrorObject, segments: string[]): SchemaProblem {
  const code = error.keyword === 'pattern' ? 'schema-pattern' : 'schema-length';
  const field = describeField(segments);
  const text = String(error.data);
  const definition = definitionOf(error);
  const limit = Number(error.params.limit);
  const errorMessage = typeof error.parentSchema?.errorMessage === 'string' ? error.parentSchema.errorMessage : undefined;
  const problem = (message: string, hint?: string): SchemaProblem => ({ code, message, ...(hint ? { hint } : {}), segments, at: 'value' });
  switch (definition) {
    case 'DisplayName':
      if (error.keyword === 'minLength') return problem(`${field} is empty`, 'give the relationship a name of 1-30 characters');
      if (error.keyword === 'maxLength')
        return problem(`${field} ${quote(text)} is ${characterCount(text)} characters; the limit is ${limit}`, `shorten it to ${limit} characters or fewer`);
      return problem(`${field} contains ${describeControlCharacter(text)}`, 'remove it: a display name is one line of plain text');
    case 'TagValue': {
      if (error.keyword === 'maxLength')
        return problem(`${field} has a value of ${characterCount(text)} characters; the limit is ${limit}`, `shorten it to ${limit} characters or fewer`);
      const bad = firstBadTagCharacter(text);
      return problem(`${field} has a value with ${bad ? quote(bad) : 'a character'}, which tags cannot hold`, errorMessage);
    }
    default:
      return problem(`${field} ${quote(text)} is not ${definition ? (WHAT_IT_IS[definition] ?? 'valid') : 'valid'}`, errorMessage);
  }
}

function describeTagKey(error: ErrorObject, segments: string[]): SchemaProblem {
  const name = String(error.propertyName);
  const keySegments = [...segments, name];
  const errorMessage = typeof error.parentSchema?.errorMessage === 'string' ? error.parentSchema.errorMessage : undefined;
  const problem = (code: string, message: string): SchemaProblem => ({
    code,
    message,
    ...(errorMessage ? { hint: errorMessage } : {}),
    segments: keySegments,
    at: 'key',
  });
  if (error.keyword === 'minLength') return problem('schema-length', 'a tag key is empty');
  if (error.keyword === 'maxLength')
    return problem('schema-length', `tag key ${quote(name)} is ${characterCount(name)} characters; the limit is ${String(error.params.limit)}`);
  const bad = firstBadTagCharacter(name);
  return problem('schema-pattern', `tag key ${quote(name)} contains ${bad ? quote(bad) : 'a character'}, which tags cannot hold`);
}

function describeRequired(error: ErrorObject, segments: string[], facts: SourceFacts): SchemaProblem {
  const missing = String(error.params.missingProperty);
  const properties = (error.parentSchema?.properties ?? {}) as Record<string, unknown>;
  const hint = exampleLine(facts.schema, missing, properties[missing]);
  const entry = segments[0] === 'programManagementAccounts' ? 'this program management account' : 'this relationship';
  const owner = segments.length === 0 ? 'this document' : /^\d+$/.test(segments[segments.length - 1] ?? '') ? entry : describeField(segments);
  return { code: 'schema-required', message: `${owner} has no ${missing}`, hint, segments: [...segments, missing], at: 'container' };
}

function describeUnknown(error: ErrorObject, segments: string[]): SchemaProblem {
  const name = String(error.params.additionalProperty);
  const properties = (error.parentSchema?.properties ?? {}) as Record<string, { deprecated?: boolean }>;
  const known = Object.keys(properties).filter((key) => !properties[key]?.deprecated);
  const suggestion = suggestClosest(name, known);
  const inPlan = known.includes('resoldEnterprise');
  let hint: string;
  if (suggestion) hint = `did you mean ${suggestion}?`;
  else if (segments.length === 0 && (ENTRY_ONLY_REQUIRED as string[]).includes(name)) hint = `${name} belongs to each entry under relationships:`;
  else if (SUPPORT_PLANS.includes(name) && !inPlan) hint = `support plans go under requestedSupportPlan:`;
  else hint = `${inPlan ? 'the support plans are' : 'the fields here are'} ${known.join(', ')}`;
  const message = inPlan ? `unknown support plan ${quote(name)}` : `unknown field ${quote(name)}`;
  return { code: 'schema-unknown-field', message, hint, segments: [...segments, name], at: 'key' };
}

function describePlanCount(error: ErrorObject, segments: string[]): SchemaProblem {
  const field = describeField(segments);
  const names = Object.keys((error.data ?? {}) as object);
  if (error.keyword === 'minProperties') {
    return {
      code: 'schema-support-plan',
      message: `${field} names no support plan`,
      hint: `put exactly one of ${SUPPORT_PLANS.join(', ')} under it, or remove it`,
      segments,
      at: 'value',
    };
  }
  return {
    code: 'schema-support-plan',
    message: `${field} names ${names.length} support plans (${names.join(', ')}); the API takes exactly one`,
    hint: 'keep one of them',
    segments,
    at: 'value',
  };
}

function describeRemoved(segments: string[]): SchemaProblem {
  const name = segments[segments.length - 1] ?? '';
  if (name !== 'resoldBusiness') return { code: 'schema-not', message: `${describeField(segments)} is not allowed here`, segments, at: 'key' };
  return {
    code: 'removed-support-plan',
    message: 'resoldBusiness was removed from the Partner Central Channel API on 2026-03-03',
    hint: 'use resoldUnifiedOperations instead: it takes coverage and tamLocation (both required) and an optional chargeAccountId',
    segments,
    at: 'key',
  };
}
