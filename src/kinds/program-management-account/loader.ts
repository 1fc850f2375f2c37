/**
 * Loading program management accounts: the entries of each document's `programManagementAccounts:` list with the
 * document's `catalog` default applied, then the named rules across entries and files (load-rules.ts). Entries
 * with problems are left out of `programManagementAccounts`.
 */
import type { Problem } from '../../diagnostics/diagnostic.js';
import { isPlainObject, type CheckedDocument } from '../../desired/check-documents.js';
import type { KindLoader } from '../../desired/kind-loader.js';
import { toPointer } from '../../desired/locate-node.js';
import type { DesiredProgramManagementAccount, ProgramManagementAccountDesiredPart } from './desired-pma.js';
import { catalogOf, checkCatalog, checkNameNotAnId, checkTagKeys, checkUnique, entryPosition, ownText, PMA_SECTION, type PmaRecord } from './load-rules.js';
import { pmaAddressOf } from './pma-address.js';

function recordsOf(documents: readonly CheckedDocument[]): PmaRecord[] {
  const records: PmaRecord[] = [];
  for (const document of documents) {
    const list = document.value[PMA_SECTION];
    if (!Array.isArray(list)) continue;
    list.forEach((entry: unknown, index) => {
      if (!isPlainObject(entry)) return; // reported by the schema
      records.push({ document, index, entry, usable: !document.dirty.has(toPointer([PMA_SECTION, index])) });
    });
  }
  return records;
}

function desiredOf(record: PmaRecord): DesiredProgramManagementAccount {
  const text = (field: string) => ownText(record, field) ?? '';
  const catalog = catalogOf(record).value ?? '';
  const tags = isPlainObject(record.entry.tags) ? (structuredClone(record.entry.tags) as Record<string, string>) : {};
  const id = ownText(record, 'id');
  return {
    name: text('name'),
    catalog,
    program: text('program'),
    accountId: text('accountId'),
    displayName: text('displayName'),
    tags,
    ...(id !== undefined ? { id } : {}),
    address: pmaAddressOf(catalog, text('program'), text('accountId')),
    source: { file: record.document.source.file, ...entryPosition(record) },
    entry: { docIndex: record.document.docIndex, index: record.index },
  };
}

export const programManagementAccountLoader: KindLoader<ProgramManagementAccountDesiredPart> = {
  documentKeys: ['catalog', PMA_SECTION],
  load(documents) {
    const diagnostics: Problem[] = [];
    const records = recordsOf(documents);
    const reported = new Set<CheckedDocument>();
    for (const record of records) diagnostics.push(...checkCatalog(record, reported), ...checkNameNotAnId(record), ...checkTagKeys(record));
    diagnostics.push(...checkUnique(records));
    const programManagementAccounts = records.filter((record) => record.usable).map(desiredOf);
    // Declaring a PMA is speaking for it, as naming it is: its relationships are read (those no file declares are
    // reported, or pruned). It has no id before it exists: its scope is in name form, resolved once it is read.
    const scopes = programManagementAccounts.map((pma) => ({ catalog: pma.catalog, pmaId: pma.name, programManagementAccount: pma.name, source: pma.source }));
    return { part: { programManagementAccounts }, scopes, diagnostics };
  },
};
