import { Document } from 'yaml';
import { formatYaml } from '../desired/format-yaml.js';
import type { ImportDraft } from './kind-importer.js';

/** An empty draft: the kinds write into it in registry order (src/commands/kind-importer.ts). */
export const emptyDraft = (): ImportDraft => ({ documents: [], entries: new Map(), header: [] });

/**
 * The kinds' imported documents as a file in the SPEC format: a yaml-language-server modeline on every document,
 * the kinds' header lines on the first, values as written (account ids quoted), then `pcc fmt`'s canonical layout.
 * Pure: data in, text out. `schemaPath` is written into the modeline, relative to where the file will live.
 */
export function importYaml(draft: ImportDraft, schemaPath: string): string {
  const documents = draft.documents.map((members, index) => {
    const doc = new Document(members);
    // yaml-language-server reads a modeline per document: without one, a second document gets no checks.
    const modeline = ` yaml-language-server: $schema=${schemaPath}`;
    doc.commentBefore = index === 0 ? [modeline, ...draft.header].join('\n') : modeline;
    return doc.toString({ indent: 2, indentSeq: true, lineWidth: 0 });
  });
  const text = documents.join('---\n');
  const formatted = formatYaml(text);
  // What we just generated always parses; fall back to it unformatted rather than lose an import.
  return formatted.ok ? formatted.text : text;
}
