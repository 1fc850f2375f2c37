/**
 * `pcc import` for relationships: the live relationships no entry declares (one per address), written as entries
 * in the SPEC format: one YAML document per catalog and PMA, entries sorted by account id, user tags only (never
 * `pcc:`). requestedSupportPlan is write-only, so it cannot be imported: the header says so.
 */
import type { ImportDraft, KindImporter } from '../../commands/kind-importer.js';
import type { DesiredRelationship } from '../../desired/types.js';
import { sanitizeForTerminal as clean } from '../../io/sanitize.js';
import type { LiveRelationship } from '../../live/channel-api.js';
import { liveAddressOf, matchedByEntries, type LiveRelationshipState } from '../../live/live-state.js';
import { DOCUMENT_FIELDS, FIELD_ROWS, isReadable, readNameOf } from '../../model/relationship-fields.js';
import { pmaNameFor } from '../program-management-account/importer.js';
import { userTagsOf } from './diff-fields.js';
import { matchLive } from './match-live.js';
import { resolveDeclaredPmas } from '../../model/declared-pmas.js';

const HEADER = [
  ' Imported by `pcc import` from the live state. requestedSupportPlan cannot be read through the API:',
  ' add it to an entry if pcc should manage it. Once these entries are in a file, `pcc plan` shows them as adopt.',
];

/** The live relationships no file entry declares (by address or id pin): those an import writes out. */
function undeclaredBy(desired: readonly DesiredRelationship[]): (live: LiveRelationship) => boolean {
  const declared = matchedByEntries(desired, () => true);
  return (live) => !declared(live);
}

/** Live relationships no entry refers to, one per address: two at one address need a person to choose. */
function importable(live: readonly LiveRelationshipState[], claimed: ReadonlySet<string>): { chosen: LiveRelationshipState[]; notes: string[] } {
  const byAddress = new Map<string, LiveRelationshipState[]>();
  for (const item of live.filter((l) => !claimed.has(l.id))) {
    const address = liveAddressOf(item);
    const group = byAddress.get(address);
    if (group) group.push(item);
    else byAddress.set(address, [item]);
  }
  const chosen: LiveRelationshipState[] = [];
  const notes: string[] = [];
  for (const [address, items] of byAddress) {
    if (items.length === 1) chosen.push(items[0] as LiveRelationshipState);
    else
      notes.push(
        `pcc import: skipped ${clean(address)}: ${items.length} live relationships have it (${items.map((i) => clean(i.id)).join(', ')}); declare one by hand with an id pin\n`,
      );
  }
  return { chosen, notes };
}

/** An entry from the live relationship, field by field as the table says; document fields go on the document. */
function entryOf(live: LiveRelationshipState): Record<string, unknown> {
  const read = live as unknown as Record<string, unknown>;
  const fields = FIELD_ROWS.flatMap(([name, row]): [string, unknown][] => {
    if (row.normalise === 'documentDefault') return [];
    if (row.normalise === 'tagMap') {
      const tags = userTagsOf(live.tags);
      return Object.keys(tags).length > 0 ? [[name, tags]] : [];
    }
    // A write-only field (the support plan) cannot be read, so it cannot be imported; an absent member is unknown.
    const value = isReadable(row) ? read[readNameOf(name)] : undefined;
    return value === undefined || value === '' ? [] : [[name, value]];
  });
  return Object.fromEntries(fields);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Writes the relationships into the draft: a document per catalog and PMA (sorted), its fields as document defaults.
 * A PMA that `nameOf` names (declared in a file, or written by this import) is named so (`programManagementAccount:`),
 * instead of by its id.
 */
export function writeRelationships(
  draft: ImportDraft,
  relationships: readonly LiveRelationshipState[],
  nameOf: (catalog: string, pmaId: string) => string | undefined = () => undefined,
): void {
  const groups = new Map<string, LiveRelationshipState[]>();
  for (const live of relationships) {
    const key = `${live.catalog}/${live.programManagementAccountId}`;
    const group = groups.get(key);
    if (group) group.push(live);
    else groups.set(key, [live]);
  }
  for (const key of [...groups.keys()].sort(byText)) {
    const members = [...(groups.get(key) ?? [])].sort((a, b) => byText(a.associatedAccountId, b.associatedAccountId));
    const first = members[0] as LiveRelationshipState;
    const pmaName = nameOf(first.catalog, first.programManagementAccountId);
    const defaults = Object.fromEntries(
      DOCUMENT_FIELDS.map((name): [string, unknown] =>
        name === 'programManagementAccountIdentifier' && pmaName !== undefined
          ? ['programManagementAccount', pmaName]
          : [name, (first as unknown as Record<string, unknown>)[readNameOf(name)]],
      ),
    );
    const entries = members.map((live) => {
      const entry = entryOf(live);
      draft.entries.set(live.id, entry);
      return entry;
    });
    draft.documents.push({ ...defaults, relationships: entries });
  }
  if (relationships.length > 0) draft.header.push(...HEADER);
}

export const relationshipImporter: KindImporter = {
  noun: { one: 'relationship', many: 'relationships' },
  // For the relationships it writes out, resaleAccountModel: only GetRelationship returns it.
  readOptions: ({ desired, extraScopes }) => ({ extraScopes, detailsOf: undeclaredBy(desired.relationships) }),
  select(desired, live) {
    // Entries naming a declared PMA claim their relationships under its live id.
    const { claimed } = matchLive(resolveDeclaredPmas(desired, live).relationships, live.relationships);
    const { chosen, notes } = importable(live.relationships, claimed);
    return {
      count: chosen.length,
      notes,
      write: (draft) => writeRelationships(draft, chosen, (catalog, pmaId) => pmaNameFor(draft, desired, live, catalog, pmaId)),
    };
  },
};
