/**
 * What the loader needs of a resource kind (issue 20): the engine finds, reads, parses and schema-checks the files
 * (YAML with positions, ajv, aliases, hashing, problem positions) and hands every checked document to each kind of
 * the registry in turn; a kind reads its own sections and document defaults, applies its named rules (cross-entry,
 * cross-file) and gives its part of DesiredState. The engine never names a section or a kind.
 */
import type { Problem } from '../diagnostics/diagnostic.js';
import type { CheckedDocument } from './check-documents.js';
import type { DesiredScope } from './types.js';

/** What one kind made of the documents. */
interface KindLoad<P extends object> {
  /** Its members of DesiredState (e.g. `{ relationships, released? }`); an optional member absent when empty. */
  part: P;
  /** The scopes (catalog and PMA) its documents and entries name: the engine merges every kind's, sorted, no repeats. */
  scopes: DesiredScope[];
  /** Its rules' problems, in the order found (the engine sorts all problems by file, line and column, stably). */
  diagnostics: Problem[];
}

export interface KindLoader<P extends object = object> {
  /**
   * The top-level keys of a document this kind reads: its sections and its document defaults (a key two kinds
   * share, like `catalog`, is listed by each). Every property of the schema's root belongs to some kind (checked by
   * test/meta/kind-seam.test.ts).
   */
  readonly documentKeys: readonly string[];
  /** This kind's part of the desired state from the checked documents (files in path order, documents in file order). */
  load(documents: readonly CheckedDocument[]): KindLoad<P>;
}
