/**
 * Reviewer's cases for issue 19 fault 7 (a delete or replace under an accepted service period needs its
 * acknowledgement), by the other ways a relationship gets deleted or replaced: an explicit `--replace`, a targeted
 * plan, a period no entry declares any more, and a saved plan.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { customerActions } from '../support/customer.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, pcc, PMA, relationshipAt, type Workspace } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 44 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

const NOTICE_60 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 60 };
const { accept } = customerActions(h);
const address = (i: number) => `AWS/${PMA}/${accountId(i)}`;
const ACK = '--acknowledge-service-period';

async function withAcceptedPeriod(accepted: number, others: number[] = []): Promise<void> {
  ws = await createWorkspace([entry(accepted, { servicePeriod: NOTICE_60 }), ...others.map((i) => entry(i))]);
  const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
  expect(applied.code, applied.stderr).toBe(0);
  const [start] = h.state.handshakes();
  await accept(accepted, start?.id);
}

describe('acknowledgement of a service period, by every way to delete or replace', () => {
  it('--replace ADDRESS (no field changed) and --target with --replace: blocked until acknowledged', async () => {
    await withAcceptedPeriod(1, [2]);
    const oldId = relationshipAt(h.emulator, 1)!.id;
    for (const args of [
      ['--replace', address(1)],
      ['--target', address(1), '--replace', address(1)],
    ]) {
      const planned = await pcc(ws!, h.env, ['plan', ...args]);
      expect(planned.code, args.join(' ')).toBe(1);
      expect(planned.stdout).toContain('MINIMUM_NOTICE_PERIOD, 60 days notice');
      const applied = await pcc(ws!, h.env, ['apply', ...args, '--auto-approve']);
      expect(applied.code, args.join(' ')).toBe(1);
      expect(relationshipAt(h.emulator, 1)!.id).toBe(oldId);
    }
    const planned = await pcc(ws!, h.env, ['plan', '--target', address(1), '--replace', address(1), ACK, address(1), '--out', 'p.json']);
    expect(planned.code, planned.stderr).toBe(0);
    expect((await pcc(ws!, h.env, ['apply', 'p.json', '--target', address(1), '--replace', address(1), '--auto-approve'])).code).toBe(1);
    expect(relationshipAt(h.emulator, 1)!.id).toBe(oldId);
    const applied = await pcc(ws!, h.env, ['apply', 'p.json', '--target', address(1), '--replace', address(1), ACK, address(1), '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(relationshipAt(h.emulator, 1)!.id).not.toBe(oldId);
  });

  it('a period the entry no longer declares is still agreed: pruning the relationship needs the acknowledgement', async () => {
    await withAcceptedPeriod(3, [4]);
    await ws!.write([entry(3), entry(4)]);
    await ws!.write([entry(4)]);
    const planned = await pcc(ws!, h.env, ['plan', '--prune']);
    expect(planned.code).toBe(1);
    expect(planned.stdout).toContain(`NOT acknowledged: needs ${ACK} ${address(3)}`);
    expect((await pcc(ws!, h.env, ['apply', '--prune', '--auto-approve'])).code).toBe(1);
    expect(relationshipAt(h.emulator, 3)).toBeDefined();
  });
});
