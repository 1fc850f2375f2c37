/**
 * YAML text → one plain value per document, with the yaml package's document API (YAML 1.2 core schema)
 * and a LineCounter, so every problem can point at a line and column. Parse errors, duplicate keys and
 * alias bombs become diagnostics; a document with any of them yields no value.
 */
import { Composer, isMap, isScalar, isSeq, LineCounter, Parser, visit, type Document } from 'yaml';
import type { Problem } from '../diagnostics/diagnostic.js';
import { MAX_EXPANDED_NODES, measureExpansion, toPlainValue } from './alias-expansion.js';
import { findDeepToken, TOO_DEEP_MESSAGE } from './nesting-guard.js';

export interface YamlView {
  text: string;
  documents: Document.Parsed[];
  lineCounter: LineCounter;
  /** Set when the text nests deeper than MAX_NESTING: nothing was composed (documents is empty). */
  tooDeepAt?: number;
}

export interface Position {
  line: number;
  column: number;
}

/** A document's plain value, or `ok: false` when the document could not be read (see the diagnostics). */
export interface DocumentValue {
  value: unknown;
  ok: boolean;
}

export interface ParsedValues {
  documents: DocumentValue[];
  diagnostics: Problem[];
}

/**
 * What `parseAllDocuments` does, in two steps: the CST parser keeps its own stack (no recursion), so the
 * nesting can be checked before the recursive composer runs.
 */
export function parseYaml(text: string): YamlView {
  const lineCounter = new LineCounter();
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const tooDeepAt = findDeepToken(tokens);
  if (tooDeepAt !== undefined) return { text, documents: [], lineCounter, tooDeepAt };
  // logLevel silent: yaml would otherwise print its own warnings to the console.
  const composer = new Composer({ prettyErrors: false, logLevel: 'silent', uniqueKeys: true });
  return { text, documents: Array.from(composer.compose(tokens)), lineCounter };
}

export function positionAt(view: YamlView, offset: number): Position {
  const { line, col } = view.lineCounter.linePos(offset);
  return { line, column: col };
}

/** The plain values of a parsed file's documents, and what went wrong reading them. */
export function valuesOf(view: YamlView, file: string): ParsedValues {
  const diagnostics: Problem[] = [];
  if (view.tooDeepAt !== undefined) {
    diagnostics.push(tooDeep(file, positionAt(view, view.tooDeepAt)));
    return { documents: [{ value: undefined, ok: false }], diagnostics };
  }
  const documents = view.documents.map((doc): DocumentValue => {
    const at = (offset: number) => ({ file, ...positionAt(view, offset) });
    for (const error of withoutCascade(doc.errors)) {
      // yaml catches its own stack overflow on absurd nesting and reports it as an error.
      if (/call stack/i.test(error.message)) {
        diagnostics.push(tooDeep(file, positionAt(view, error.pos[0])));
        continue;
      }
      const duplicate = error.code === 'DUPLICATE_KEY';
      // yaml points at the key's first character; the key runs to its `:`.
      const line = view.text.slice(error.pos[0]).split(/\r?\n/, 1)[0] ?? '';
      const key = /^(.*?)\s*:(?:\s|$)/.exec(line)?.[1] ?? line;
      diagnostics.push({
        code: duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
        severity: 'error',
        message: duplicate ? `key ${quoteKey(key)} appears twice in the same mapping` : `invalid YAML: ${error.message}`,
        hint: duplicate ? 'remove one of them or merge them' : hintFor(error.code),
        ...at(error.pos[0]),
      });
    }
    for (const warning of doc.warnings) {
      diagnostics.push({ code: 'yaml-warning', severity: 'warning', message: `YAML: ${warning.message}`, ...at(warning.pos[0]) });
    }
    if (doc.errors.length > 0) return { value: undefined, ok: false };
    const badKeys = nonStringKeys(view, doc, file);
    if (badKeys.length > 0) {
      diagnostics.push(...badKeys);
      return { value: undefined, ok: false };
    }
    const expansion = measureExpansion(doc);
    if (expansion.deepAt !== undefined) {
      diagnostics.push(tooDeep(file, positionAt(view, expansion.deepAt)));
      return { value: undefined, ok: false };
    }
    if (expansion.unresolved) {
      const { name, at } = expansion.unresolved;
      const message = `alias *${name} names no anchor before it`;
      const hint = `define &${name} above this line, or write the value out`;
      diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: `invalid YAML: ${message}`, hint, file, ...positionAt(view, at) });
      return { value: undefined, ok: false };
    }
    if (expansion.largeAt !== undefined) {
      diagnostics.push(aliasBomb(file, positionAt(view, expansion.largeAt)));
      return { value: undefined, ok: false };
    }
    try {
      return { value: toPlainValue(doc, expansion.targets), ok: true };
    } catch (error) {
      diagnostics.push(conversionProblem(view, doc, error, file));
      return { value: undefined, ok: false };
    }
  });
  return { documents, diagnostics };
}

/**
 * Every key in a relationships file is text. yaml reads `007:` as the number 7 and toJS turns it into the
 * key "7": a tag would silently be created under another name. Such keys are errors, like duplicate keys.
 */
function nonStringKeys(view: YamlView, doc: Document.Parsed, file: string): Problem[] {
  const found: Problem[] = [];
  visit(doc, {
    Pair(_key, pair) {
      const key: unknown = pair.key;
      if (isScalar(key) && typeof key.value === 'string') return;
      const range = (key as { range?: [number, number, number] } | null)?.range;
      const written = range ? view.text.slice(range[0], range[1]).trim() : '';
      const value: unknown = isScalar(key) ? key.value : undefined;
      const kind = isMap(key)
        ? 'a mapping'
        : isSeq(key)
          ? 'a list'
          : typeof value === 'number'
            ? `the number ${String(value)}`
            : typeof value === 'boolean'
              ? 'a yes/no value'
              : 'empty (null)';
      found.push({
        code: 'yaml-non-string-key',
        severity: 'error',
        message: `key ${written || '(none)'} is read as ${kind}, not as text`,
        hint: isScalar(key) && written ? `quote it: ${JSON.stringify(written)}:` : 'write the key as text, in quotes',
        file,
        ...positionAt(view, range?.[0] ?? doc.range[0]),
      });
    },
  });
  return found;
}

function quoteKey(source: string): string {
  const short = source.length > 60 ? `${source.slice(0, 57)}...` : source;
  return /^["']/.test(short) ? short : JSON.stringify(short);
}

/**
 * A tab in the indentation throws the parser off for the rest of the document: what it says after the first tab
 * error (nested mappings, implicit keys…) is its confusion, not the user's mistakes, and its hints would mislead.
 * Keep every tab error (each is a line to fix) and drop the other syntax errors that follow the first.
 */
function withoutCascade<E extends { code: string; pos: [number, number] }>(errors: readonly E[]): E[] {
  const firstTab = errors.find((error) => error.code === 'TAB_AS_INDENT');
  if (!firstTab) return [...errors];
  return errors.filter((error) => error.code === 'TAB_AS_INDENT' || error.code === 'DUPLICATE_KEY' || error.pos[0] < firstTab.pos[0]);
}

function hintFor(code: string): string | undefined {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and the quotes on this line and the one before';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a value containing ": " must be quoted';
    default:
      return undefined;
  }
}

function conversionProblem(view: YamlView, doc: Document.Parsed, error: unknown, file: string): Problem {
  const start = doc.contents?.range[0] ?? doc.range[0];
  if (error instanceof RangeError) return tooDeep(file, positionAt(view, start));
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'yaml-syntax', severity: 'error', message: `invalid YAML: ${message}`, file, ...positionAt(view, start) };
}

function tooDeep(file: string, position: Position): Problem {
  return {
    code: 'yaml-too-deep',
    severity: 'error',
    message: TOO_DEEP_MESSAGE,
    hint: 'a relationships file needs about five levels; check the indentation and brackets here',
    file,
    ...position,
  };
}

function aliasBomb(file: string, position: Position): Problem {
  return {
    code: 'yaml-alias-limit',
    severity: 'error',
    message: `YAML aliases in this document expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} values (a "billion laughs" pattern); the largest expansion starts at this alias`,
    hint: 'write the values out instead of nesting aliases of aliases',
    file,
    ...position,
  };
}
