/**
 * A rehearsal starts with the partner's own program management accounts: the emulator creates each PMA the
 * relationship files name (by catalog and `pma-…` id) that it does not hold yet, so that `pcc emulator` then
 * `pcc plan` in a repository works as README shows, without `--auto-create-pmas` or the AWS CLI.
 */
import type { DesiredScope } from '../desired/types.js';
import { pmaIdOf } from '../model/address.js';
import type { EmulatorState } from './state.js';

/** Creates the missing PMAs of `scopes` (ACTIVE, SOLUTION_PROVIDER); returns `catalog/pma-…` of each one created. */
export function createPmasNamedByFiles(state: EmulatorState, scopes: readonly DesiredScope[]): string[] {
  const created: string[] = [];
  for (const scope of scopes) {
    const id = pmaIdOf(scope.pmaId);
    // A declared PMA named by its name (`programManagementAccount:`) is created by apply, not made up here.
    if (scope.programManagementAccount !== undefined || !id.startsWith('pma-') || state.getPma(id)) continue;
    state.createPma({ id, catalog: scope.catalog, displayName: `Rehearsal ${id}`.slice(0, 30) });
    created.push(`${scope.catalog}/${id}`);
  }
  return created;
}
