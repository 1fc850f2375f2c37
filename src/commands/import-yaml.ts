import { Document } from 'yaml';
import { formatYaml } from '../desired/format-yaml.js';
import type { LiveRelationshipState } from '../live/live-state.js';
import { DOCUMENT_FIELDS, FIELD_ROWS, isReadable, readNameOf } from '../model/relationship-fields.js';
import type { ServicePeriod } from '../model/service-period.js';
import { userTagsOf } from '../kinds/relationship/diff-fields.js';

/**
 * Live relationships as a relationships file in the SPEC format: one YAML document per catalog and PMA, entries
 * sorted by account id, account ids quoted, user tags only (never `pcc:`), then `pcc fmt`'s canonical layout.
 * requestedSupportPlan is write-only, so it cannot be imported: the header says so. Pure: data in, text out.
 */

const HEADER = [
  ' Imported by `pcc import` from the live state. requestedSupportPlan cannot be read through the API:',
  ' add it to an entry if pcc should manage it. Once these entries are in a file, `pcc plan` shows them as adopt.',
];

/** An entry from the live relationship, field by field as the table says; document fields go on the document. */
function entryOf(live: LiveRelationshipState, period: ServicePeriod | undefined): Record<string, unknown> {
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
  return { ...Object.fromEntries(fields), ...(period ? { servicePeriod: period } : {}) };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `schemaPath` is written into the yaml-language-server modeline, relative to where the file will live.
 * `periods` holds the accepted service period of a relationship (by id), written as its `servicePeriod`.
 */
export function importYaml(relationships: readonly LiveRelationshipState[], schemaPath: string, periods: ReadonlyMap<string, ServicePeriod> = new Map()): string {
  const groups = new Map<string, LiveRelationshipState[]>();
  for (const live of relationships) {
    const key = `${live.catalog}/${live.programManagementAccountId}`;
    groups.set(key, [...(groups.get(key) ?? []), live]);
  }
  const documents = [...groups.keys()].sort(byText).map((key, index) => {
    const members = [...(groups.get(key) ?? [])].sort((a, b) => byText(a.associatedAccountId, b.associatedAccountId));
    const first = members[0] as LiveRelationshipState;
    const defaults = Object.fromEntries(DOCUMENT_FIELDS.map((name) => [name, (first as unknown as Record<string, unknown>)[readNameOf(name)]]));
    const doc = new Document({
      ...defaults,
      relationships: members.map((live) => entryOf(live, periods.get(live.id))),
    });
    // yaml-language-server reads a modeline per document: without one, a second document gets no checks.
    const modeline = ` yaml-language-server: $schema=${schemaPath}`;
    doc.commentBefore = index === 0 ? [modeline, ...HEADER].join('\n') : modeline;
    return doc.toString({ indent: 2, indentSeq: true, lineWidth: 0 });
  });
  const text = documents.join('---\n');
  const formatted = formatYaml(text);
  // What we just generated always parses; fall back to it unformatted rather than lose an import.
  return formatted.ok ? formatted.text : text;
}
