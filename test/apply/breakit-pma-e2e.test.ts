/**
 * Defects found by review of issue 21, end to end (built CLI → SDK → emulator), against an emulator that plays the
 * answer AWS does not rule out: DeleteProgramManagementAccount of a PMA with relationships deletes them with it
 * (`pmaDeleteWithRelationships: 'cascade'`). Each shows relationships lost by a plan that deletes their PMA.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SET_MARKER } from '../../src/desired/set-root.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, entry, managedSeed, MANAGED, pcc, workspaceForTest } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 2121, pmaDeleteWithRelationships: 'cascade' }, { per: 'test' });

const KEEP = 'pma-keep000000001';
const OTHER = 'pma-byid000000001';

async function files(cwd: string, docs: Record<string, unknown>[]): Promise<void> {
  await writeFile(join(cwd, 'relationships', 'main.yaml'), docs.map((doc) => stringify(doc)).join('---\n'), 'utf8');
}

const declared = (name: string, account: string, extra: Record<string, unknown> = {}) => ({
  name,
  program: 'DISTRIBUTION',
  accountId: account,
  displayName: name,
  ...extra,
});

describe('breakit: relationships lost with their PMA (cascading delete)', () => {
  it('#6 e2e: apply --prune keeps a PMA that a document names by id, and the relationship it creates under it', async () => {
    const ws = await workspaceForTest([]);
    h.state.createPma({ id: KEEP, program: 'DISTRIBUTION', accountId: '111122223333', displayName: 'keep', tags: { ...MANAGED } });
    h.state.createPma({ id: OTHER, program: 'DISTRIBUTION', accountId: '555566667777', displayName: 'by id', tags: { ...MANAGED } });
    await files(ws.cwd, [
      { catalog: 'AWS', programManagementAccounts: [declared('keep', '111122223333')] },
      { catalog: 'AWS', programManagementAccountIdentifier: OTHER, relationships: [entry(1, { resaleAccountModel: 'END_CUSTOMER' })] },
    ]);
    const applied = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    // The file names OTHER and declares a relationship under it: after apply both must exist.
    expect(
      h.state.pmas().map((p) => p.id),
      applied.stdout,
    ).toContain(OTHER);
    expect(
      h.state.relationships().filter((r) => r.associatedAccountId === accountId(1)),
      applied.stdout,
    ).toHaveLength(1);
  });

  it('#1 e2e: apply --allow-replace of a pinned PMA never deletes the relationships under it', async () => {
    const ws = await workspaceForTest([]);
    h.state.createPma({ id: KEEP, program: 'DISTRIBUTION', accountId: '111122223333', displayName: 'emea', tags: { ...MANAGED } });
    h.state.seedRelationship({ ...managedSeed(2), pmaId: KEEP });
    await files(ws.cwd, [
      { catalog: 'AWS', programManagementAccounts: [declared('emea', '999999999999', { id: KEEP })] },
      { catalog: 'AWS', programManagementAccount: 'emea', relationships: [entry(2, { resaleAccountModel: 'END_CUSTOMER', tags: { team: 'a' } })] },
    ]);
    const applied = await pcc(ws, h.env, ['apply', '--allow-replace', '--auto-approve']);
    expect(
      h.state.relationships().filter((r) => r.associatedAccountId === accountId(2)),
      applied.stdout,
    ).toHaveLength(1);
  });
});
