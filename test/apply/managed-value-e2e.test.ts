/**
 * SPEC "Ownership and state": only relationships carrying `pcc:managed` with the exact value `true` are ever
 * deleted; any other value is reported, never deleted. `pcc:managed=false` (someone telling pcc "hands off")
 * must not be pruned, nor deleted by a replace. The built CLI against the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createWorkspace, entry, mutatingCalls, pcc, PMA, seedEntry, type Workspace } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 27 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace;
afterEach(() => ws.remove());

describe('pcc:managed with a value other than true', () => {
  it('is not pruned: reported as unmanaged; only pcc:managed=true is deleted', async () => {
    seedEntry(h.emulator, 1, { tags: { 'pcc:managed': 'false' } });
    seedEntry(h.emulator, 2, { tags: { 'pcc:managed': '' } });
    seedEntry(h.emulator, 3, { tags: { 'pcc:managed': 'TRUE' } });
    seedEntry(h.emulator, 4, { tags: { 'pcc:managed': 'true' } });
    ws = await createWorkspace([]); // names the PMA, declares nothing
    const plan = await pcc(ws, h.env, ['plan', '--prune', '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    const parsed = JSON.parse(plan.stdout) as { changes: Array<{ action: string; address: string }>; unmanaged: Array<{ address: string }> };
    expect(parsed.changes.map((c) => [c.action, c.address.split('/')[2]])).toEqual([['delete', '100000000004']]);
    expect(parsed.unmanaged.map((u) => u.address.split('/')[2])).toEqual(['100000000001', '100000000002', '100000000003']);

    const applied = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain('1 deleted, 0 failed');
    expect(
      h.state
        .relationships()
        .map((r) => r.displayName)
        .sort(),
    ).toEqual(['Customer 1', 'Customer 2', 'Customer 3']);
  });

  it('is not replaced with --allow-replace: the replace is blocked, nothing is deleted', async () => {
    seedEntry(h.emulator, 5, { tags: { 'pcc:managed': 'false' }, associationType: 'DOWNSTREAM_SELLER' });
    ws = await createWorkspace([entry(5)]);
    const applied = await pcc(ws, h.env, ['apply', '--allow-replace', '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(mutatingCalls(h.emulator)).toBe(0);
    expect(h.state.relationships().map((r) => r.associationType)).toEqual(['DOWNSTREAM_SELLER']);
  });
});
