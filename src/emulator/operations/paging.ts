/**
 * Cursor paging for the List operations. The nextToken names the last item returned (its sort timestamp
 * and id) and a fingerprint of the query, so deleting items between pages never skips others, and a token
 * used with a different query is rejected.
 */
import { createHash } from 'node:crypto';
import { validationError } from '../errors.js';
import { canonicalJson } from './context.js';

export interface PageRequest {
  maxResults?: number;
  nextToken?: string;
  sort?: { sortBy: string; sortOrder: 'Ascending' | 'Descending' };
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

interface Cursor {
  t: string;
  id: string;
  q: string;
  /** Short pages: this token follows an empty page, so the next page has items. */
  n?: 1;
  /** The empty first page's token: start at the beginning. */
  s?: 1;
}

export interface PagingSettings {
  maxPageSize?: number;
  envelope: { shortPages?: boolean };
}

const DEFAULT_MAX_RESULTS = 20;

/**
 * Items in order (by updatedAt when sorted, else by creation), one page of them after the cursor.
 * `query` is the request without its paging members, and the operation's name (a token of one List
 * operation is not valid for another). With `envelope.shortPages`, every page of 1-3 items comes after an
 * empty page that carries a nextToken.
 */
export function paginate<T extends { id: string; createdAt: string; updatedAt: string }>(
  all: T[],
  request: PageRequest,
  query: unknown,
  settings: PagingSettings,
): Page<T> {
  const sorted = request.sort !== undefined;
  const direction = request.sort?.sortOrder === 'Descending' ? -1 : 1;
  const timeOf = (item: { createdAt: string; updatedAt: string }): string => (sorted ? item.updatedAt : item.createdAt);
  const compare = (a: { t: string; id: string }, b: { t: string; id: string }): number =>
    direction * (a.t < b.t ? -1 : a.t > b.t ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const keyed = all.map((item) => ({ item, t: Date.parse(timeOf(item)).toString().padStart(16, '0'), id: item.id }));
  keyed.sort(compare);
  const q = createHash('sha256').update(canonicalJson(query)).digest('base64url').slice(0, 16);
  let start = 0;
  let cursor: Cursor | undefined;
  if (request.nextToken !== undefined) {
    cursor = decodeCursor(request.nextToken);
    if (cursor.q !== q) throw validationError('The nextToken does not belong to this request (its filters or sort differ).', [], 'REQUEST_VALIDATION_FAILED');
    start = cursor.s ? 0 : keyed.findIndex((k) => compare(k, cursor as Cursor) > 0);
    if (start < 0) start = keyed.length;
  }
  const short = settings.envelope.shortPages === true;
  if (short && !cursor?.n && start < keyed.length) {
    return { items: [], nextToken: encodeCursor(cursor ? { ...cursor, n: 1 } : { t: '', id: '', q, n: 1, s: 1 }) };
  }
  const asked = Math.min(request.maxResults ?? DEFAULT_MAX_RESULTS, settings.maxPageSize ?? Number.POSITIVE_INFINITY);
  const size = short ? Math.min(asked, 1 + (start % 3)) : asked;
  const page = keyed.slice(start, start + size);
  const last = page.at(-1);
  const more = last !== undefined && start + size < keyed.length;
  return { items: page.map((k) => k.item), ...(more && { nextToken: encodeCursor({ t: last.t, id: last.id, q }) }) };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof value.t === 'string' && typeof value.id === 'string' && typeof value.q === 'string') return value as Cursor;
  } catch {
    // fall through
  }
  throw validationError('The nextToken is not valid.', [{ name: 'nextToken', code: 'INVALID_VALUE', message: 'nextToken is not valid' }]);
}

/** A list filter: an empty filter list filters nothing, like an absent one. */
export function matchesFilter(filter: string[] | undefined, value: string): boolean {
  return filter === undefined || filter.length === 0 || filter.includes(value);
}
