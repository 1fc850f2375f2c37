/**
 * `released:` lists (terraform's `removed { lifecycle { destroy = false } }`): the addresses pcc is to stop managing.
 * Written in a file so that letting go of a relationship is reviewed in a pull request like any other change, and
 * stays in the history; a command-line flag would leave no trace of who decided it. Rules: an address is released
 * once, is not also declared under `relationships`, and lies in a PMA the files name (only those are read). Under a
 * PMA the files declare and name by its name, an address may be in name form (`AWS/emea/…`), as its entries are.
 */
import type { Problem } from '../../diagnostics/diagnostic.js';
import type { CheckedDocument } from '../../desired/check-documents.js';
import { quote } from '../../desired/describe-value.js';
import { toPointer } from '../../desired/locate-node.js';
import type { DesiredRelationship, DesiredRelease, DesiredScope } from '../../desired/types.js';

export interface ReleasedCheck {
  released: DesiredRelease[];
  diagnostics: Problem[];
}

const where = (release: DesiredRelease) => `${release.source.file}:${release.source.line}:${release.source.column}`;

/** Every address listed under `released:` that passed the schema, in file order, with its place. */
function listed(documents: readonly CheckedDocument[]): Array<{ release: DesiredRelease; index: number }> {
  const out: Array<{ release: DesiredRelease; index: number }> = [];
  for (const { value, dirty, source, docIndex } of documents) {
    const list = value.released;
    if (!Array.isArray(list)) continue;
    list.forEach((address: unknown, index) => {
      if (typeof address !== 'string' || dirty.has(`/released/${index}`)) return;
      const [catalog = '', pmaId = ''] = address.split('/');
      out.push({ release: { address, catalog, pmaId, source: { file: source.file, ...source.valueAt(docIndex, ['released', index]) } }, index });
    });
  }
  return out;
}

function problem(release: DesiredRelease, index: number, code: string, message: string, hint: string): Problem {
  return { code, severity: 'error', message, hint, ...release.source, path: toPointer(['released', index]) };
}

const PMA_ID = /^pma-[a-z0-9]{13}$/;

/**
 * A release in a PMA no document or entry names (`release-outside-scope`), with a hint that holds: an id-form address
 * in a catalog whose documents name their PMA by its declared name is written in name form (the id is not known
 * before the PMA is read); a name no file declares is declared or written as an id; else the PMA is named.
 */
function outsideScope(release: DesiredRelease, index: number, scopes: readonly DesiredScope[]): Problem {
  const account = release.address.split('/')[2] ?? '';
  const names = [
    ...new Set(
      scopes.filter((scope) => scope.catalog === release.catalog && scope.programManagementAccount !== undefined).map((scope) => scope.programManagementAccount ?? ''),
    ),
  ].sort();
  const message = `${quote(release.address)} is in ${release.catalog}/${release.pmaId}, which no document or entry names, so pcc does not read it`;
  let hint: string;
  if (!PMA_ID.test(release.pmaId)) {
    hint = `${release.pmaId} is no program management account the files declare and name: write the address with its declared name or its pma-… id, under a PMA some document names`;
  } else if (names.length > 0) {
    const forms = names.map((name) => `${release.catalog}/${name}/${account}`).join(' or ');
    hint = `if ${release.pmaId} is the PMA the files name by its declared name, write the address in name form (${forms}); else name ${release.pmaId} with programManagementAccountIdentifier: in some document`;
  } else {
    hint = `set programManagementAccountIdentifier: ${release.pmaId} (and catalog: ${release.catalog}) at the top of this document`;
  }
  return problem(release, index, 'release-outside-scope', message, hint);
}

/**
 * The releases the files declare, and the problems with them: a duplicate (`duplicate-release`), an address also
 * declared as an entry (`release-also-declared`), a PMA no document or entry names (`release-outside-scope`).
 */
export function checkReleased(documents: readonly CheckedDocument[], relationships: readonly DesiredRelationship[], scopes: readonly DesiredScope[]): ReleasedCheck {
  const declared = new Map(relationships.map((entry) => [entry.address, entry]));
  const named = new Set(scopes.map((scope) => `${scope.catalog}/${scope.pmaId}`));
  const first = new Map<string, DesiredRelease>();
  const released: DesiredRelease[] = [];
  const diagnostics: Problem[] = [];
  for (const { release, index } of listed(documents)) {
    const earlier = first.get(release.address);
    const entry = declared.get(release.address);
    if (earlier) {
      diagnostics.push(
        problem(release, index, 'duplicate-release', `${quote(release.address)} is released twice: here and at ${where(earlier)}`, 'keep one of the two lines'),
      );
    } else if (entry) {
      const at = `${entry.source.file}:${entry.source.line}:${entry.source.column}`;
      diagnostics.push(
        problem(
          release,
          index,
          'release-also-declared',
          `${quote(release.address)} is released here but declared at ${at}: pcc cannot both manage it and let it go`,
          'to stop managing it, remove its entry; to keep managing it, remove this line',
        ),
      );
    } else if (!named.has(`${release.catalog}/${release.pmaId}`)) {
      diagnostics.push(outsideScope(release, index, scopes));
    } else {
      released.push(release);
    }
    first.set(release.address, earlier ?? release);
  }
  return { released, diagnostics };
}
