/**
 * Named rules for what the schema cannot say: they look across entries, documents and files, or need the
 * document defaults applied first. Each rule reports and marks the entries it rejects.
 */
import type { Problem } from '../../diagnostics/diagnostic.js';
import { addressOf } from '../../model/address.js';
import { DOCUMENT_FIELDS, type DocumentField as DefaultedField } from '../../model/relationship-fields.js';
import { reservedTagKeyRule } from '../../model/ownership-tags.js';
import { isPlainObject, type CheckedDocument } from '../../desired/check-documents.js';
import { quote } from '../../desired/describe-value.js';
import { toPointer } from '../../desired/locate-node.js';
import type { Position } from '../../desired/parse-yaml.js';
import { effectivePmaReference, PMA_IDENTIFIER_KEY, PMA_NAME_KEY } from './pma-reference.js';

/** Fields an entry may take from its document. */
export const DEFAULTED_FIELDS: readonly DefaultedField[] = DOCUMENT_FIELDS;

/** One entry of a document's `relationships` that is a mapping. */
export interface EntryRecord {
  document: CheckedDocument;
  index: number;
  entry: Record<string, unknown>;
  /** False once the schema or a rule found a problem that keeps it out of the desired state. */
  usable: boolean;
}

export function entryPointer(record: EntryRecord): string {
  return `/relationships/${record.index}`;
}

/**
 * The value an entry ends up with for a defaulted field, and whether it passed the schema. For the PMA
 * (`programManagementAccountIdentifier`) that is its effective reference (pma-reference.ts): an id or ARN, or with
 * `byName` a declared PMA's name; both keys on the mapping that decides is not ok (`pma-reference-ambiguous`).
 */
export function effectiveField(record: EntryRecord, field: DefaultedField): { value?: string; ok: boolean; missing: boolean; byName?: boolean } {
  const { entry, document } = record;
  if (field === PMA_IDENTIFIER_KEY) {
    const { reference, holder } = effectivePmaReference(entry, document.value);
    if (reference.kind === 'none') return { ok: false, missing: true };
    if (reference.kind === 'both') return { ok: false, missing: false };
    const pointer = holder === 'entry' ? `${entryPointer(record)}/${reference.key}` : `/${reference.key}`;
    const ok = typeof reference.value === 'string' && !document.dirty.has(pointer);
    return ok ? { value: reference.value as string, ok, missing: false, byName: reference.key === PMA_NAME_KEY } : { ok, missing: false };
  }
  const [holder, pointer] = Object.hasOwn(entry, field) ? [entry, `${entryPointer(record)}/${field}`] : [document.value, `/${field}`];
  if (!Object.hasOwn(holder, field)) return { ok: false, missing: true };
  const value = holder[field];
  const ok = typeof value === 'string' && !document.dirty.has(pointer);
  return ok ? { value, ok, missing: false } : { ok, missing: false };
}

/** The address an entry's effective catalog, PMA reference and account make: by name, `<catalog>/<name>/<account>`. */
export function entryAddressOf(catalog: string, pma: { value?: string; byName?: boolean }, associatedAccountId: string): string {
  return pma.byName ? `${catalog}/${pma.value ?? ''}/${associatedAccountId}` : addressOf(catalog, pma.value ?? '', associatedAccountId);
}

function fieldOk(record: EntryRecord, field: string): boolean {
  return typeof record.entry[field] === 'string' && !record.document.dirty.has(`${entryPointer(record)}/${field}`);
}

function at(record: EntryRecord, position: Position, path: string) {
  return { file: record.document.source.file, ...position, path };
}

function where(record: EntryRecord, position: Position): string {
  return `${record.document.source.file}:${position.line}:${position.column}`;
}

function reject(record: EntryRecord, diagnostic: Problem): Problem {
  record.usable = false;
  return diagnostic;
}

/** CreateRelationship needs catalog and PMA: after defaults, every entry must have both. */
export function checkRequiredAfterDefaults(record: EntryRecord): Problem[] {
  return DEFAULTED_FIELDS.filter((field) => effectiveField(record, field).missing).map((field) =>
    reject(record, {
      code: 'required-after-defaults',
      severity: 'error',
      message:
        field === PMA_IDENTIFIER_KEY
          ? `this relationship names no program management account (${PMA_NAME_KEY} or ${PMA_IDENTIFIER_KEY}), and its document sets no default`
          : `this relationship has no ${field}, and its document sets no default`,
      hint:
        field === PMA_IDENTIFIER_KEY
          ? `add ${PMA_NAME_KEY}: NAME (a PMA the files declare) or ${PMA_IDENTIFIER_KEY}: pma-… at the top of the document (a default for every entry) or on this entry`
          : `add ${field}: AWS at the top of the document (a default for every entry) or on this entry`,
      ...at(record, record.document.source.entryAt(record.document.docIndex, record.index), `${entryPointer(record)}/${field}`),
    }),
  );
}

/** `pcc:` tags are pcc's own bookkeeping; a file that set them could forge ownership. */

export function checkTagKeys(record: EntryRecord): Problem[] {
  const tags = record.entry.tags;
  if (!isPlainObject(tags)) return [];
  const { source, docIndex } = record.document;
  const diagnostics: Problem[] = [];
  for (const key of Object.keys(tags)) {
    const rule = reservedTagKeyRule(key);
    if (!rule) continue;
    const segments = ['relationships', record.index, 'tags', key];
    diagnostics.push(
      reject(record, {
        code: 'reserved-tag-prefix',
        severity: 'error',
        message: `tag key ${quote(key)} starts with ${rule.reservedBy}`,
        hint: rule.hint,
        ...at(record, source.keyAt(docIndex, segments), toPointer(segments)),
      }),
    );
  }
  return diagnostics;
}

/** An `id` pins an entry to one live relationship; two entries cannot pin the same one. */
export function checkDuplicateIds(records: readonly EntryRecord[]): Problem[] {
  const first = new Map<string, EntryRecord>();
  const diagnostics: Problem[] = [];
  for (const record of records) {
    if (!fieldOk(record, 'id')) continue;
    const id = record.entry.id as string;
    const earlier = first.get(id);
    if (!earlier) {
      first.set(id, record);
      continue;
    }
    const segments = ['relationships', record.index, 'id'];
    const earlierAt = earlier.document.source.valueAt(earlier.document.docIndex, ['relationships', earlier.index, 'id']);
    diagnostics.push(
      reject(record, {
        code: 'duplicate-id',
        severity: 'error',
        message: `id ${id} is pinned by two entries: here and at ${where(earlier, earlierAt)}`,
        hint: 'an id names one existing relationship; keep it on one entry',
        ...at(record, record.document.source.valueAt(record.document.docIndex, segments), toPointer(segments)),
      }),
    );
  }
  return diagnostics;
}

/** The address is the identity of a relationship: two entries with one address would fight each other. */
export function checkDuplicateAddresses(records: readonly EntryRecord[]): Problem[] {
  const first = new Map<string, { record: EntryRecord; position: Position }>();
  const diagnostics: Problem[] = [];
  for (const record of records) {
    const catalog = effectiveField(record, 'catalog');
    const pma = effectiveField(record, 'programManagementAccountIdentifier');
    if (!catalog.value || !pma.value || !fieldOk(record, 'associatedAccountId')) continue;
    const address = entryAddressOf(catalog.value, pma, record.entry.associatedAccountId as string);
    const position = record.document.source.entryAt(record.document.docIndex, record.index);
    const earlier = first.get(address);
    if (!earlier) {
      first.set(address, { record, position });
      continue;
    }
    diagnostics.push(
      reject(record, {
        code: 'duplicate-address',
        severity: 'error',
        message: `relationship ${address} is declared twice: here and at ${where(earlier.record, earlier.position)}`,
        hint: 'remove one of the two entries (an account has one relationship per program management account)',
        ...at(record, position, entryPointer(record)),
      }),
    );
  }
  return diagnostics;
}

/**
 * Catalog names are case-sensitive: `sandbox` matches the schema's pattern but names no catalog, and the service
 * answers 404 only at plan time. Reported once per place the value is written (a document default serves many).
 */
const KNOWN_CATALOGS = ['AWS', 'Sandbox'];

export function checkCatalogCase(records: readonly EntryRecord[]): Problem[] {
  const reported = new Set<string>();
  const diagnostics: Problem[] = [];
  for (const record of records) {
    const { value } = effectiveField(record, 'catalog');
    const meant = KNOWN_CATALOGS.find((known) => value !== undefined && known !== value && known.toLowerCase() === value.toLowerCase());
    if (!meant) continue;
    const segments = Object.hasOwn(record.entry, 'catalog') ? ['relationships', record.index, 'catalog'] : ['catalog'];
    const { source, docIndex } = record.document;
    const position = source.valueAt(docIndex, segments);
    const key = `${source.file}:${position.line}:${position.column}`;
    const diagnostic = {
      code: 'catalog-case',
      severity: 'error' as const,
      message: `catalog ${quote(value)} names no catalog: catalog names are case-sensitive`,
      hint: `write catalog: ${meant}`,
      ...at(record, position, toPointer(segments)),
    };
    record.usable = false;
    if (!reported.has(key)) diagnostics.push(diagnostic);
    reported.add(key);
  }
  return diagnostics;
}
