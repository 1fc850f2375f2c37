/**
 * The named rules of `programManagementAccounts:` entries: what the schema cannot say, because it looks across
 * entries and files or needs the document's `catalog` default applied first. Each rule reports and marks the
 * entries it rejects (file:line:col, what is wrong, how to fix it).
 */
import type { Problem } from '../../diagnostics/diagnostic.js';
import { isPlainObject, type CheckedDocument } from '../../desired/check-documents.js';
import { quote } from '../../desired/describe-value.js';
import { toPointer, type PathSegment } from '../../desired/locate-node.js';
import type { Position } from '../../desired/parse-yaml.js';
import { reservedTagKeyRule } from '../../model/ownership-tags.js';
import { pmaAddressOf } from './pma-address.js';

/** The document key of the section. */
export const PMA_SECTION = 'programManagementAccounts';

/** A PMA id: a name looking like one would make `<catalog>/<name>/<account>` ambiguous with an id-form address. */
const PMA_ID = /^pma-[a-z0-9]{13}$/;
const KNOWN_CATALOGS = ['AWS', 'Sandbox'];

/** One entry of a document's `programManagementAccounts` that is a mapping. */
export interface PmaRecord {
  document: CheckedDocument;
  index: number;
  entry: Record<string, unknown>;
  /** False once the schema or a rule found a problem that keeps it out of the desired state. */
  usable: boolean;
}

const segmentsOf = (record: PmaRecord, ...more: PathSegment[]): PathSegment[] => [PMA_SECTION, record.index, ...more];

function at(record: PmaRecord, position: Position, segments: readonly PathSegment[]) {
  return { file: record.document.source.file, ...position, path: toPointer(segments) };
}

const where = (record: PmaRecord, position: Position) => `${record.document.source.file}:${position.line}:${position.column}`;

/** Where the entry starts (its first key). */
export const entryPosition = (record: PmaRecord): Position => record.document.source.valueAt(record.document.docIndex, segmentsOf(record));

function reject(record: PmaRecord, problem: Omit<Problem, 'severity'>): Problem {
  record.usable = false;
  return { severity: 'error', ...problem };
}

/** A member of the entry itself that passed the schema, as text. */
export function ownText(record: PmaRecord, field: string): string | undefined {
  const value = record.entry[field];
  return typeof value === 'string' && !record.document.dirty.has(toPointer(segmentsOf(record, field))) ? value : undefined;
}

/** The entry's catalog, its own or the document's default, when it passed the schema; `missing` when neither is written. */
export function catalogOf(record: PmaRecord): { value?: string; missing: boolean; own: boolean } {
  const own = Object.hasOwn(record.entry, 'catalog');
  const holder = own ? record.entry : record.document.value;
  if (!Object.hasOwn(holder, 'catalog')) return { missing: true, own };
  const value = holder.catalog;
  const pointer = own ? toPointer(segmentsOf(record, 'catalog')) : '/catalog';
  return typeof value === 'string' && !record.document.dirty.has(pointer) ? { value, missing: false, own } : { missing: false, own };
}

/** The entry's address, when its parts passed the schema. */
function addressOfRecord(record: PmaRecord): string | undefined {
  const catalog = catalogOf(record).value;
  const program = ownText(record, 'program');
  const accountId = ownText(record, 'accountId');
  return catalog && program && accountId ? pmaAddressOf(catalog, program, accountId) : undefined;
}

/**
 * CreateProgramManagementAccount needs a catalog: the entry's own or its document's. A catalog in the wrong case
 * (`sandbox`) passes the schema's pattern but names none; a document default is reported once (by the
 * relationship kind's rule when the document has relationship entries), an entry's own where it is written.
 */
export function checkCatalog(record: PmaRecord, reported: Set<CheckedDocument>): Problem[] {
  const catalog = catalogOf(record);
  if (catalog.missing) {
    return [
      reject(record, {
        code: 'required-after-defaults',
        message: 'this program management account has no catalog, and its document sets no default',
        hint: 'add catalog: AWS at the top of the document (a default for every entry) or on this entry',
        ...at(record, entryPosition(record), segmentsOf(record, 'catalog')),
      }),
    ];
  }
  const meant = KNOWN_CATALOGS.find((known) => catalog.value !== undefined && known !== catalog.value && known.toLowerCase() === catalog.value.toLowerCase());
  if (!meant) return [];
  if (catalog.own) return [catalogCase(record, segmentsOf(record, 'catalog'), catalog.value ?? '', meant)];
  record.usable = false;
  const relationships = record.document.value.relationships;
  const reportedThere = reported.has(record.document) || (Array.isArray(relationships) && relationships.some(isPlainObject));
  reported.add(record.document);
  return reportedThere ? [] : [catalogCase(record, ['catalog'], catalog.value ?? '', meant)];
}

function catalogCase(record: PmaRecord, segments: PathSegment[], value: string, meant: string): Problem {
  return reject(record, {
    code: 'catalog-case',
    message: `catalog ${quote(value)} names no catalog: catalog names are case-sensitive`,
    hint: `write catalog: ${meant}`,
    ...at(record, record.document.source.valueAt(record.document.docIndex, segments), segments),
  });
}

/** A name is the handle relationship entries use: a name that is a PMA id would read as one. */
export function checkNameNotAnId(record: PmaRecord): Problem[] {
  const name = ownText(record, 'name');
  if (name === undefined || !PMA_ID.test(name)) return [];
  const segments = segmentsOf(record, 'name');
  return [
    reject(record, {
      code: 'pma-name-is-id',
      message: `the name ${quote(name)} is a program management account id; a name must not look like one`,
      hint: 'choose a name of your own (e.g. emea); to pin this entry to an existing PMA, write its id as id: pma-…',
      ...at(record, record.document.source.valueAt(record.document.docIndex, segments), segments),
    }),
  ];
}

/** `pcc:` tags are pcc's own bookkeeping, `aws:` ones AWS's: a file may declare neither. */
export function checkTagKeys(record: PmaRecord): Problem[] {
  const tags = record.entry.tags;
  if (!isPlainObject(tags)) return [];
  const problems: Problem[] = [];
  for (const key of Object.keys(tags)) {
    const rule = reservedTagKeyRule(key);
    if (!rule) continue;
    const segments = segmentsOf(record, 'tags', key);
    problems.push(
      reject(record, {
        code: 'reserved-tag-prefix',
        message: `tag key ${quote(key)} starts with ${rule.reservedBy}`,
        hint: rule.hint,
        ...at(record, record.document.source.keyAt(record.document.docIndex, segments), segments),
      }),
    );
  }
  return problems;
}

/**
 * What must be unique across every file: a name (the handle entries use), an address (one PMA per catalog,
 * program and account), an `id` pin. The first declaration wins; each later one is reported where it is.
 */
export function checkUnique(records: readonly PmaRecord[]): Problem[] {
  const problems: Problem[] = [];
  const names = new Map<string, PmaRecord>();
  const addresses = new Map<string, PmaRecord>();
  const ids = new Map<string, PmaRecord>();
  for (const record of records) {
    const name = ownText(record, 'name');
    const earlierName = name === undefined ? undefined : names.get(name);
    if (name !== undefined && !earlierName) names.set(name, record);
    if (name !== undefined && earlierName) {
      const segments = segmentsOf(record, 'name');
      problems.push(
        reject(record, {
          code: 'pma-name-duplicate',
          message: `program management account name ${quote(name)} is declared twice: here and at ${where(earlierName, entryPosition(earlierName))}`,
          hint: 'names are unique across all files (relationship entries name a PMA by it): rename one',
          ...at(record, record.document.source.valueAt(record.document.docIndex, segments), segments),
        }),
      );
      continue;
    }
    const address = addressOfRecord(record);
    const earlierAddress = address === undefined ? undefined : addresses.get(address);
    if (address !== undefined && !earlierAddress) addresses.set(address, record);
    if (address !== undefined && earlierAddress) {
      problems.push(
        reject(record, {
          code: 'pma-address-duplicate',
          message: `program management account ${address} is declared twice: here and at ${where(earlierAddress, entryPosition(earlierAddress))}`,
          hint: 'an account has one PMA per catalog and program: remove one of the two entries',
          ...at(record, entryPosition(record), segmentsOf(record)),
        }),
      );
      continue;
    }
    const id = ownText(record, 'id');
    const earlierId = id === undefined ? undefined : ids.get(id);
    if (id !== undefined && !earlierId) ids.set(id, record);
    if (id !== undefined && earlierId) {
      const segments = segmentsOf(record, 'id');
      problems.push(
        reject(record, {
          code: 'duplicate-id',
          message: `id ${id} is pinned by two entries: here and at ${where(earlierId, entryPosition(earlierId))}`,
          hint: 'an id names one existing program management account; keep it on one entry',
          ...at(record, record.document.source.valueAt(record.document.docIndex, segments), segments),
        }),
      );
    }
  }
  return problems;
}
