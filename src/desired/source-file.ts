/**
 * One relationship file after parsing: its documents' plain values, and where things are in its text.
 * Positions come from the yaml document API; a file read by the fast reader is parsed again with yaml
 * only if one of its positions is needed for a problem, so valid files are parsed once.
 */
import type { Problem } from '../diagnostics/diagnostic.js';
import { readSimpleYaml, type SimpleYaml } from './fast-yaml.js';
import type { FoundFile } from './find-files.js';
import { keyPosition, scalarSource, valuePosition, type PathSegment } from './locate-node.js';
import { parseYaml, valuesOf, type DocumentValue, type Position, type YamlView } from './parse-yaml.js';
import type { SourceText } from './read-source.js';

export interface SourceFile {
  file: string;
  relativeToDir: string;
  sha256: string;
  documents: DocumentValue[];
  /** Where the value at `segments` in document `docIndex` is written. */
  valueAt(docIndex: number, segments: readonly PathSegment[]): Position;
  /** Where the key of the last step of `segments` is written. */
  keyAt(docIndex: number, segments: readonly PathSegment[]): Position;
  /** Where entry `index` of the document's `relationships` starts. */
  entryAt(docIndex: number, index: number): Position;
  /** The text of the scalar at `segments`, exactly as written. */
  scalarSource(docIndex: number, segments: readonly PathSegment[]): string | undefined;
}

export interface ParsedSource {
  source: SourceFile;
  diagnostics: Problem[];
}

export interface ParseOptions {
  /** Try the fast reader for plain block YAML first (default true; tests turn it off to compare). */
  fastPath?: boolean;
}

export function parseSource(found: FoundFile, text: SourceText, options: ParseOptions = {}): ParsedSource {
  const fast = options.fastPath === false ? undefined : readSimpleYaml(text.text);
  let view: YamlView | undefined;
  let diagnostics: Problem[] = [];
  let documents: DocumentValue[];
  if (fast) {
    documents = fast.documents.map((value) => ({ value, ok: true }));
  } else {
    const parsed = parseWithYaml(text.text, found.file);
    view = parsed.view;
    documents = parsed.documents;
    diagnostics = parsed.diagnostics;
  }
  const yamlView = (): YamlView => (view ??= parseYaml(text.text));
  const source: SourceFile = {
    file: found.file,
    relativeToDir: found.relativeToDir,
    sha256: text.sha256,
    documents,
    valueAt: (docIndex, segments) => rootValueStart(fast, docIndex, segments) ?? valuePosition(yamlView(), docIndex, segments),
    keyAt: (docIndex, segments) => keyPosition(yamlView(), docIndex, segments),
    entryAt: (docIndex, index) => fast?.entryStarts[docIndex]?.[index] ?? valuePosition(yamlView(), docIndex, ['relationships', index]),
    scalarSource: (docIndex, segments) => scalarSource(yamlView(), docIndex, segments),
  };
  return { source, diagnostics };
}

/** Where a root key's one-line value starts, when the fast reader read the file: no yaml parse for a document's defaults. */
function rootValueStart(fast: SimpleYaml | undefined, docIndex: number, segments: readonly PathSegment[]): Position | undefined {
  const [key, ...rest] = segments;
  if (!fast || typeof key !== 'string' || rest.length > 0) return undefined;
  const starts = fast.rootValueStarts[docIndex];
  return starts && Object.hasOwn(starts, key) ? starts[key] : undefined;
}

function parseWithYaml(text: string, file: string): { view?: YamlView; documents: DocumentValue[]; diagnostics: Problem[] } {
  try {
    const view = parseYaml(text);
    return { view, ...valuesOf(view, file) };
  } catch (error) {
    // The parser recurses: pathological nesting can exhaust the stack. That is a property of the file.
    const deep = error instanceof RangeError;
    const diagnostic: Problem = {
      code: deep ? 'yaml-too-deep' : 'yaml-syntax',
      severity: 'error',
      message: deep ? `${file} is nested too deeply to read` : `${file} could not be read as YAML (${error instanceof Error ? error.message : String(error)})`,
      file,
    };
    return { documents: [{ value: undefined, ok: false }], diagnostics: [diagnostic] };
  }
}
