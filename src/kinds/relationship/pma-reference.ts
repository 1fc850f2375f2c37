/**
 * How an entry names its program management account (issue 21): `programManagementAccountIdentifier` (an existing
 * `pma-…` id or ARN) or `programManagementAccount` (the name of a PMA some file declares under
 * `programManagementAccounts:`), exactly one after defaults. An entry that sets either key takes nothing of its
 * document's PMA keys (its own overrides the document's of the other key too).
 */
import type { CheckedDocument } from '../../desired/check-documents.js';
import { isPlainObject } from '../../desired/check-documents.js';

/** The two keys that name a relationship's PMA. */
export const PMA_NAME_KEY = 'programManagementAccount';
export const PMA_IDENTIFIER_KEY = 'programManagementAccountIdentifier';
export const PMA_REFERENCE_KEYS = [PMA_IDENTIFIER_KEY, PMA_NAME_KEY] as const;
type PmaReferenceKey = (typeof PMA_REFERENCE_KEYS)[number];

/** Where a reference is written: on the entry itself, or as its document's default. */
type Holder = 'entry' | 'document';

/** What a mapping (an entry or a document) says of its PMA. */
export type PmaReference =
  | { kind: 'none' }
  /** Both keys on one mapping: `pma-reference-ambiguous`. */
  | { kind: 'both' }
  | { kind: 'one'; key: PmaReferenceKey; value: unknown };

/** What `holder` (an entry or a document's top) says of its PMA. */
export function pmaReferenceOf(holder: Record<string, unknown>): PmaReference {
  const present = PMA_REFERENCE_KEYS.filter((key) => Object.hasOwn(holder, key));
  if (present.length === 0) return { kind: 'none' };
  if (present.length > 1) return { kind: 'both' };
  const key = present[0] as PmaReferenceKey;
  return { kind: 'one', key, value: holder[key] };
}

/** An entry's effective PMA reference and where it is written. */
export interface EffectivePmaReference {
  reference: PmaReference;
  holder: Holder;
}

/** The entry's own reference when it writes either key, else its document's. */
export function effectivePmaReference(entry: Record<string, unknown>, document: Record<string, unknown>): EffectivePmaReference {
  const own = pmaReferenceOf(entry);
  return own.kind === 'none' ? { reference: pmaReferenceOf(document), holder: 'document' } : { reference: own, holder: 'entry' };
}

/** A PMA some file declares, as far as a relationship's reference needs it: its name and catalog. */
export interface DeclaredPmaName {
  name: string;
  /** Its catalog (its own, or its document's default); absent when neither is a string. */
  catalog?: string;
}

/**
 * Every name the documents' `programManagementAccounts:` sections declare (first declaration wins), read from the raw
 * checked documents: a name with a schema problem still counts as declared, so a reference to it is not reported a
 * second time as unknown.
 */
export function declaredPmaNames(documents: readonly CheckedDocument[]): Map<string, DeclaredPmaName> {
  const names = new Map<string, DeclaredPmaName>();
  for (const { value } of documents) {
    const list = value.programManagementAccounts;
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (!isPlainObject(item) || typeof item.name !== 'string' || names.has(item.name)) continue;
      const catalog = typeof item.catalog === 'string' ? item.catalog : typeof value.catalog === 'string' ? value.catalog : undefined;
      names.set(item.name, { name: item.name, ...(catalog !== undefined ? { catalog } : {}) });
    }
  }
  return names;
}
