/**
 * `schema/relationships.portable.schema.json`, made from the main schema for validators other than pcc's and
 * editors': no `errorMessage` (a keyword only ajv-errors and editors know; strict ajv refuses it) and no `\p{…}`
 * Unicode classes (Python's `re` and ECMAScript without the `u` flag refuse them). The tag pattern becomes "no
 * control characters and no ASCII punctuation beyond _ . : / = + - @", which is looser than the service's
 * letters/digits/spaces (any non-ASCII character passes). pcc itself always validates with the main schema.
 */
const MAIN_ID = 'relationships.schema.json';
const PORTABLE_ID = 'relationships.portable.schema.json';

/** The service's tag pattern (TagKey, TagValue in the model) as the main schema writes it. */
const UNICODE_TAG_PATTERN = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';
const PORTABLE_TAG_PATTERN = '^[^\\x00-\\x1f\\x7f!"#$%&\'()*,;<>?\\[\\\\\\]^`{|}~]*$';

/** The portable variant of `schema` (not modified). Throws if a `\p{…}` pattern other than the tag one appears. */
export function portableSchema(schema: unknown): unknown {
  return rewrite(schema, []);
}

function rewrite(node: unknown, path: string[]): unknown {
  if (Array.isArray(node)) return node.map((item, i) => rewrite(item, [...path, String(i)]));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'errorMessage') continue;
    if (key === 'pattern' && typeof value === 'string' && value.includes('\\p{')) {
      if (value !== UNICODE_TAG_PATTERN) throw new Error(`no portable form for the pattern at /${path.join('/')}: ${value}`);
      out[key] = PORTABLE_TAG_PATTERN;
    } else if (key === '$id' && typeof value === 'string') {
      out[key] = value.replace(MAIN_ID, PORTABLE_ID);
    } else {
      out[key] = rewrite(value, [...path, key]);
    }
  }
  return out;
}
