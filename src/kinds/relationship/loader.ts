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
import { checkPmaReferences, usableDocumentReference } from './load-pma-references.js';
import { checkReleased } from './load-released.js';
import { declaredPmaNames, PMA_NAME_KEY, PMA_REFERENCE_KEYS } from './pma-reference.js';
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
  documentKeys: ['catalog', ...PMA_REFERENCE_KEYS, 'relationships', 'released'],
  load(documents) {
    const diagnostics: Problem[] = [];
    const records = entriesOf(documents);
    for (const record of records) {
      diagnostics.push(...checkRequiredAfterDefaults(record), ...checkTagKeys(record), ...checkEndDateIsADay(record, ['relationships', record.index]));
    }
    diagnostics.push(...checkPmaReferences(documents, records));
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

/** The PMAs named by valid document defaults or by usable entries (see DesiredScope); a declared PMA's by its name. */
function scopesOf(documents: readonly CheckedDocument[], relationships: readonly DesiredRelationship[]): DesiredScope[] {
  const scopes = new Map<string, DesiredScope>();
  const add = (catalog: string, pma: { value: string; byName: boolean }, source: SourceRef) => {
    const pmaId = pma.byName ? pma.value : pmaIdOf(pma.value);
    const key = `${catalog}/${pmaId}`;
    if (!scopes.has(key)) scopes.set(key, { catalog, pmaId, ...(pma.byName ? { programManagementAccount: pma.value } : {}), source });
  };
  const declared = declaredPmaNames(documents);
  for (const document of documents) {
    const { value, dirty, source, docIndex } = document;
    const pma = usableDocumentReference(document, declared);
    if (typeof value.catalog !== 'string' || dirty.has('/catalog') || !pma) continue;
    const declaredIn = pma.byName ? declared.get(pma.value)?.catalog : undefined;
    if (declaredIn !== undefined && declaredIn !== value.catalog) continue; // reported by checkPmaReferences where an entry uses it
    const key = pma.byName ? PMA_NAME_KEY : 'programManagementAccountIdentifier';
    add(value.catalog, pma, { file: source.file, ...source.valueAt(docIndex, [key]) });
  }
  for (const entry of relationships) {
    const byName = entry.programManagementAccount !== undefined;
    add(entry.catalog, { value: entry.programManagementAccount ?? entry.pmaId, byName }, entry.source);
  }
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
