/**
 * Loading relationships: the entries of each document's `relationships:` list with the document's defaults (catalog,
 * programManagementAccountIdentifier) applied, the named rules across entries, documents and files, then the
 * `released:` list. Entries with problems are left out of `relationships`.
 */
import type { Problem } from '../../diagnostics/diagnostic.js';
import { isPlainObject, type CheckedDocument } from '../../desired/check-documents.js';
import type { KindLoader } from '../../desired/kind-loader.js';
import type { DesiredRelationship, DesiredScope, SourceRef } from '../../desired/types.js';
import { pmaIdOf } from '../../model/address.js';
import { checkEndDateIsADay } from '../service-period/load-service-period.js';
import { checkReleased } from './load-released.js';
import {
  checkCatalogCase,
  checkDuplicateAddresses,
  checkDuplicateIds,
  checkRequiredAfterDefaults,
  checkTagKeys,
  effectiveField,
  entryPointer,
  type EntryRecord,
} from './load-rules.js';
import { normaliseEntry } from './normalise-entry.js';
import type { RelationshipDesiredPart } from './plan-parts.js';

export const relationshipLoader: KindLoader<RelationshipDesiredPart> = {
  documentKeys: ['catalog', 'programManagementAccountIdentifier', 'relationships', 'released'],
  load(documents) {
    const diagnostics: Problem[] = [];
    const records = entriesOf(documents);
    for (const record of records) {
      diagnostics.push(...checkRequiredAfterDefaults(record), ...checkTagKeys(record), ...checkEndDateIsADay(record, ['relationships', record.index]));
    }
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
    return { part: { relationships, ...(released.length > 0 ? { released } : {}) }, scopes, diagnostics };
  },
};

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
  return [...scopes.values()];
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
