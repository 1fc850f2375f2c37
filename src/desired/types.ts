import type { RelationshipSpec } from '../model/relationship.js';
import type { ServicePeriod } from '../model/service-period.js';
import type { KindDesiredParts } from '../kinds/registry.js';

/** Where an entry was declared. 1-based line and column. */
export interface SourceRef {
  /** Relative to the working directory, forward slashes. */
  file: string;
  line: number;
  column: number;
}

/**
 * One relationship from the files, after document defaults (catalog, programManagementAccountIdentifier) are
 * applied and the entry passed schema and rules. `tags` holds user tags only.
 */
export interface DesiredRelationship extends RelationshipSpec {
  /** `<catalog>/<pma-id>/<associatedAccountId>` (see model/address.ts). */
  address: string;
  /**
   * The bare `pma-…` id, whether the file used an id or an ARN. Named by `programManagementAccount`, the name until
   * resolveDeclaredPmas (src/model/declared-pmas.ts) finds the declared PMA live; `address` too.
   */
  pmaId: string;
  /** The name of the declared PMA the entry (or its document) names with `programManagementAccount:`; absent for an id or ARN. */
  programManagementAccount?: string;
  /** Optional `rs-…` pin to one existing relationship. */
  id?: string;
  /** The service period to agree with the customer (a channel handshake, not part of the relationship). */
  servicePeriod?: ServicePeriod;
  source: SourceRef;
  /** Which entry of which YAML document of `source.file` (0-based): where a field's own line can be found again. */
  entry: { docIndex: number; index: number };
}

export interface DesiredFile {
  path: string;
  /** sha256 hex of the file's bytes. */
  sha256: string;
}

/**
 * A program management account the files speak for: named by a document's defaults (even one whose
 * `relationships` list is empty) or by an entry. Only these PMAs are read, and only in them are managed
 * relationships that no file declares pruned, so a repository never touches PMAs it does not name.
 */
export interface DesiredScope {
  catalog: string;
  /** The bare `pma-…` id; for a declared PMA named by `programManagementAccount`, its name until resolved (as DesiredRelationship). */
  pmaId: string;
  /** The declared PMA's name, when the files name it so. */
  programManagementAccount?: string;
  /** Where the files first name it: a document's programManagementAccountIdentifier, or an entry. */
  source?: SourceRef;
}

/**
 * An address listed under a document's `released:` (terraform's `removed` block with `destroy = false`): pcc stops
 * managing the relationship there (removes its `pcc:` tags) and leaves everything else as it is.
 */
export interface DesiredRelease {
  /**
   * `<catalog>/<pma-id>/<associatedAccountId>`, as written (the bare `pma-…` id), or in name form
   * `<catalog>/<declared PMA name>/<associatedAccountId>` (resolved to the id form once the PMA is live: declared-pmas.ts).
   */
  address: string;
  catalog: string;
  /** The `pma-…` id, or the declared PMA's name (name form). */
  pmaId: string;
  source: SourceRef;
}

/**
 * Everything declared under `--dir`, in a stable order (files sorted by path, entries in file order): each kind's
 * part (src/kinds/registry.ts, e.g. `relationships`, `released`) and what the loader adds.
 */
export interface DesiredState extends KindDesiredParts {
  /** Sorted by catalog, then PMA id; no duplicates. */
  scopes: DesiredScope[];
  files: DesiredFile[];
  /** sha256 hex over the files' paths and hashes: a saved plan records it, apply checks it. */
  hash: string;
}
