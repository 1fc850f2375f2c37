import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { SET_MARKER } from '../../src/desired/set-root.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

/**
 * Prune acts only in the PMAs the files name, and a document with defaults and `relationships: []` names its
 * PMA: that is how a repository empties a PMA it owns without touching PMAs it does not name.
 */
const KEPT_PMA = 'pma-u8ic702rtzng8';
const EMPTIED_PMA = 'pma-7h2k9x4m1q3w5';
const OTHER_PMA = 'pma-0ther0pma0000';

let emulator: RunningEmulator;
let cwd: string;
beforeEach(async () => {
  emulator = await startEmulator({ maxPageSize: 2, idSeed: 3 });
  const seed = (pmaId: string, associatedAccountId: string, managed: boolean) =>
    emulator.state.seedRelationship({
      pmaId,
      associatedAccountId,
      associationType: 'END_CUSTOMER',
      displayName: `Customer ${associatedAccountId.slice(-4)}`,
      sector: 'COMMERCIAL',
      tags: managed ? { 'pcc:managed': 'true' } : {},
    });
  seed(KEPT_PMA, '111122223333', true);
  seed(EMPTIED_PMA, '222233334444', true);
  seed(EMPTIED_PMA, '333344445555', false);
  seed(OTHER_PMA, '444455556666', true);
  cwd = await mkdtemp(join(tmpdir(), 'pcc-prune-scope-'));
  await mkdir(join(cwd, 'relationships'));
  await writeFile(join(cwd, 'relationships', SET_MARKER), '');
  await writeFile(
    join(cwd, 'relationships', 'kept.yaml'),
    `catalog: AWS\nprogramManagementAccountIdentifier: ${KEPT_PMA}\nrelationships:\n  - associatedAccountId: "111122223333"\n    associationType: END_CUSTOMER\n    displayName: Customer 3333\n    sector: COMMERCIAL\n`,
  );
});
afterEach(async () => {
  await emulator.stop();
  await rm(cwd, { recursive: true, force: true });
});

async function planJson(args: string[]): Promise<Plan> {
  const result = await runCli(['plan', '--format', 'json', ...args], { cwd, env: emulatorEnv(emulator.endpoint) });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Plan;
}

describe('pcc plan --prune: scope', () => {
  it('never reads or prunes a PMA that no file names', async () => {
    const plan = await planJson(['--prune']);
    expect(plan.changes.map((c) => [c.address, c.action])).toEqual([['AWS/pma-u8ic702rtzng8/111122223333', 'no-op']]);
    expect(plan.unmanaged).toEqual([]);
  });

  it('prunes the managed relationships of a PMA whose document lists none, and leaves its unmanaged ones', async () => {
    await writeFile(join(cwd, 'relationships', 'emptied.yaml'), `catalog: AWS\nprogramManagementAccountIdentifier: ${EMPTIED_PMA}\nrelationships: []\n`);
    const plan = await planJson(['--prune']);
    expect(plan.changes.map((c) => [c.address, c.action])).toEqual([
      ['AWS/pma-7h2k9x4m1q3w5/222233334444', 'delete'],
      ['AWS/pma-u8ic702rtzng8/111122223333', 'no-op'],
    ]);
    expect(plan.unmanaged.map((u) => u.address)).toEqual(['AWS/pma-7h2k9x4m1q3w5/333344445555']);
    // The PMA nobody names was never listed.
    expect(plan.changes.some((c) => c.address.includes(OTHER_PMA))).toBe(false);

    const withoutPrune = await planJson([]);
    expect(withoutPrune.changes.filter((c) => c.action === 'delete')).toEqual([]);
  });
});
