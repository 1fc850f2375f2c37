/**
 * Service-period handshakes under faults, end to end (built CLI → SDK → emulator), against an emulator that
 * forgets client tokens and would accept a second pending request (the model promises neither): throttles, 500s
 * and dropped answers on the handshake writes, a SIGKILL mid-apply then a rerun, and a cancel whose answer is
 * lost. None may leave two pending requests for one relationship.
 */
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { applyAndKill, entry, pcc, PMA, workspaceForTest } from '../support/e2e-helpers.js';

const ENVELOPE = { clientTokenTtlMs: 0, duplicateHandshakes: true } as const;
const NOTICE_30 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 };

const h = withEmulator({ idSeed: 71, ...ENVELOPE }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

/** Pending START_SERVICE_PERIOD handshakes per relationship id. */
function pendingPerRelationship(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const hs of h.state.handshakes()) {
    if (hs.status === 'PENDING' && hs.handshakeType === 'START_SERVICE_PERIOD') counts.set(hs.associatedResourceId, (counts.get(hs.associatedResourceId) ?? 0) + 1);
  }
  return counts;
}

const COUNT = 8;
const entries = (days = 30) => Array.from({ length: COUNT }, (_, i) => entry(i, { servicePeriod: { ...NOTICE_30, minimumNoticeDays: days } }));

describe('faults on the handshake writes', () => {
  for (const [kind, faults] of [
    ['throttles', { throttleRate: 0.3 }],
    ['500s', { internalErrorRate: 0.5 }],
    ['dropped answers', { dropAfterCommitRate: 0.5 }],
  ] as const) {
    it(`${kind} on CreateChannelHandshake and CancelChannelHandshake: one pending request per relationship, with the declared terms`, async () => {
      const ws = await workspaceForTest(entries());
      h.emulator.setFaults({ ...faults, seed: 5, operations: ['CreateChannelHandshake', 'CancelChannelHandshake'] });
      // Until it converges: a change may fail when the faults outlast pcc's attempts; a rerun finishes it.
      for (let run = 0; run < 4 && (await pcc(ws, h.env, ['apply', '--auto-approve'])).code !== 0; run++);
      expect([...pendingPerRelationship().values()]).toEqual(Array(COUNT).fill(1));
      await ws.write(entries(60));
      for (let run = 0; run < 4 && (await pcc(ws, h.env, ['apply', '--auto-approve'])).code !== 0; run++);
      h.emulator.setFaults(undefined);
      expect([...pendingPerRelationship().values()]).toEqual(Array(COUNT).fill(1));
      const pending = h.state.handshakes().filter((hs) => hs.status === 'PENDING');
      expect(pending.map((hs) => hs.detail.startServicePeriodHandshakeDetail?.minimumNoticeDays)).toEqual(Array(COUNT).fill('60'));
      expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
    });
  }
});

describe('a lost answer to a cancel (the cancel landed)', () => {
  it('the rerun ends with exactly one pending request, with the new terms', async () => {
    const ws = await workspaceForTest([entry(1, { servicePeriod: NOTICE_30 })]);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    await ws.write([entry(1, { servicePeriod: { ...NOTICE_30, minimumNoticeDays: 60 } })]);
    // Every cancel answer is lost, the SDK's retries too: the first apply may fail; the rerun must finish.
    h.emulator.setFaults({ dropAfterCommitRate: 1, operations: ['CancelChannelHandshake'] });
    const first = await pcc(ws, h.env, ['apply', '--auto-approve']);
    h.emulator.setFaults(undefined);
    expect(h.state.handshakes()[0]?.status).toBe('CANCELED');
    const rerun = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(rerun.code, `${first.stderr}\n${rerun.stderr}`).toBe(0);
    expect(h.state.handshakes().map((hs) => [hs.status, hs.detail.startServicePeriodHandshakeDetail?.minimumNoticeDays])).toEqual([
      ['CANCELED', '30'],
      ['PENDING', '60'],
    ]);
  });
});

describe('apply killed mid-way through the requests', () => {
  const slow = withEmulator({ idSeed: 72, latencyMs: 80, ...ENVELOPE }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

  it('the rerun requests the rest, and no relationship gets a second pending request', async () => {
    const ws = await workspaceForTest(entries());
    const output = await applyAndKill(ws, slow.env, ['--parallelism', '3', '--write-rate', '20', 'apply', '--auto-approve'], 3, />> requested service period/g);
    expect(output).toContain('[exit SIGKILL]');
    const before = slow.state.handshakes().length;
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(COUNT);
    const rerun = await pcc(ws, slow.env, ['apply', '--auto-approve']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const pending = slow.state
      .handshakes()
      .filter((hs) => hs.status === 'PENDING')
      .map((hs) => hs.associatedResourceId);
    expect(pending).toHaveLength(COUNT);
    expect(new Set(pending).size).toBe(COUNT);
    expect((await pcc(ws, slow.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});
