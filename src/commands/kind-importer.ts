/**
 * What `pcc import` needs of a resource kind (issue 20): the engine loads the files, reads the live state with the
 * options every kind asks for, lets each kind of the registry in turn choose the live items no file declares and
 * write its part of the imported documents, then lays out, writes and reports them. The engine never names a
 * kind; a kind brings this as `importer` (src/kinds/resource-kind.ts).
 */
import type { DesiredScope, DesiredState } from '../desired/types.js';
import type { KindReadOptions } from '../kinds/registry.js';
import type { RefreshedLiveState } from '../live/read-live.js';

/** The documents being imported, written by the kinds in registry order (a later kind may add to an earlier one's). */
export interface ImportDraft {
  /** The YAML documents, in the order written: each its top-level members in order (document defaults, sections). */
  documents: Record<string, unknown>[];
  /** Each written entry by the live id of what it stands for: a later kind adds its members to it (a service period its `servicePeriod`). */
  entries: Map<string, Record<string, unknown>>;
  /** Comment lines of the first document's header, after its schema modeline (e.g. what cannot be imported). */
  header: string[];
}

/** What an import reads: the files' desired state, and the PMAs `--pma` names besides. */
export interface ImportInput {
  desired: DesiredState;
  extraScopes: readonly DesiredScope[];
}

/** What one kind chose to import from the live state. */
export interface ImportSelection {
  /** How many items it writes as entries of its own (0 for a kind whose members ride on another kind's entries). */
  count: number;
  /** Notes for stderr, in order: items it skipped and why, parts of the live state it could not read. */
  notes: string[];
  /** Writes its part of the draft. */
  write(draft: ImportDraft): void;
}

export interface KindImporter {
  /** What it imports as entries of its own, in words (`relationship`/`relationships`); absent for a kind that has none. */
  readonly noun?: { readonly one: string; readonly many: string };
  /** Its read options for an import: what it needs read of the live items no file declares. */
  readOptions(input: ImportInput): Partial<KindReadOptions>;
  /** The live items of this kind no file declares (with what the kinds before it chose in the live state). */
  select(desired: DesiredState, live: RefreshedLiveState): ImportSelection;
}
