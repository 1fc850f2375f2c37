/**
 * From a path inside a document's value (ajv's `instancePath`, split) back to the YAML node that holds it,
 * so a problem points at the exact line and column of the offending value, or of its key.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { positionAt, type Position, type YamlView } from './parse-yaml.js';

export type PathSegment = string | number;

interface LocatedNode {
  /** The value node at the path (null when the path ends at a key without a value). */
  value: Node | null;
  /** The key of the last mapping step, if the last step was a mapping key. */
  key: Node | null;
  /** False when the path leads somewhere that does not exist; the nodes are then the deepest found. */
  complete: boolean;
}

/** Splits a JSON pointer (`/relationships/0/tags/a~1b`) into its segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The JSON pointer for segments (the inverse of `pointerSegments`). */
export function toPointer(segments: readonly PathSegment[]): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** How a key reads as a JS property name: the same rule yaml's toJS applies. */
function keyName(key: unknown): string {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return String(key);
}

function locateNode(doc: Document.Parsed, segments: readonly PathSegment[]): LocatedNode {
  let value: Node | null = doc.contents;
  let key: Node | null = null;
  for (const segment of segments) {
    // Follow aliases through to the anchored node; the last node stays as written (where the alias is used).
    const here: unknown = isAlias(value) ? value.resolve(doc) : value;
    if (isMap(here)) {
      const pair = here.items.find((item) => keyName(item.key) === String(segment));
      if (!pair) return { value, key, complete: false };
      key = (pair.key as Node | null) ?? null;
      value = (pair.value as Node | null) ?? null;
    } else if (isSeq(here)) {
      const item = here.items[Number(segment)];
      if (item === undefined) return { value, key, complete: false };
      key = null;
      value = (item as Node | null) ?? null;
    } else {
      return { value, key, complete: false };
    }
  }
  return { value, key, complete: true };
}

function startOf(node: Node | null): number | undefined {
  return node?.range?.[0];
}

/** Where the value at the path is written; an empty value (`key:`) points at its key. */
export function valuePosition(view: YamlView, docIndex: number, segments: readonly PathSegment[]): Position {
  const doc = view.documents[docIndex];
  if (!doc) return { line: 1, column: 1 };
  const { value, key } = locateNode(doc, segments);
  const empty = isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1];
  const offset = (empty ? startOf(key) : startOf(value)) ?? startOf(key) ?? documentStart(doc);
  return positionAt(view, offset);
}

/** Where the key of the path's last step is written (for unknown fields and bad tag keys). */
export function keyPosition(view: YamlView, docIndex: number, segments: readonly PathSegment[]): Position {
  const doc = view.documents[docIndex];
  if (!doc) return { line: 1, column: 1 };
  const { value, key } = locateNode(doc, segments);
  return positionAt(view, startOf(key) ?? startOf(value) ?? documentStart(doc));
}

/** The scalar's text exactly as written, when the value at the path is a scalar. */
export function scalarSource(view: YamlView, docIndex: number, segments: readonly PathSegment[]): string | undefined {
  const doc = view.documents[docIndex];
  if (!doc) return undefined;
  const { value, complete } = locateNode(doc, segments);
  if (!complete || !isScalar(value) || !value.range) return undefined;
  return view.text.slice(value.range[0], value.range[1]);
}

function documentStart(doc: Document.Parsed): number {
  return doc.contents?.range?.[0] ?? doc.range[0];
}
