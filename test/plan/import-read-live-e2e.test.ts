/**
 * `pcc import` reads the live state through readLive (issue 11, item 5), built CLI → SDK → emulator: the one read
 * path plan uses, with import's own needs as options (details and service periods of what no file declares;
 * handshakes that may be refused).
 */
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { accountId, entry, pcc, PMA, seedEntry, workspaceForTest } from '../support/e2e-helpers.js';

const NOTICE_30 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 };
const NOTE = 'pcc import: service periods were not read (no permission for partnercentral:ListChannelHandshakes); entries have no servicePeriod';

describe('pcc import without permission to list handshakes', () => {
  const h = withEmulator({ idSeed: 31, deny: ['ListChannelHandshakes'] }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

  it('a file that declares a service period does not stop the import: the undeclared one is written, with the note', async () => {
    seedEntry(h.emulator, 1);
    seedEntry(h.emulator, 2);
    const ws = await workspaceForTest([entry(1, { servicePeriod: NOTICE_30 })]);
    const imported = await pcc(ws, h.env, ['import']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`associatedAccountId: "${accountId(2)}"`);
    expect(imported.stdout).not.toContain(`associatedAccountId: "${accountId(1)}"`);
    expect(imported.stdout).not.toContain('servicePeriod:');
    expect(imported.stderr).toContain(NOTE);
    expect(imported.stderr).toContain('Imported 1 relationship');
  });

  it('plan still fails on the refused read: it must not request periods it could not see', async () => {
    seedEntry(h.emulator, 1);
    const ws = await workspaceForTest([entry(1, { servicePeriod: NOTICE_30 })]);
    const planned = await pcc(ws, h.env, ['plan']);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toMatch(/cannot read the live state: .*ListChannelHandshakes/i);
  });

  it('files that declare no service period still plan and apply with a role that cannot list handshakes (one made before service periods)', async () => {
    seedEntry(h.emulator, 1);
    const ws = await workspaceForTest([entry(1, { displayName: 'Renamed' }), entry(2)]);
    const planned = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(planned.code, planned.stderr).toBe(2);
    expect(planned.stdout).toContain(`${accountId(2)} will be created`);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('pcc import reads', () => {
  const h = withEmulator({ idSeed: 32 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

  it('GetRelationship and ListChannelHandshakes only for what no file declares, once each (per handshake type)', async () => {
    for (const i of [1, 2, 3]) seedEntry(h.emulator, i);
    const ws = await workspaceForTest([entry(1)]);
    const imported = await pcc(ws, h.env, ['import']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('Imported 2 relationships');
    expect(h.emulator.stats.calls.GetRelationship).toBe(2);
    // START_ and REVOKE_SERVICE_PERIOD: a revoke the customer accepted ends the period import would write.
    expect(h.emulator.stats.calls.ListChannelHandshakes).toBe(2);
  });
});
