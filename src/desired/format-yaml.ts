import { isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, visit, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { fieldRow, fieldsWhere, isFieldName } from '../model/relationship-fields.js';
import { relationshipsSchema } from './schema-validate.js';
import { MAX_EXPANDED_NODES, measureExpansion, toPlainValue } from './alias-expansion.js';
import { TOO_DEEP_MESSAGE } from './nesting-guard.js';
import { parseYaml, positionAt } from './parse-yaml.js';
import { sameData } from '../model/string-keyed.js';
import { escapeHiddenCharacters, hasHiddenCharacters } from '../model/hidden-characters.js';

/**
 * Canonical formatting of a relationships file (`pcc fmt`): fixed key order, two-space indent, account ids as
 * double-quoted strings, tags sorted. Comments stay with the keys they annotate. Pure: text in, text out.
 */

/**
 * The document's defaults (the schema's top-level keys that are not lists, in the schema's order: `catalog`, then the
 * ways to name a PMA), then the PMAs it declares, then the relationships (which may name them).
 */
function documentDefaults(): string[] {
  const properties = (relationshipsSchema().properties ?? {}) as Record<string, { type?: string }>;
  return Object.keys(properties).filter((key) => properties[key]?.type !== 'array');
}

let keyOrders: { document: string[]; entry: string[] } | undefined;

/**
 * From the field table: `id`, the address fields in table order (beside the PMA identifier, the document defaults the
 * table lacks: the other way to name the PMA), the plain fields alphabetically, then the structured ones (support
 * plan, tags) in table order.
 */
function orders(): { document: string[]; entry: string[] } {
  if (keyOrders) return keyOrders;
  const defaults = documentDefaults();
  const otherDefaults = defaults.filter((key) => !isFieldName(key));
  const identity = fieldsWhere((row) => row.role === 'identity').flatMap((name) =>
    fieldRow(name).normalise === 'documentDefault' && name !== 'catalog' ? [name, ...otherDefaults] : [name],
  );
  keyOrders = {
    document: [...defaults, 'programManagementAccounts', 'relationships'],
    entry: [
      'id',
      ...identity,
      ...fieldsWhere((row) => row.role !== 'identity' && row.normalise === 'copy').sort(),
      ...fieldsWhere((row) => row.role !== 'identity' && row.normalise !== 'copy'),
    ],
  };
  return keyOrders;
}

const PLAN_KEYS = ['coverage', 'tamLocation', 'chargeAccountId', 'provider'];
/** A declared program management account: its name (the handle), then its address, then the rest. */
const PMA_ENTRY_KEYS = ['name', 'id', 'catalog', 'program', 'accountId', 'displayName', 'tags'];
const ACCOUNT_ID_KEYS = new Set(['associatedAccountId', 'chargeAccountId', 'accountId']);

export type FormatResult = { ok: true; text: string } | { ok: false; message: string; line: number; column: number };

function keyName(pair: { key: unknown }): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

/**
 * Sorts a mapping's pairs (stably). A blank line belongs where it was written: a key that moves to the top
 * does not take its blank line along (yaml would print it after the `-` or the parent key, and the next run
 * would move it again).
 */
function sortPairs(map: YAMLMap, compare: (a: string, b: string) => number): void {
  const before = map.items[0];
  map.items.sort((a, b) => compare(keyName(a), keyName(b)));
  const first = map.items[0];
  if (first !== before && isScalar(first?.key)) first.key.spaceBefore = false;
}

/** Known keys in `order` first, unknown keys after them in their original order (sort is stable). */
function orderKeys(map: YAMLMap, order: readonly string[]): void {
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  sortPairs(map, (a, b) => rank(a) - rank(b));
}

function quoteAccountIds(map: YAMLMap): void {
  for (const pair of map.items) {
    if (ACCOUNT_ID_KEYS.has(keyName(pair)) && isScalar(pair.value)) {
      pair.value.type = Scalar.QUOTE_DOUBLE;
    }
  }
}

function formatEntry(entry: unknown): void {
  if (!isMap(entry)) return;
  orderKeys(entry, orders().entry);
  // A comment above an entry's first key is printed after its `-`, and read back as the entry's own
  // comment: put it there now, so a second run has nothing to move.
  const first = entry.items[0];
  if (isScalar(first?.key) && first.key.commentBefore) {
    entry.commentBefore = [entry.commentBefore, first.key.commentBefore].filter(Boolean).join('\n');
    first.key.commentBefore = undefined;
  }
  quoteAccountIds(entry);
  const plan = entry.get('requestedSupportPlan');
  if (isMap(plan)) {
    for (const member of plan.items) {
      if (isMap(member.value)) {
        commentToFirstKey(member.value);
        orderKeys(member.value, PLAN_KEYS);
        quoteAccountIds(member.value);
      }
    }
  }
  const tags = entry.get('tags');
  if (isMap(tags)) commentToFirstKey(tags);
  if (isMap(tags)) sortPairs(tags, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function formatPmaEntry(entry: unknown): void {
  if (!isMap(entry)) return;
  orderKeys(entry, PMA_ENTRY_KEYS);
  const first = entry.items[0];
  if (isScalar(first?.key) && first.key.commentBefore) {
    entry.commentBefore = [entry.commentBefore, first.key.commentBefore].filter(Boolean).join('\n');
    first.key.commentBefore = undefined;
  }
  quoteAccountIds(entry);
  const tags = entry.get('tags');
  if (isMap(tags)) commentToFirstKey(tags);
  if (isMap(tags)) sortPairs(tags, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * `tags: {team: a} # note` describes the line the flow collection was on. In block style yaml would print the
 * comment after the collection's last line, where it reads as the last value's, and the next run attaches it,
 * with any comment line below it, to that innermost map: the comments would move on every run. The comment
 * goes to the top of the collection instead (`tags:` then `# note` above its first value; above the `-` of a
 * list entry), where it is read back the same.
 */
function keepFlowComment(node: YAMLMap | YAMLSeq): void {
  if (!node.comment) return;
  node.commentBefore = [node.commentBefore, node.comment].filter(Boolean).join('\n');
  node.comment = undefined;
}

/**
 * yaml gives a comment between `key:` and a nested map's first key to the map. It was written above that key,
 * and is about it: it moves with the key when the keys are sorted (and, on the next run, comes back to it).
 */
function commentToFirstKey(map: YAMLMap): void {
  const first = map.items[0];
  if (!map.commentBefore || !isScalar(first?.key)) return;
  first.key.commentBefore = [map.commentBefore, first.key.commentBefore].filter(Boolean).join('\n');
  map.commentBefore = undefined;
  map.spaceBefore = false;
}

/** Sorting must not carry the file's header comment (the schema modeline) away from the top. */
function orderDocumentKeys(map: YAMLMap): void {
  const first = map.items[0];
  const header = isScalar(first?.key) ? first.key.commentBefore : undefined;
  if (isScalar(first?.key)) first.key.commentBefore = undefined;
  orderKeys(map, orders().document);
  const newFirst = map.items[0];
  if (header && isScalar(newFirst?.key)) {
    newFirst.key.commentBefore = [header, newFirst.key.commentBefore].filter(Boolean).join('\n');
  }
}

function formatDocument(doc: Document): void {
  if (isMap(doc.contents)) {
    orderDocumentKeys(doc.contents);
    const relationships = doc.contents.get('relationships');
    if (isSeq(relationships)) relationships.items.forEach(formatEntry);
    const pmas = doc.contents.get('programManagementAccounts');
    if (isSeq(pmas)) pmas.items.forEach(formatPmaEntry);
  }
  // Block style everywhere: one value per line reviews best in a pull request. After sorting, so that a flow
  // collection's comment goes to the top of its sorted values.
  visit(doc, (_key, node) => {
    if (isCollection(node) && node.items.length > 0 && node.flow) {
      node.flow = false;
      keepFlowComment(node);
    }
  });
  showHiddenCharacters(doc);
  for (const section of ['programManagementAccounts', 'relationships']) {
    const list = isMap(doc.contents) ? doc.contents.get(section) : undefined;
    if (!isSeq(list)) continue;
    list.items.forEach((entry, i) => {
      const next = list.items[i + 1] as { commentBefore?: string | null } | undefined;
      if (next?.commentBefore) keepEndCommentInside(entry);
    });
  }
}

/**
 * A key or value holding a character nobody sees for what it is (a bidirectional override, a zero-width space)
 * is written double-quoted, where the printed text escapes it (`formatYaml`): the file shows what it holds.
 */
function showHiddenCharacters(doc: Document): void {
  visit(doc, {
    Scalar: (_key, node) => {
      if (typeof node.value === 'string' && hasHiddenCharacters(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
}

/**
 * yaml reads every comment line after a collection's last value as that collection's end comment, at any
 * indent: an entry ending in one (sorting can make a nested map's end comment the entry's last line) would take
 * the comment above the next entry along on the next run. The end comment goes onto the entry's last line
 * instead (one line: after the last value; more: above the last key), which reads back the same.
 */
function keepEndCommentInside(entry: unknown): void {
  const comments: string[] = [];
  let node: unknown = entry;
  let last: unknown;
  while (isCollection(node)) {
    if (node.comment) comments.unshift(node.comment);
    node.comment = undefined;
    last = node.items[node.items.length - 1];
    node = isPair(last) ? last.value : last;
  }
  if (comments.length === 0) return;
  const text = comments.join('\n');
  if (isScalar(node) && !node.comment && !text.includes('\n')) node.comment = text;
  else if (isPair(last) && isScalar(last.key)) last.key.commentBefore = [last.key.commentBefore, text].filter(Boolean).join('\n');
  else if (isScalar(last) || isCollection(last)) last.commentBefore = [last.commentBefore, text].filter(Boolean).join('\n');
}

/**
 * Every value in a relationships file is a string, and so is every key. A number or boolean is already an
 * error, and printing it again could lose its source text (`011122223333` reads as 11122223333, a tag key
 * `007` as 7): refuse rather than rewrite it.
 */
function findNonStringScalar(doc: Document, lineCounter: LineCounter): FormatResult | undefined {
  let found: FormatResult | undefined;
  visit(doc, {
    Pair: (_key, pair) => {
      for (const node of [pair.key, pair.value]) {
        if (!isScalar(node) || (typeof node.value !== 'number' && typeof node.value !== 'boolean')) continue;
        const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
        const text = node.source ?? String(node.value);
        found = { ok: false, line, column: col, message: `${text} is read as a ${typeof node.value}; quote it ("${text}") and run fmt again` };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** A document holding nothing (e.g. after a final `---`): yaml would print its empty value as a blank line. */
function isEmptyDocument(doc: Document): boolean {
  const contents = doc.contents;
  return isScalar(contents) && contents.value === null && !contents.source && !contents.anchor && !contents.tag;
}

/** A comment as yaml prints it: `#` before each non-empty line. */
function commentLines(comment: string | null | undefined): string {
  return comment ? `${comment.replace(/^(?!$)(?: $)?/gm, '#')}\n` : '';
}

/**
 * An empty document's text: its markers and comments only. yaml would print its empty value as a blank line,
 * one more on every run, so `fmt --check` after `fmt` would fail.
 */
function printEmptyDocument(doc: Document): string {
  const contents = doc.contents as Scalar;
  const directives = doc.directives?.toString(doc) ?? '';
  const start = directives ? `${directives}\n---\n` : doc.directives?.docStart ? '---\n' : '';
  const comments = [contents.commentBefore, contents.comment, doc.comment].map(commentLines).join('');
  return commentLines(doc.commentBefore) + start + comments + (doc.directives?.docEnd ? '...\n' : '');
}

/** Where a failed print points: the alias yaml could not place (its message ends with the name), else 1:1. */
function aliasPosition(doc: Document, message: string, lineCounter: LineCounter): { line: number; column: number } {
  let offset = 0;
  visit(doc, {
    Alias: (_key, node) => {
      if (!message.endsWith(`: ${node.source}`)) return undefined;
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

export function formatYaml(original: string): FormatResult {
  // Formatted with LF line ends (yaml keeps a CR in comment text), written back with the file's own.
  const source = original.replace(/\r\n/g, '\n');
  // yaml's composer recurses per level: check the nesting first, without recursion, as validate does.
  const view = parseYaml(source);
  if (view.tooDeepAt !== undefined) return { ok: false, message: TOO_DEEP_MESSAGE, ...positionAt(view, view.tooDeepAt) };
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source, { prettyErrors: true, uniqueKeys: true, lineCounter });
  const list = Array.isArray(docs) ? docs : [];
  // No document at all (empty, or only comments): nothing to format, and the comments must stay.
  if (list.length === 0) return { ok: true, text: original };
  const values: unknown[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
      return { ok: false, message: error.message.split('\n')[0] ?? error.message, line, column };
    }
    const expansion = measureExpansion(doc);
    const refused = expansion.deepAt ?? expansion.largeAt ?? expansion.unresolved?.at;
    if (refused !== undefined) {
      const { line, col } = lineCounter.linePos(refused);
      const message =
        expansion.deepAt !== undefined
          ? TOO_DEEP_MESSAGE
          : expansion.largeAt !== undefined
            ? `YAML aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} values here`
            : `alias *${expansion.unresolved?.name ?? ''} names no anchor before it`;
      return { ok: false, message, line, column: col };
    }
    const nonString = findNonStringScalar(doc, lineCounter);
    if (nonString) return nonString;
    try {
      values.push(toPlainValue(doc, expansion.targets));
    } catch (error) {
      return {
        ok: false,
        message: `cannot read this document: ${String((error as Error).message)}`,
        ...aliasPosition(doc, String((error as Error).message), lineCounter),
      };
    }
  }
  const pieces: string[] = [];
  for (const doc of list) {
    if (isEmptyDocument(doc)) {
      pieces.push(printEmptyDocument(doc));
      continue;
    }
    formatDocument(doc);
    try {
      pieces.push(doc.toString({ indent: 2, indentSeq: true, lineWidth: 0 }));
    } catch (error) {
      // Sorting keys can move an alias above its anchor (or a merge key's source below it).
      const message = String((error as Error).message);
      return { ok: false, message: `cannot sort the keys here without breaking an alias: ${message}`, ...aliasPosition(doc, message, lineCounter) };
    }
  }
  // Inside double quotes (showHiddenCharacters) an escape is the character; in a comment it names it.
  const text = escapeHiddenCharacters(pieces.join(''), 'yaml');
  if (!saysTheSame(text, values)) return { ok: false, message: 'formatting would change what this file says; format it by hand', line: 1, column: 1 };
  return { ok: true, text: lineEndingOf(original) === '\r\n' ? text.replace(/\n/g, '\r\n') : text };
}

/**
 * The file's line ending, kept by fmt (a CRLF checkout, as git's autocrlf makes on Windows, stays CRLF): the
 * one most lines end with; on a tie, the first one.
 */
export function lineEndingOf(text: string): '\n' | '\r\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  if (crlf !== lf) return crlf > lf ? '\r\n' : '\n';
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/** The last line of defence: the formatted text must read back to the values the original held. */
function saysTheSame(text: string, values: readonly unknown[]): boolean {
  const reread = parseAllDocuments(text, { uniqueKeys: true });
  try {
    return Array.isArray(reread) && reread.length === values.length && reread.every((doc, i) => doc.errors.length === 0 && sameData(plainValueOf(doc), values[i]));
  } catch {
    return false;
  }
}

/** A re-read document's value, with the same alias guard as the original's (never expanding without bounds). */
function plainValueOf(doc: Document): unknown {
  const expansion = measureExpansion(doc);
  if (expansion.deepAt !== undefined || expansion.largeAt !== undefined || expansion.unresolved) throw new RangeError('not readable');
  return toPlainValue(doc, expansion.targets);
}
