/**
 * A fast reader for the plain block YAML that relationship files are made of: nested `key: value`
 * mappings, `- ` lists of mappings, quoted and plain one-line strings, comments, `---` between documents.
 *
 * Why: the yaml package parses about 2-3 MB/s, so 10,000 relationships took ~2 s of CPU, almost all of it
 * in yaml. This reader handles the common subset ~20× faster. It is deliberately narrow: on anything it
 * is not certain to read exactly as YAML 1.2 (core schema) does — flow collections, anchors, tags, block
 * scalars, escapes, multi-line values, tabs, numbers, booleans, nulls written out, unusual keys — it gives
 * up and the caller parses the file with yaml instead. It never reports errors; yaml does that.
 * test/desired/fast-yaml.test.ts compares both readers on many inputs, including mutated ones.
 */
import { MAX_NESTING } from './nesting-guard.js';
import type { Position } from './parse-yaml.js';

export interface SimpleYaml {
  /** One plain value per document, as yaml's `toJS()` would give. */
  documents: unknown[];
  /** Per document: where each entry of its root `relationships` list starts (the entry mapping's first key). */
  entryStarts: Position[][];
  /** Per document: where the value of each root key holding a one-line scalar starts (as yaml's valuePosition says). */
  rootValueStarts: Array<Record<string, Position>>;
}

/** Thrown to abandon the fast path; caught in `readSimpleYaml`. */
class NotSimple extends Error {}

// Characters whose YAML meaning the reader does not model: tabs, a CR that does not end a line, other
// C0/C1 controls, DEL, BOM, NEL and the Unicode line separators.
const UNSUPPORTED_CHARACTER = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\u2028\u2029]|\r(?!\n)/;
const PLAIN_KEY = /^([A-Za-z_][A-Za-z0-9_\-./=+@]*):(?: |$)/;
const QUOTED_KEY = /^(?:"([^"\\]*)"|'([^']*)'):(?: |$)/;
// A plain scalar starting with an indicator, a digit, a sign, a dot or `~` may not be a string.
const PLAIN_SCALAR_START = /^[^-?:,[\]{}#&*!|>'"%@`~0-9+.\s]/;
const NON_STRING_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const DOCUMENT_START = /^---(?: +(?:#.*)?)?$/;
const TRAILER = /^(?: +(?:#.*)?)?$/;

function fail(): never {
  throw new NotSimple();
}

/** Leading spaces. */
function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

function isSeqItem(content: string): boolean {
  return content === '-' || content.startsWith('- ');
}

/** A one-line scalar after `key: `, as a string; anything that might not be a plain string gives up. */
function readScalar(text: string): string {
  const quoteChar = text[0];
  if (quoteChar === '"' || quoteChar === "'") {
    const end = text.indexOf(quoteChar, 1);
    if (end < 0) fail();
    const body = text.slice(1, end);
    if ((quoteChar === '"' && body.includes('\\')) || text[end + 1] === quoteChar) fail();
    if (!TRAILER.test(text.slice(end + 1))) fail();
    return body;
  }
  if (!PLAIN_SCALAR_START.test(text)) fail();
  const comment = text.indexOf(' #');
  const value = (comment < 0 ? text : text.slice(0, comment)).replace(/ +$/, '');
  if (value.includes(': ') || value.endsWith(':') || NON_STRING_WORDS.has(value)) fail();
  return value;
}

class Reader {
  private index = 0;
  private end = 0;
  private depth = 0;
  readonly entryStarts = new WeakMap<object, Position>();
  private root: object | undefined;
  rootValueStarts: Record<string, Position> = {};

  constructor(private readonly lines: readonly string[]) {}

  /** Limits reading to lines [start, end): one document. */
  section(start: number, end: number): void {
    this.index = start;
    this.end = end;
  }

  /** The next line that is neither blank nor a comment, without consuming it; -1 at the section's end. */
  peek(): number {
    for (let j = this.index; j < this.end; j++) {
      const line = this.lines[j] ?? '';
      if (line.startsWith('...') || line.startsWith('%')) fail();
      const content = line.slice(indentOf(line));
      if (content !== '' && !content.startsWith('#')) return j;
    }
    return -1;
  }

  readDocument(): Record<string, unknown> {
    const first = this.peek();
    if (first < 0 || indentOf(this.lines[first] ?? '') !== 0) fail();
    const root: Record<string, unknown> = {};
    this.root = root;
    this.rootValueStarts = {};
    this.readMapEntries(root, 0);
    if (this.peek() >= 0) fail();
    return root;
  }

  private readMapEntries(map: Record<string, unknown>, indent: number): void {
    for (let j = this.peek(); j >= 0; j = this.peek()) {
      const line = this.lines[j] ?? '';
      const lineIndent = indentOf(line);
      if (lineIndent < indent) return;
      if (lineIndent > indent) fail();
      this.index = j + 1;
      this.readEntry(map, line.slice(indent), indent);
    }
  }

  /** `key: value` or `key:` (value on the following lines) at `indent`. */
  private readEntry(map: Record<string, unknown>, content: string, indent: number): void {
    const plainMatch = PLAIN_KEY.exec(content);
    const match = plainMatch ?? QUOTED_KEY.exec(content);
    if (!match) fail();
    const key = match[1] ?? match[2] ?? '';
    // Keys yaml resolves to non-strings, `__proto__` (assigning it would set the prototype), over-long keys
    // (yaml limits implicit keys to 1024 characters) and duplicates all go to yaml. Other names of Object's
    // built-ins (`constructor`, `valueOf`) are ordinary keys: assigning one defines an own property.
    if ((plainMatch && NON_STRING_WORDS.has(key)) || key === '__proto__' || Object.hasOwn(map, key) || key.length > 1000) fail();
    const rest = content.slice(match[0].length).replace(/^ +/, '');
    if (rest === '' || rest.startsWith('#')) {
      map[key] = this.readBlockValue(indent);
      return;
    }
    map[key] = readScalar(rest);
    // `content` and `rest` end the line read last (`this.index` is one past it, so it is the 1-based line number).
    if (map === this.root) this.rootValueStarts[key] = { line: this.index, column: indent + content.length - rest.length + 1 };
    const next = this.peek();
    // A more indented line after a one-line value would continue it (or be an error): let yaml decide.
    if (next >= 0 && indentOf(this.lines[next] ?? '') > indent) fail();
  }

  /** The value of `key:` with nothing after it: a nested mapping or list, or null. */
  private readBlockValue(indent: number): unknown {
    // Deep nesting is yaml's to report (see nesting-guard.ts); this reader just steps aside.
    if (++this.depth > MAX_NESTING) fail();
    try {
      return this.readNested(indent);
    } finally {
      this.depth--;
    }
  }

  private readNested(indent: number): unknown {
    const next = this.peek();
    if (next < 0) return null;
    const line = this.lines[next] ?? '';
    const childIndent = indentOf(line);
    const content = line.slice(childIndent);
    if (childIndent > indent) {
      if (isSeqItem(content)) return this.readSeq(childIndent);
      const child: Record<string, unknown> = {};
      this.readMapEntries(child, childIndent);
      return child;
    }
    // A list may sit at the same indent as its key.
    if (childIndent === indent && isSeqItem(content)) return this.readSeq(indent);
    return null;
  }

  /** `- key: value` items (each a mapping) at `indent`. */
  private readSeq(indent: number): unknown[] {
    const items: unknown[] = [];
    for (let j = this.peek(); j >= 0; j = this.peek()) {
      const line = this.lines[j] ?? '';
      const lineIndent = indentOf(line);
      if (lineIndent < indent) break;
      if (lineIndent > indent) fail();
      const content = line.slice(indent);
      if (!isSeqItem(content)) break;
      const itemIndent = indent + 2 + indentOf(content.slice(2));
      const itemContent = line.slice(itemIndent);
      if (itemContent === '' || itemContent.startsWith('#') || isSeqItem(itemContent)) fail();
      this.index = j + 1;
      const item: Record<string, unknown> = {};
      this.entryStarts.set(item, { line: j + 1, column: itemIndent + 1 });
      this.readEntry(item, itemContent, itemIndent);
      this.readMapEntries(item, itemIndent);
      items.push(item);
    }
    return items;
  }
}

/**
 * One JSON document (`{ "catalog": …, "relationships": [ … ] }`, as JSON.stringify writes it) after blank or comment
 * lines: JSON is YAML's flow style, and yaml reads it to the same values. Narrow like the block reader: numbers, a
 * key not on its colon's line, duplicate or `__proto__` keys, anything after the closing brace (a comment, a second
 * document) and invalid JSON all give up.
 */
class JsonReader {
  private at = 0;
  private depth = 0;
  private readonly lineStarts: number[] = [0];
  readonly entryStarts: Position[] = [];
  readonly rootValueStarts: Record<string, Position> = {};

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of an offset, as yaml's LineCounter counts them. */
  private position(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }

  read(start: number): Record<string, unknown> {
    this.at = start;
    const value = this.readObject(true);
    this.skipSpace();
    if (this.at !== this.text.length) fail();
    return value;
  }

  private skipSpace(): void {
    for (let c = this.text.charCodeAt(this.at); c === 32 || c === 10 || c === 13; c = this.text.charCodeAt(++this.at));
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.at] !== char) fail();
    this.at++;
  }

  private readValue(): unknown {
    this.skipSpace();
    const char = this.text[this.at];
    if (char === '{') return this.readObject(false);
    if (char === '[') return this.readArray(false);
    if (char === '"') return this.readString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    return fail();
  }

  private readString(): string {
    const start = this.at;
    const end = this.text.indexOf('"', start + 1);
    if (end < 0) fail();
    let close = end;
    let raw = this.text.slice(start, end + 1);
    if (raw.includes('\\')) {
      // An escaped quote does not end the string: find the quote after an even run of backslashes.
      const match = /^"(?:[^"\\\n]|\\.)*"/.exec(this.text.slice(start));
      if (!match) fail();
      raw = match[0];
      close = start + raw.length - 1;
    }
    if (raw.includes('\n')) fail();
    this.at = close + 1;
    if (!raw.includes('\\')) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return fail();
    }
  }

  private enter(): void {
    // Deep nesting is yaml's to report (see nesting-guard.ts).
    if (++this.depth > MAX_NESTING) fail();
    this.at++;
  }

  private readObject(root: boolean): Record<string, unknown> {
    this.enter();
    const object: Record<string, unknown> = {};
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at++;
      this.depth--;
      return object;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] !== '"') fail();
      const key = this.readString();
      // yaml reads an implicit key only on its colon's line, and up to 1024 characters.
      if (this.text[this.at] === ' ') this.at = this.text.slice(this.at).search(/[^ ]/) + this.at;
      if (this.text[this.at] !== ':' || key === '__proto__' || Object.hasOwn(object, key) || key.length > 1000) fail();
      this.at++;
      this.skipSpace();
      const valueStart = this.at;
      const isList = root && key === 'relationships' && this.text[this.at] === '[';
      object[key] = isList ? this.readArray(true) : this.readValue();
      if (root && typeof object[key] === 'string') this.rootValueStarts[key] = this.position(valueStart);
      this.skipSpace();
      const next = this.text[this.at++];
      if (next === '}') break;
      if (next !== ',') fail();
    }
    this.depth--;
    return object;
  }

  private readArray(entries: boolean): unknown[] {
    this.enter();
    const array: unknown[] = [];
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at++;
      this.depth--;
      return array;
    }
    for (;;) {
      this.skipSpace();
      if (entries) this.entryStarts.push(this.position(this.at));
      array.push(this.readValue());
      this.skipSpace();
      const next = this.text[this.at++];
      if (next === ']') break;
      if (next !== ',') fail();
    }
    this.depth--;
    return array;
  }
}

/** Where a JSON document starts after blank and full-line comment lines, or -1 if the text does not start with `{`. */
function jsonStart(text: string): number {
  const match = /^(?:[ \r]*(?:#[^\n]*)?\n)*(?=\{)/.exec(text);
  return match ? match[0].length : -1;
}

function readJsonDocument(text: string, start: number): SimpleYaml | undefined {
  const reader = new JsonReader(text);
  try {
    const document = reader.read(start);
    return { documents: [document], entryStarts: [reader.entryStarts], rootValueStarts: [reader.rootValueStarts] };
  } catch (error) {
    if (error instanceof NotSimple || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** The documents of `text` if it is entirely plain block YAML, or one JSON document, this reader handles; otherwise undefined. */
export function readSimpleYaml(text: string): SimpleYaml | undefined {
  if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  const json = jsonStart(text);
  if (json >= 0) return readJsonDocument(text, json);
  const lines = text.split(/\r?\n/);
  const reader = new Reader(lines);
  // Sections between `---` lines. The first may hold only comments (then it is no document: yaml agrees).
  const markers = lines.flatMap((line, index) => (DOCUMENT_START.test(line) ? [index] : []));
  const bounds = [-1, ...markers].map((marker, i) => [marker + 1, markers[i] ?? lines.length] as const);
  try {
    const documents: Record<string, unknown>[] = [];
    const rootValueStarts: Array<Record<string, Position>> = [];
    bounds.forEach(([start, end], i) => {
      reader.section(start, end);
      if (reader.peek() < 0) {
        // A leading comment block before `---` is fine; an empty document is rare: leave it to yaml.
        if (i === 0 && markers.length > 0) return;
        fail();
      }
      documents.push(reader.readDocument());
      rootValueStarts.push(reader.rootValueStarts);
    });
    const entryStarts = documents.map((doc) => {
      const list = doc.relationships;
      return Array.isArray(list) ? list.map((item: object) => reader.entryStarts.get(item) ?? fail()) : [];
    });
    return { documents, entryStarts, rootValueStarts };
  } catch (error) {
    if (error instanceof NotSimple || error instanceof RangeError) return undefined;
    throw error;
  }
}
