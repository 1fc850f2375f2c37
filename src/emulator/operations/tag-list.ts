/**
 * Tags on the wire are `{key, value}` lists; stored as maps. What the model cannot say but AWS tagging
 * enforces everywhere: unique keys in one request, the `aws:` prefix reserved, at most 50 tags a resource
 * (`aws:` ones not counted).
 */
import type { ValidationField } from '../errors.js';
import { requestValidationFailed } from '../validate-input.js';

const MAX_TAGS_PER_RESOURCE = 50;

export interface WireTag {
  key: string;
  value: string;
}

/** Merges `tags` over `existing`; throws ValidationException when the result breaks the rules above. */
export function mergeTags(tags: WireTag[], existing: Record<string, string> = {}, member = 'tags'): Record<string, string> {
  const fields: ValidationField[] = [];
  const seen = new Set<string>();
  tags.forEach((tag, i) => {
    if (seen.has(tag.key)) fields.push({ name: `${member}[${i}].key`, code: 'INVALID_VALUE', message: `tag key ${tag.key} appears more than once` });
    if (isAwsKey(tag.key)) fields.push(awsKeyField(`${member}[${i}].key`));
    seen.add(tag.key);
  });
  // Object.fromEntries defines own properties: `merged[key] = value` would drop a `__proto__` key silently.
  const merged: Record<string, string> = Object.fromEntries([...Object.entries(existing), ...tags.map((tag) => [tag.key, tag.value])]);
  // AWS's own `aws:` tags do not count against the limit (AWS tagging rules).
  if (Object.keys(merged).filter((key) => !isAwsKey(key)).length > MAX_TAGS_PER_RESOURCE) {
    fields.push({ name: member, code: 'TOO_MANY_VALUES', message: `a resource can have at most ${MAX_TAGS_PER_RESOURCE} tags` });
  }
  if (fields.length > 0) throw requestValidationFailed(fields);
  return merged;
}

const isAwsKey = (key: string) => key.toLowerCase().startsWith('aws:');
const awsKeyField = (name: string): ValidationField => ({ name, code: 'INVALID_VALUE', message: 'tag keys starting with aws: are reserved' });

/** UntagResource may not remove `aws:` keys either: they are AWS's (ValidationException). */
export function checkUntagKeys(keys: string[]): void {
  const fields = keys.flatMap((key, i) => (isAwsKey(key) ? [awsKeyField(`tagKeys[${i}]`)] : []));
  if (fields.length > 0) throw requestValidationFailed(fields);
}

export function toWireTags(tags: Record<string, string>): WireTag[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}
