import type { SourceRef } from '../../desired/types.js';

/**
 * One program management account from the files (`programManagementAccounts:`), after the document's `catalog`
 * default is applied and the entry passed the schema and the rules. `tags` holds user tags only.
 */
export interface DesiredProgramManagementAccount {
  /** The handle relationship entries use (`programManagementAccount: NAME`); unique across every file. */
  name: string;
  catalog: string;
  program: string;
  /** The management account (12 digits). */
  accountId: string;
  displayName: string;
  tags: Record<string, string>;
  /** Optional `pma-…` pin to one existing PMA. */
  id?: string;
  /** `<catalog>/<program>/<accountId>` (pmaAddressOf). */
  address: string;
  source: SourceRef;
  /** Which entry of which YAML document of `source.file` (0-based). */
  entry: { docIndex: number; index: number };
}

/** What the PMA kind adds to the desired state. */
export interface ProgramManagementAccountDesiredPart {
  /** Every declared PMA, in file order (files sorted by path); empty when no file declares any. */
  programManagementAccounts: DesiredProgramManagementAccount[];
}
