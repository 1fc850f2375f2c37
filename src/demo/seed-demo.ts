import type { EmulatorState } from '../emulator/index.js';
import type { DesiredRelationship } from '../desired/types.js';
import { MANAGED_TAG, MANAGED_TAG_VALUE } from '../model/ownership-tags.js';

/** What the demo's emulator holds before the first plan, so each kind of plan line shows up once. */
export interface DemoSeed {
  /** Declared, live, not yet managed, and its displayName drifted: the plan adopts and updates it. */
  adopted?: string;
  /** Declared and managed, but its displayName was changed by hand: the plan updates it. */
  updated?: string;
  /** Live in a declared PMA, in no file: reported as unmanaged and never touched. */
  unmanaged: string;
}

const UNMANAGED_ACCOUNT = '999900001111';

/**
 * Every PMA the files name, plus a few live relationships: the first declared entry as an unmanaged, drifted
 * relationship (adopt), the second as a managed one renamed by hand (update), and one relationship no file
 * declares (unmanaged). The rest of the entries do not exist yet (create).
 */
export function seedDemo(state: EmulatorState, declared: readonly DesiredRelationship[]): DemoSeed {
  const pmas = new Map<string, string>();
  for (const entry of declared) pmas.set(entry.pmaId, entry.catalog);
  for (const [id, catalog] of pmas) state.createPma({ id, catalog, displayName: `Demo ${id}`.slice(0, 30) });

  const live = (entry: DesiredRelationship, displayName: string, tags: Record<string, string>) =>
    state.seedRelationship({
      catalog: entry.catalog,
      pmaId: entry.pmaId,
      associatedAccountId: entry.associatedAccountId,
      associationType: entry.associationType,
      displayName,
      sector: entry.sector,
      ...(entry.resaleAccountModel ? { resaleAccountModel: entry.resaleAccountModel } : {}),
      tags,
    });

  const [first, second] = declared;
  const adopted = first ? live(first, `${first.displayName} (old)`.slice(0, 30), {}) : undefined;
  const updated = second ? live(second, 'Renamed by hand', { [MANAGED_TAG]: MANAGED_TAG_VALUE, ...second.tags }) : undefined;
  const home = first ?? { catalog: 'AWS', pmaId: 'pma-u8ic702rtzng8' };
  if (!first) state.createPma({ id: home.pmaId });
  const unmanaged = state.seedRelationship({
    catalog: home.catalog,
    pmaId: home.pmaId,
    associatedAccountId: declared.some((e) => e.associatedAccountId === UNMANAGED_ACCOUNT) ? '999900002222' : UNMANAGED_ACCOUNT,
    associationType: 'DOWNSTREAM_SELLER',
    displayName: 'Legacy reseller (by hand)',
    sector: 'COMMERCIAL',
  });
  return {
    ...(adopted ? { adopted: adopted.id } : {}),
    ...(updated ? { updated: updated.id } : {}),
    unmanaged: unmanaged.id,
  };
}
