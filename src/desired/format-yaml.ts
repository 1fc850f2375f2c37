import { isCollection, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, visit, type Document, type YAMLMap } from 'yaml';

/**
 * Canonical formatting of a relationships file (`pcc fmt`): fixed key order, two-space indent, account ids as
 * double-quoted strings, tags sorted. Comments stay with the keys they annotate. Pure: text in, text out.
 */

const DOCUMENT_KEYS = ['catalog', 'programManagementAccountIdentifier', 'relationships'];
const ENTRY_KEYS = [
  'id',
  'catalog',
  'programManagementAccountIdentifier',
  'associatedAccountId',
  'associationType',
  'displayName',
  'resaleAccountModel',
  'sector',
  'requestedSupportPlan',
  'tags',
];
const PLAN_KEYS = ['coverage', 'tamLocation', 'chargeAccountId', 'provider'];
const ACCOUNT_ID_KEYS = new Set(['associatedAccountId', 'chargeAccountId']);

export type FormatResult = { ok: true; text: string } | { ok: false; message: string; line: number; column: number };

function keyName(pair: { key: unknown }): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

/** Known keys in `order` first, unknown keys after them in their original order (sort is stable). */
function orderKeys(map: YAMLMap, order: readonly string[]): void {
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  map.items.sort((a, b) => rank(keyName(a)) - rank(keyName(b)));
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
  orderKeys(entry, ENTRY_KEYS);
  quoteAccountIds(entry);
  const plan = entry.get('requestedSupportPlan');
  if (isMap(plan)) {
    for (const member of plan.items) {
      if (isMap(member.value)) {
        orderKeys(member.value, PLAN_KEYS);
        quoteAccountIds(member.value);
      }
    }
  }
  const tags = entry.get('tags');
  if (isMap(tags)) tags.items.sort((a, b) => (keyName(a) < keyName(b) ? -1 : keyName(a) > keyName(b) ? 1 : 0));
}

/** Sorting must not carry the file's header comment (the schema modeline) away from the top. */
function orderDocumentKeys(map: YAMLMap): void {
  const first = map.items[0];
  const header = isScalar(first?.key) ? first.key.commentBefore : undefined;
  if (isScalar(first?.key)) first.key.commentBefore = undefined;
  orderKeys(map, DOCUMENT_KEYS);
  const newFirst = map.items[0];
  if (header && isScalar(newFirst?.key)) {
    newFirst.key.commentBefore = [header, newFirst.key.commentBefore].filter(Boolean).join('\n');
  }
}

function formatDocument(doc: Document): void {
  // Block style everywhere: one value per line reviews best in a pull request.
  visit(doc, (_key, node) => {
    if (isCollection(node) && node.items.length > 0) node.flow = false;
  });
  if (!isMap(doc.contents)) return;
  orderDocumentKeys(doc.contents);
  const relationships = doc.contents.get('relationships');
  if (isSeq(relationships)) relationships.items.forEach(formatEntry);
}

/**
 * Every value in a relationships file is a string. A number or boolean is already an error, and printing it
 * again could lose its source text (`011122223333` reads as 11122223333): refuse rather than rewrite it.
 */
function findNonStringValue(doc: Document, lineCounter: LineCounter): FormatResult | undefined {
  let found: FormatResult | undefined;
  visit(doc, {
    Pair: (_key, pair) => {
      const value = pair.value;
      if (!isScalar(value) || (typeof value.value !== 'number' && typeof value.value !== 'boolean')) return;
      const { line, col } = lineCounter.linePos(value.range?.[0] ?? 0);
      const text = value.source ?? String(value.value);
      found = { ok: false, line, column: col, message: `${text} is read as a ${typeof value.value}; quote it ("${text}") and run fmt again` };
      return visit.BREAK;
    },
  });
  return found;
}

export function formatYaml(source: string): FormatResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source, { prettyErrors: true, uniqueKeys: true, lineCounter });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
      return { ok: false, message: error.message.split('\n')[0] ?? error.message, line, column };
    }
    const nonString = findNonStringValue(doc, lineCounter);
    if (nonString) return nonString;
  }
  const text = list
    .map((doc) => {
      formatDocument(doc);
      return doc.toString({ indent: 2, indentSeq: true, lineWidth: 0 });
    })
    .join('');
  return { ok: true, text };
}
