import { describe, expect, it } from 'vitest';
import { tagWritesForUpdate } from '../../src/kinds/relationship/tag-changes.js';
import { toApiError } from '../../src/live/api-error.js';
import { ownValue, sameData } from '../../src/model/string-keyed.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { diffUserTags } from '../../src/kinds/relationship/diff-fields.js';
import type { RelationshipChange } from '../../src/kinds/relationship/relationship-change.js';
import { desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

/** Issue 19 fault 1: maps keyed by the user's or the server's strings hold any string. */
const BUILT_IN_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];
const mapOf = (entries: Array<[string, string]>) => Object.fromEntries(entries);

describe('ownValue', () => {
  it.each(BUILT_IN_NAMES)('reads %s only when the map holds it', (key) => {
    expect(ownValue({}, key)).toBeUndefined();
    expect(ownValue(mapOf([[key, 'x']]), key)).toBe('x');
    expect(ownValue(undefined, key)).toBeUndefined();
  });
});

describe('sameData', () => {
  it.each(BUILT_IN_NAMES)('compares maps with the key %s without calling anything', (key) => {
    expect(sameData(mapOf([[key, 'x']]), mapOf([[key, 'x']]))).toBe(true);
    expect(sameData(mapOf([[key, 'x']]), mapOf([[key, 'y']]))).toBe(false);
    expect(sameData(mapOf([[key, 'x']]), {})).toBe(false);
    expect(sameData({}, mapOf([[key, 'x']]))).toBe(false);
    expect(sameData(mapOf([[key, 'x']]), mapOf([['other', 'x']]))).toBe(false);
  });

  it('is deep equality of plain data', () => {
    expect(sameData({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameData({ a: [1, { b: null }] }, { a: [1, { b: 0 }] })).toBe(false);
    expect(sameData([1, 2], [2, 1])).toBe(false);
    expect(sameData([], {})).toBe(false);
    expect(sameData({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameData('1', 1)).toBe(false);
    expect(sameData(Object.create(null) as object, {})).toBe(true);
  });
});

describe('the tag diff and the tag writes', () => {
  it.each(BUILT_IN_NAMES)('diffs a declared and a live tag %s (it crashed on valueOf, planned __proto__ forever)', (key) => {
    const desired = desiredEntry('111122223333', { tags: mapOf([[key, 'new']]) });
    const live = liveEntry('111122223333', 'rs-1', { tags: mapOf([...Object.entries(MANAGED), [key, 'old']]) });
    expect(diffUserTags(desired, live)).toEqual([{ name: `tags.${key}`, before: 'old', after: 'new' }]);
    expect(diffUserTags(desired, { ...live, tags: mapOf([...Object.entries(MANAGED), [key, 'new']]) })).toEqual([]);
    expect(diffUserTags(desiredEntry('111122223333'), live)).toEqual([{ name: `tags.${key}`, before: 'old' }]);
    expect(diffUserTags(desired, { ...live, tags: { ...MANAGED } })).toEqual([{ name: `tags.${key}`, after: 'new' }]);
  });

  it.each(BUILT_IN_NAMES)('plans a relationship whose live tags hold %s', (key) => {
    const live = liveEntry('111122223333', 'rs-1', { tags: mapOf([...Object.entries(MANAGED), [key, 'x']]) });
    const plan = buildPlan(
      desiredState([desiredEntry('111122223333', { tags: mapOf([[key, 'x']]) })]),
      { relationships: [live] },
      { prune: false, allowReplace: false, dir: 'relationships' },
    );
    expect(plan.changes.map((c) => c.action)).toEqual(['no-op']);
  });

  it.each(BUILT_IN_NAMES)('writes the tag %s as an own key of the TagResource map', (key) => {
    const change = {
      action: 'update',
      fields: [
        { name: `tags.${key}`, before: 'old', after: 'new' },
        { name: 'tags.gone', before: 'x' },
      ],
    } as unknown as RelationshipChange;
    const writes = tagWritesForUpdate(change, false);
    expect(Object.keys(writes.set)).toEqual([key]);
    expect(Object.getPrototypeOf(writes.set)).toBe(Object.prototype);
    expect(Object.entries(writes.set)).toEqual([[key, 'new']]);
    expect(writes.remove).toEqual(['gone']);
  });
});

describe('other maps keyed by outside strings', () => {
  it.each(BUILT_IN_NAMES)('an SDK error named %s is of no known kind (the name is the server’s)', (name) => {
    expect(toApiError('ListRelationships', { name, message: 'x', $metadata: { httpStatusCode: 400 } }).category).toBe('unknown');
    expect(toApiError('ListRelationships', { name, message: 'x', $metadata: { httpStatusCode: 503 } }).category).toBe('internal');
  });
});
