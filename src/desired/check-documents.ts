/**
 * Each document of a file against the schema: what is not a mapping is refused before ajv sees it, and
 * ajv's errors become diagnostics at the line and column of the value (or key, or mapping) concerned.
 */
import type { Problem } from '../diagnostics/diagnostic.js';
import { quote } from './describe-value.js';
import { toPointer } from './locate-node.js';
import { describeSchemaErrors, type SchemaProblem } from './schema-messages.js';
import { relationshipsSchema, validateDocument } from './schema-validate.js';
import type { SourceFile } from './source-file.js';

/** A document that is a mapping, with the pointers of its problems (and their ancestors) for later steps. */
export interface CheckedDocument {
  source: SourceFile;
  docIndex: number;
  value: Record<string, unknown>;
  /** `/relationships/3/tags` is here if anything at or below it has a problem. */
  dirty: Set<string>;
}

export interface DocumentsCheck {
  documents: CheckedDocument[];
  diagnostics: Problem[];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkDocuments(source: SourceFile): DocumentsCheck {
  const diagnostics: Problem[] = [];
  const documents: CheckedDocument[] = [];
  const readable = source.documents.filter((doc) => doc.ok);
  if (readable.length === source.documents.length && readable.every((doc) => doc.value === null || doc.value === undefined)) {
    diagnostics.push({
      code: 'file-empty',
      severity: 'warning',
      message: `${source.file} declares nothing (it is empty or only comments)`,
      hint: 'add relationships to it, or delete it',
      file: source.file,
      line: 1,
      column: 1,
    });
    return { documents, diagnostics };
  }
  source.documents.forEach((doc, docIndex) => {
    // Unreadable documents were reported by the parser; empty ones (e.g. after a final ---) hold nothing.
    if (!doc.ok || doc.value === null || doc.value === undefined) return;
    if (!isPlainObject(doc.value)) {
      diagnostics.push(notAMapping(source, docIndex, doc.value));
      return;
    }
    const problems = describeSchemaErrors(validateDocument(doc.value), {
      schema: relationshipsSchema(),
      scalarSource: (segments) => source.scalarSource(docIndex, segments),
    });
    const dirty = new Set<string>();
    for (const problem of problems) {
      diagnostics.push(toDiagnostic(source, docIndex, problem));
      for (let depth = 0; depth <= problem.segments.length; depth++) dirty.add(toPointer(problem.segments.slice(0, depth)));
    }
    documents.push({ source, docIndex, value: doc.value, dirty });
  });
  return { documents, diagnostics };
}

function notAMapping(source: SourceFile, docIndex: number, value: unknown): Problem {
  const found = Array.isArray(value) ? 'a list' : `a single value (${quote(value)})`;
  return {
    code: 'document-not-mapping',
    severity: 'error',
    message: `${source.file} holds ${found}; a relationships file is a mapping with a relationships: list`,
    hint: Array.isArray(value) ? 'put the entries under a "relationships:" key and indent them' : 'see the example in README.md',
    file: source.file,
    ...source.valueAt(docIndex, []),
    path: '',
  };
}

function toDiagnostic(source: SourceFile, docIndex: number, problem: SchemaProblem): Problem {
  const position =
    problem.at === 'key'
      ? source.keyAt(docIndex, problem.segments)
      : problem.at === 'container'
        ? source.valueAt(docIndex, problem.segments.slice(0, -1))
        : source.valueAt(docIndex, problem.segments);
  return {
    code: problem.code,
    severity: 'error',
    message: problem.message,
    ...(problem.hint ? { hint: problem.hint } : {}),
    file: source.file,
    ...position,
    path: toPointer(problem.segments),
  };
}
