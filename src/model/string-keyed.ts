/**
 * Maps keyed by strings from a user's file or from the server (tags, names, ids, paths) must hold ANY string:
 * `__proto__`, `constructor`, `toString` and `valueOf` included. A plain object is such a map only through
 * these helpers: entries are defined with `Object.fromEntries` (an assignment `map[key] = v` would set the
 * prototype for `__proto__`), read only when the map holds them itself (`map.constructor` is Object's, not a
 * tag), and compared key by key (fast-deep-equal calls a map's own `valueOf`, a string when it is a tag).
 * test/meta/string-keys.test.ts keeps src/ to this.
 */

/** The value under `key` when `map` holds it itself; undefined for an inherited name such as `constructor`. */
export function ownValue<V>(map: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/**
 * Deep equality of plain data (what JSON and YAML hold: strings, numbers, booleans, null, arrays, objects):
 * own enumerable keys only, any key name, prototypes ignored.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return keys.every((key) => Object.hasOwn(y, key) && sameData(x[key], y[key]));
}
