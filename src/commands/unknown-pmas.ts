/**
 * ListRelationships answers 404 when a PMA the files name does not exist in that catalog (a typo, or the wrong
 * catalog). The service does not say which PMA; ListProgramManagementAccounts can. This turns the 404 into one
 * diagnostic per unknown PMA, at the first entry that names it, so the user sees file:line:col and the catalog.
 */
import type { Problem } from '../diagnostics/diagnostic.js';
import type { DesiredState } from '../desired/types.js';
import { ApiError } from '../live/api-error.js';
import type { ChannelApi } from '../live/channel-api.js';
import type { PmaDirectory } from '../live/program-management-accounts.js';

const canListPmas = (api: ChannelApi): api is ChannelApi & PmaDirectory => typeof (api as Partial<PmaDirectory>).listProgramManagementAccounts === 'function';

/**
 * The PMAs of `desired.scopes` that their catalog does not hold, as diagnostics; undefined when `error` is not a
 * ListRelationships 404, when the PMAs cannot be listed (e.g. no permission), or when every PMA exists.
 * Never throws.
 */
export async function explainUnknownPmas(api: ChannelApi, desired: DesiredState, error: unknown): Promise<Problem[] | undefined> {
  if (!(error instanceof ApiError) || error.category !== 'not-found' || error.operation !== 'ListRelationships' || !canListPmas(api)) return undefined;
  const known = new Set<string>();
  try {
    for (const catalog of new Set(desired.scopes.map((scope) => scope.catalog))) {
      for (const pma of await api.listProgramManagementAccounts(catalog)) known.add(`${catalog}/${pma.id}`);
    }
  } catch {
    return undefined;
  }
  const diagnostics = desired.scopes
    // A PMA named by a declaration (`programManagementAccount: NAME`) is read only once it exists: never the 404's cause.
    .filter((scope) => scope.programManagementAccount === undefined && !known.has(`${scope.catalog}/${scope.pmaId}`))
    .map((scope): Problem => {
      const naming = desired.relationships.filter((entry) => entry.catalog === scope.catalog && entry.pmaId === scope.pmaId);
      const more = naming.length > 1 ? ` (and ${naming.length - 1} more entries name it)` : '';
      return {
        code: 'unknown-pma',
        severity: 'error',
        message: `program management account ${scope.pmaId} is not in the ${scope.catalog} catalog of this account${more}`,
        hint: 'run `pcc pmas` to list yours; a PMA lives in one catalog, and catalog names are case-sensitive (AWS, Sandbox)',
        // The first entry that names it, or the document default that does (a document with no entries yet).
        ...(naming[0]?.source ?? scope.source ?? {}),
      };
    });
  return diagnostics.length > 0 ? diagnostics : undefined;
}
