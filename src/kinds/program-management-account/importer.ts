/** `pcc import` for program management accounts: the live PMAs no file declares (helper pma-around fills this in). */
import type { KindImporter } from '../../commands/kind-importer.js';

export const programManagementAccountImporter: KindImporter = {
  readOptions: () => ({}),
  select: () => ({ count: 0, notes: [], write: () => undefined }),
};
