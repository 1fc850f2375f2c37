/**
 * `pcc import` for program management accounts: the live PMAs no file declares (by address or `id` pin), in the
 * catalogs where files declare PMAs, written as a `programManagementAccounts:` section, one document per catalog,
 * each PMA under a name derived from its displayName. Written first (registry order), so the relationships an
 * import writes can name them (`programManagementAccount: NAME`, see pmaNameFor). User tags only (never `pcc:` or `aws:`).
 */
import type { ImportDraft, KindImporter } from '../../commands/kind-importer.js';
import type { DesiredState } from '../../desired/types.js';
import { sanitizeForTerminal as clean } from '../../io/sanitize.js';
import type { LiveState } from '../../live/live-state.js';
import { resolveDeclaredPmas } from '../../model/declared-pmas.js';
import { isReservedTagKey } from '../../model/ownership-tags.js';
import type { DesiredProgramManagementAccount } from './desired-pma.js';
import { pmaAddressOf } from './pma-address.js';
import type { LiveProgramManagementAccountState } from './pma-live-state.js';

/** The name rule of the format: lower-case letters, digits and single hyphens; at most 64; never a `pma-…` id. */
const NAME_LENGTH = 64;
const PMA_ID = /^pma-[a-z0-9]{13}$/;

/** A live PMA an import can declare: the members its address needs are there. */
type ImportablePma = LiveProgramManagementAccountState & { id: string; program: string; accountId: string };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `EMEA Distribution (Ltd.)` → `emea-distribution-ltd`; `pma` when nothing is left. */
function baseNameOf(displayName: string | undefined): string {
  const base = (displayName ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents off their letters: é → e
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, NAME_LENGTH)
    .replace(/-+$/, '');
  return base === '' ? 'pma' : base;
}

/**
 * A name no other PMA of the set has (`taken`, compared as written: names are lower-case), and never of the form of
 * a `pma-…` id: the base, else the base with `-2`, `-3`, … (cut so that the whole stays within 64 characters).
 */
export function uniquePmaName(displayName: string | undefined, taken: ReadonlySet<string>): string {
  const base = baseNameOf(displayName);
  const free = (name: string) => !taken.has(name) && !PMA_ID.test(name);
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const name = `${base.slice(0, NAME_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (free(name)) return name;
  }
}

/**
 * The live PMAs no declared PMA stands for (by its address, or its `id` pin), in the catalogs where a file declares
 * PMAs: there pcc manages the PMAs, and import writes the rest. Elsewhere (repositories that name PMAs by id only)
 * it writes none, and a note says how many it left and how to have them written.
 */
function undeclared(
  desired: readonly DesiredProgramManagementAccount[],
  live: readonly LiveProgramManagementAccountState[],
): { chosen: ImportablePma[]; notes: string[] } {
  const declaring = new Set(desired.map((pma) => pma.catalog));
  const addresses = new Set(desired.map((pma) => pma.address));
  const pinned = new Set(desired.flatMap((pma) => (pma.id ? [`${pma.catalog}/${pma.id}`] : [])));
  const chosen: ImportablePma[] = [];
  const notes: string[] = [];
  const left = new Map<string, number>();
  for (const pma of live) {
    if (pma.id !== undefined && pinned.has(`${pma.catalog}/${pma.id}`)) continue;
    if (pma.program !== undefined && pma.accountId !== undefined && addresses.has(pmaAddressOf(pma.catalog, pma.program, pma.accountId))) continue;
    if (!declaring.has(pma.catalog)) {
      left.set(pma.catalog, (left.get(pma.catalog) ?? 0) + 1);
      continue;
    }
    if (pma.id === undefined || pma.program === undefined || pma.accountId === undefined) {
      notes.push(
        `pcc import: skipped a program management account in ${clean(pma.catalog)} (${clean(pma.id ?? 'no id')}): the service did not give its id, program and account\n`,
      );
      continue;
    }
    chosen.push(pma as ImportablePma);
  }
  for (const [catalog, count] of left) {
    notes.push(
      `pcc import: ${count} program management account${count === 1 ? '' : 's'} of the ${clean(catalog)} catalog ${count === 1 ? 'is' : 'are'} not written: no file declares PMAs there (programManagementAccounts:); declare one, and import writes the others\n`,
    );
  }
  return { chosen, notes };
}

/** The entry of one PMA, as a file declares it (the document gives the catalog). */
function entryOf(pma: ImportablePma, name: string): Record<string, unknown> {
  const tags = Object.fromEntries(Object.entries(pma.tags ?? {}).filter(([key]) => !isReservedTagKey(key)));
  return {
    name,
    program: pma.program,
    accountId: pma.accountId,
    ...(pma.displayName ? { displayName: pma.displayName } : {}),
    ...(Object.keys(tags).length > 0 ? { tags } : {}),
  };
}

/** The PMAs with their names, in a stable order: catalog, then display name, then id. */
function named(desired: DesiredState, chosen: readonly ImportablePma[]): { pma: ImportablePma; name: string }[] {
  const taken = new Set(desired.programManagementAccounts.map((pma) => pma.name));
  const sorted = [...chosen].sort((a, b) => byText(a.catalog, b.catalog) || byText(a.displayName ?? '', b.displayName ?? '') || byText(a.id, b.id));
  return sorted.map((pma) => {
    const name = uniquePmaName(pma.displayName, taken);
    taken.add(name);
    return { pma, name };
  });
}

function writePmas(draft: ImportDraft, pmas: readonly { pma: ImportablePma; name: string }[]): void {
  for (const catalog of [...new Set(pmas.map(({ pma }) => pma.catalog))]) {
    const entries = pmas
      .filter(({ pma }) => pma.catalog === catalog)
      .map(({ pma, name }) => {
        const entry = entryOf(pma, name);
        draft.entries.set(pma.id, entry);
        return entry;
      });
    draft.documents.push({ catalog, programManagementAccounts: entries });
  }
  if (pmas.length > 0) {
    draft.header.push(' Program management accounts no file declared are under programManagementAccounts:, named from their display');
    draft.header.push(' names; rename one freely (and every programManagementAccount: that names it). `pcc plan` adopts them.');
  }
  // A PMA whose tags the read did not give (e.g. no ARN in the answer): its entry cannot carry them, and the plan
  // would show them as removals, so the header says so rather than write it untagged in silence.
  const untagged = pmas.filter(({ pma }) => pma.tags === undefined).map(({ name }) => name);
  if (untagged.length > 0) {
    draft.header.push(` The tags of ${untagged.join(', ')} were not read: \`pcc plan\` shows any they have as tags to remove; copy them in first.`);
  }
}

/**
 * The name the files will use for the PMA `catalog`/`pmaId`: the one this import gives it (an entry the PMA
 * importer wrote into the draft), else the name of the declared PMA at its address (or pinned to it); undefined when
 * no file declares it and the import does not either (its relationships then name it by id).
 */
export function pmaNameFor(draft: ImportDraft, desired: DesiredState, live: LiveState, catalog: string, pmaId: string): string | undefined {
  const imported = draft.entries.get(pmaId)?.name;
  if (typeof imported === 'string') return imported;
  return resolveDeclaredPmas(desired, live).pmaOf(catalog, pmaId)?.declared?.name;
}

export const programManagementAccountImporter: KindImporter = {
  noun: { one: 'program management account', many: 'program management accounts' },
  // The PMA read lists the catalogs the files name, and reads tags where a file declares PMAs: all import needs.
  readOptions: () => ({}),
  select(desired, live) {
    const { chosen, notes } = undeclared(desired.programManagementAccounts, live.programManagementAccounts ?? []);
    const pmas = named(desired, chosen);
    return { count: pmas.length, notes, write: (draft) => writePmas(draft, pmas) };
  },
};
