/**
 * The named rules of a relationship's PMA reference (issue 21): exactly one of `programManagementAccount` and
 * `programManagementAccountIdentifier` on a mapping (`pma-reference-ambiguous`), a name some file declares under
 * `programManagementAccounts:` (`pma-unknown-name`, with a did-you-mean), in the relationship's own catalog
 * (`pma-catalog-mismatch`). Each problem is reported once per place it is written (a document default serves many
 * entries); every entry it concerns is rejected.
 */
import type { Problem } from '../../diagnostics/diagnostic.js';
import type { CheckedDocument } from '../../desired/check-documents.js';
import { quote } from '../../desired/describe-value.js';
import { toPointer } from '../../desired/locate-node.js';
import { suggestClosest } from '../../desired/suggest.js';
import { effectiveField, type EntryRecord } from './load-rules.js';
import { declaredPmaNames, effectivePmaReference, PMA_IDENTIFIER_KEY, PMA_NAME_KEY, pmaReferenceOf, type DeclaredPmaName } from './pma-reference.js';

type Segments = Array<string | number>;

/** Collects problems, one per place and code. */
class Reports {
  readonly diagnostics: Problem[] = [];
  private readonly seen = new Set<string>();

  add(document: CheckedDocument, segments: Segments, at: 'key' | 'value', problem: Pick<Problem, 'code' | 'message' | 'hint'>): void {
    const { source, docIndex } = document;
    const position = at === 'key' ? source.keyAt(docIndex, segments) : source.valueAt(docIndex, segments);
    const key = `${problem.code}\u0000${source.file}\u0000${position.line}\u0000${position.column}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push({ ...problem, severity: 'error', file: source.file, ...position, path: toPointer(segments) });
  }
}

function ambiguous(where: 'document' | 'entry'): Pick<Problem, 'code' | 'message' | 'hint'> {
  return {
    code: 'pma-reference-ambiguous',
    message: `this ${where === 'document' ? 'document' : 'relationship'} names its program management account twice: by ${PMA_NAME_KEY} and by ${PMA_IDENTIFIER_KEY}`,
    hint: `keep one: ${PMA_NAME_KEY}: NAME for a PMA the files declare, or ${PMA_IDENTIFIER_KEY}: pma-… for one they do not`,
  };
}

function unknownName(name: string, declared: ReadonlyMap<string, DeclaredPmaName>): Pick<Problem, 'code' | 'message' | 'hint'> {
  const meant = suggestClosest(name, [...declared.keys()]);
  const names = [...declared.keys()].sort();
  return {
    code: 'pma-unknown-name',
    message: `no file declares a program management account named ${quote(name)}${meant !== undefined ? ` (did you mean ${quote(meant)}?)` : ''}`,
    hint:
      names.length === 0
        ? `declare it under programManagementAccounts:, or name an existing one with ${PMA_IDENTIFIER_KEY}: pma-…`
        : `use a declared name (${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}), declare it under programManagementAccounts:, or use ${PMA_IDENTIFIER_KEY}: pma-…`,
  };
}

function catalogMismatch(name: string, pma: DeclaredPmaName, catalog: string): Pick<Problem, 'code' | 'message' | 'hint'> {
  return {
    code: 'pma-catalog-mismatch',
    message: `program management account ${quote(name)} is declared in catalog ${pma.catalog ?? '?'}, but this relationship is in catalog ${catalog}`,
    hint: `a relationship lives in its PMA's catalog: set catalog: ${pma.catalog ?? '?'} or name a PMA of catalog ${catalog}`,
  };
}

/** The document's own PMA keys: both written is reported here, once, whether or not its entries use them. */
function checkDocumentDefaults(document: CheckedDocument, declared: ReadonlyMap<string, DeclaredPmaName>, reports: Reports): void {
  const reference = pmaReferenceOf(document.value);
  if (reference.kind === 'both') reports.add(document, [PMA_NAME_KEY], 'key', ambiguous('document'));
  if (reference.kind !== 'one' || reference.key !== PMA_NAME_KEY) return;
  if (typeof reference.value !== 'string' || document.dirty.has(`/${PMA_NAME_KEY}`)) return;
  if (!declared.has(reference.value)) reports.add(document, [PMA_NAME_KEY], 'value', unknownName(reference.value, declared));
}

/** An entry's reference: rejected when ambiguous, unknown or in another catalog. */
function checkEntry(record: EntryRecord, declared: ReadonlyMap<string, DeclaredPmaName>, reports: Reports): void {
  const { document, index, entry } = record;
  const { reference, holder } = effectivePmaReference(entry, document.value);
  if (reference.kind === 'both') {
    record.usable = false;
    if (holder === 'entry') reports.add(document, ['relationships', index, PMA_NAME_KEY], 'key', ambiguous('entry'));
    return;
  }
  const pma = effectiveField(record, PMA_IDENTIFIER_KEY);
  if (!pma.ok || !pma.byName || pma.value === undefined) return;
  const segments: Segments = holder === 'entry' ? ['relationships', index, PMA_NAME_KEY] : [PMA_NAME_KEY];
  const found = declared.get(pma.value);
  if (!found) {
    record.usable = false;
    reports.add(document, segments, 'value', unknownName(pma.value, declared));
    return;
  }
  const catalog = effectiveField(record, 'catalog').value;
  if (catalog !== undefined && found.catalog !== undefined && found.catalog !== catalog) {
    record.usable = false;
    reports.add(document, segments, 'value', catalogMismatch(pma.value, found, catalog));
  }
}

/** The problems of every PMA reference the documents and entries write; entries with one are marked unusable. */
export function checkPmaReferences(documents: readonly CheckedDocument[], records: readonly EntryRecord[]): Problem[] {
  const declared = declaredPmaNames(documents);
  const reports = new Reports();
  for (const document of documents) checkDocumentDefaults(document, declared, reports);
  for (const record of records) checkEntry(record, declared, reports);
  return reports.diagnostics;
}

/** Whether a document's PMA default may name scopes: one key, and a name only when declared. */
export function usableDocumentReference(document: CheckedDocument, declared: ReadonlyMap<string, DeclaredPmaName>): { value: string; byName: boolean } | undefined {
  const reference = pmaReferenceOf(document.value);
  if (reference.kind !== 'one' || typeof reference.value !== 'string' || document.dirty.has(`/${reference.key}`)) return undefined;
  if (reference.key === PMA_NAME_KEY && !declared.has(reference.value)) return undefined;
  return { value: reference.value, byName: reference.key === PMA_NAME_KEY };
}
