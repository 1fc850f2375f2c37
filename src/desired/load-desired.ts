/**
 * `relationships/` → DesiredState: find the files, read and parse them, check each document against the
 * schema, apply the named rules across everything, and normalise what passed. Every problem is collected;
 * nothing throws for bad input. Entries with problems are left out of `desired.relationships`.
 */
import { createHash } from 'node:crypto';
import type { Problem } from '../diagnostics/diagnostic.js';
import { checkDocuments, isPlainObject, type CheckedDocument } from './check-documents.js';
import { findRelationshipFiles } from './find-files.js';
import { normaliseEntry } from './normalise.js';
import { readSourceFile } from './read-source.js';
import { checkReleased } from './released.js';
import {
  checkDuplicateAddresses,
  checkCatalogCase,
  checkDuplicateIds,
  checkEndDateIsADay,
  checkRequiredAfterDefaults,
  checkTagKeys,
  effectiveField,
  entryPointer,
  type EntryRecord,
} from './rules.js';
import { parseSource, type ParseOptions } from './source-file.js';
import { pmaIdOf } from '../model/address.js';
import type { DesiredFile, DesiredRelationship, DesiredScope, DesiredState, SourceRef } from './types.js';

export interface LoadDesiredOptions extends ParseOptions {
  /** The folder of relationship files, relative to `cwd` or absolute. */
  dir: string;
  /** Diagnostics and SourceRefs name files relative to this. */
  cwd: string;
}

export interface LoadedDesired {
  desired: DesiredState;
  /** Sorted by file, line and column; problems not tied to a file come first. */
  diagnostics: Problem[];
}

export async function loadDesired(options: LoadDesiredOptions): Promise<LoadedDesired> {
  const found = await findRelationshipFiles(options.dir, options.cwd);
  const diagnostics: Problem[] = [...found.diagnostics];
  const files: DesiredFile[] = [];
  const hashed: Array<{ key: string; sha256: string }> = [];
  const documents: CheckedDocument[] = [];
  for (const file of found.files) {
    const read = await readSourceFile(file.absolutePath, file.file);
    diagnostics.push(...read.diagnostics);
    if (!read.source) continue;
    files.push({ path: file.file, sha256: read.source.sha256 });
    hashed.push({ key: file.relativeToDir, sha256: read.source.sha256 });
    const parsed = parseSource(file, read.source, options);
    diagnostics.push(...parsed.diagnostics);
    const checked = checkDocuments(parsed.source);
    diagnostics.push(...checked.diagnostics);
    documents.push(...checked.documents);
  }
  const records = entriesOf(documents);
  for (const record of records) diagnostics.push(...checkRequiredAfterDefaults(record), ...checkTagKeys(record), ...checkEndDateIsADay(record));
  diagnostics.push(...checkCatalogCase(records), ...checkDuplicateIds(records), ...checkDuplicateAddresses(records));
  const relationships = records
    .filter((record) => record.usable)
    .map((record) => {
      const { source, docIndex } = record.document;
      return normaliseEntry(record, { file: source.file, ...source.entryAt(docIndex, record.index) });
    });
  const scopes = scopesOf(documents, relationships);
  const { released, diagnostics: releaseProblems } = checkReleased(documents, relationships, scopes);
  diagnostics.push(...releaseProblems);
  return {
    desired: { relationships, scopes, files, hash: hashOf(hashed), ...(released.length > 0 ? { released } : {}) },
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/** The PMAs named by valid document defaults or by usable entries (see DesiredScope). */
function scopesOf(documents: readonly CheckedDocument[], relationships: readonly DesiredRelationship[]): DesiredScope[] {
  const scopes = new Map<string, DesiredScope>();
  const add = (catalog: string, pmaIdentifier: string, source: SourceRef) => {
    const pmaId = pmaIdOf(pmaIdentifier);
    const key = `${catalog}/${pmaId}`;
    if (!scopes.has(key)) scopes.set(key, { catalog, pmaId, source });
  };
  for (const { value, dirty, source, docIndex } of documents) {
    const { catalog, programManagementAccountIdentifier: pma } = value;
    if (typeof catalog === 'string' && typeof pma === 'string' && !dirty.has('/catalog') && !dirty.has('/programManagementAccountIdentifier')) {
      add(catalog, pma, { file: source.file, ...source.valueAt(docIndex, ['programManagementAccountIdentifier']) });
    }
  }
  for (const entry of relationships) add(entry.catalog, entry.pmaId, entry.source);
  return [...scopes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, scope]) => scope);
}

function entriesOf(documents: readonly CheckedDocument[]): EntryRecord[] {
  const records: EntryRecord[] = [];
  for (const document of documents) {
    const list = document.value.relationships;
    if (!Array.isArray(list)) continue;
    list.forEach((entry: unknown, index) => {
      if (!isPlainObject(entry)) return; // reported by the schema
      const record: EntryRecord = { document, index, entry, usable: true };
      const defaultsOk = effectiveField(record, 'catalog').ok && effectiveField(record, 'programManagementAccountIdentifier').ok;
      record.usable = defaultsOk && !document.dirty.has(entryPointer(record));
      records.push(record);
    });
  }
  return records;
}

/**
 * sha256 over the files' paths (relative to the folder, so the hash does not depend on where pcc runs
 * from) and contents' hashes, in path order.
 */
function hashOf(files: Array<{ key: string; sha256: string }>): string {
  const hash = createHash('sha256');
  for (const { key, sha256 } of [...files].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    hash.update(`${key}\u0000${sha256}\n`);
  }
  return hash.digest('hex');
}

function compare(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

function sortDiagnostics(diagnostics: Problem[]): Problem[] {
  return [...diagnostics].sort((a, b) => compare(a.file, b.file) || compare(a.line, b.line) || compare(a.column, b.column));
}
