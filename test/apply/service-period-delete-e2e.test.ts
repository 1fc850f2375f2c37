/**
 * Deleting or replacing a relationship under a service period, end to end (built CLI → SDK → emulator): a period
 * the customer accepted is a commitment, so prune and replace show its terms, the delete guard counts it, and the
 * plan is applyable only with `--acknowledge-service-period ADDRESS`, which a saved plan records and apply must repeat.
 * Pending requests on a relationship being deleted are shown too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { customerActions } from '../support/customer.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, countByAddress, createWorkspace, entry, mutatingCalls, pcc, PMA, relationshipAt, type Workspace } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 43 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

const NOTICE_60 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 60 };
const DAY = 24 * 60 * 60 * 1000;
/** A fixed commitment 300 days from today: within the service's 60-365 days whenever the test runs. */
const END_DAY = new Date(Math.floor(Date.now() / DAY) * DAY + 300 * DAY).toISOString().slice(0, 10);
const FIXED = { type: 'FIXED_COMMITMENT_PERIOD', endDate: END_DAY };
const { accept } = customerActions(h);
const address = (i: number) => `AWS/${PMA}/${accountId(i)}`;
const ACK = '--acknowledge-service-period';

type PlanJson = {
  applyable: boolean;
  changes: Array<Record<string, unknown> & { address: string; action: string; kind: string }>;
  summary: Record<string, number>;
  errors: { code: string; message: string; hint?: string }[];
  options: Record<string, unknown>;
};
const planJson = async (args: string[]) => {
  const run = await pcc(ws!, h.env, ['plan', '--format', 'json', ...args]);
  return { ...run, plan: JSON.parse(run.stdout) as PlanJson };
};

/** Managed relationships for `entries`, relationship `accepted` with `period` accepted by its customer. */
async function withAcceptedPeriod(accepted: number, period: Record<string, unknown>, others: number[] = []): Promise<string> {
  ws = await createWorkspace([entry(accepted, { servicePeriod: period }), ...others.map((i) => entry(i))]);
  const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
  expect(applied.code, applied.stderr).toBe(0);
  const [start] = h.state.handshakes();
  await accept(accepted, start?.id);
  return start!.id;
}

describe('prune of a relationship under an accepted service period', () => {
  it('is blocked with its terms shown; with the acknowledgement it is deleted, and a saved plan needs the same flag at apply', async () => {
    const started = await withAcceptedPeriod(1, NOTICE_60, [2]);
    await ws!.write([entry(2)]);

    const blocked = await pcc(ws!, h.env, ['plan', '--prune']);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain(`- ${address(1)} will be deleted`);
    expect(blocked.stdout).toContain(`Service period: agreed with the customer, ends with this delete: MINIMUM_NOTICE_PERIOD, 60 days notice (accepted ${started}`);
    expect(blocked.stdout).toContain(`NOT acknowledged: needs ${ACK} ${address(1)}`);
    expect(blocked.stderr).toContain(`then plan and apply with ${ACK} ${address(1)}`);
    const json = await planJson(['--prune']);
    expect(json.plan.applyable).toBe(false);
    expect(json.plan.errors).toEqual([
      expect.objectContaining({ code: 'service-period-not-acknowledged', message: expect.stringContaining('MINIMUM_NOTICE_PERIOD, 60 days notice') }),
    ]);
    expect(json.plan.changes.find((c) => c.action === 'delete')).toMatchObject({
      servicePeriodCommitment: {
        accepted: { handshakeId: started, terms: { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '60' } },
        acknowledged: false,
      },
    });
    expect(json.plan.summary).toMatchObject({ delete: 1, underServicePeriod: 1 });

    // Not applied: neither planning here nor from a plan file, which is not even saved.
    const refused = await pcc(ws!, h.env, ['apply', '--prune', '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('MINIMUM_NOTICE_PERIOD, 60 days notice');
    expect((await pcc(ws!, h.env, ['plan', '--prune', '--out', 'p.json'])).code).toBe(1);
    expect(countByAddress(h.emulator).get(address(1))).toBe(1);

    const md = await pcc(ws!, h.env, ['plan', '--prune', ACK, address(1), '--format', 'markdown']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('**Service period:** agreed with the customer, ends with this delete: MINIMUM\\_NOTICE\\_PERIOD, 60 days notice');
    expect(md.stdout).toContain('| deletes under an accepted service period | 1 |');

    const saved = await pcc(ws!, h.env, ['plan', '--prune', ACK, address(1), '--out', 'p.json']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain(`acknowledged (${ACK} ${address(1)})`);
    const before = mutatingCalls(h.emulator);
    const withoutAck = await pcc(ws!, h.env, ['apply', 'p.json', '--prune', '--auto-approve']);
    expect(withoutAck.code).toBe(1);
    expect(withoutAck.stderr).toContain(`it was made with ${ACK} ${address(1)}; pass ${ACK} ${address(1)} to apply it too`);
    const otherAck = await pcc(ws!, h.env, ['apply', 'p.json', '--prune', ACK, address(2), '--auto-approve']);
    expect(otherAck.code).toBe(1);
    expect(mutatingCalls(h.emulator)).toBe(before);
    expect(countByAddress(h.emulator).get(address(1))).toBe(1);

    const applied = await pcc(ws!, h.env, ['apply', 'p.json', '--prune', ACK, address(1), '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(countByAddress(h.emulator).get(address(1))).toBeUndefined();
    expect(countByAddress(h.emulator).get(address(2))).toBe(1);
  });

  it('a plan made without the acknowledgement cannot be applied with it (flags must match)', async () => {
    await withAcceptedPeriod(3, NOTICE_60, [4]);
    expect((await pcc(ws!, h.env, ['plan', '--out', 'p.json'])).code).toBe(0);
    const applied = await pcc(ws!, h.env, ['apply', 'p.json', ACK, address(3), '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain(`it was made without ${ACK}, and apply was given ${ACK} ${address(3)}`);
  });

  it('the delete guard counts it; an acknowledgement nothing needs is an error', async () => {
    await withAcceptedPeriod(5, NOTICE_60, [6]);
    await ws!.write([]);
    const guarded = await planJson(['--prune', '--max-deletes', '1', ACK, address(5)]);
    expect(guarded.code).toBe(1);
    expect(guarded.plan.errors.map((e) => e.message)).toEqual([
      'the plan deletes 2 relationships (1 of them under an accepted service period), more than --max-deletes 1 allows',
    ]);

    const unused = await planJson(['--prune', '--max-deletes', '2', ACK, address(5), ACK, address(6)]);
    expect(unused.code).toBe(1);
    expect(unused.plan.errors).toEqual([
      expect.objectContaining({ code: 'service-period-acknowledgement-unused', message: expect.stringContaining(`${ACK} ${address(6)}`) }),
    ]);
    const ok = await planJson(['--prune', '--max-deletes', '2', ACK, address(5)]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.plan.options.acknowledgeServicePeriods).toEqual([address(5)]);
  });

  it('shows the service-period handshakes still pending on a relationship it deletes (no acknowledgement needed)', async () => {
    ws = await createWorkspace([entry(7, { servicePeriod: NOTICE_60 }), entry(8)]);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    const [pending] = h.state.handshakes();
    await ws.write([entry(8)]);
    const planned = await pcc(ws, h.env, ['plan', '--prune']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain(`Service period: pending request ${pending!.id} (MINIMUM_NOTICE_PERIOD, 60 days notice, sent `);
    expect(planned.stdout).not.toContain('agreed with the customer');
  });

  it('an address given to --acknowledge-service-period must be an address', async () => {
    ws = await createWorkspace([entry(9)]);
    const bad = await pcc(ws, h.env, ['plan', ACK, 'AWS/111122223333']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('expected a relationship address');
  });
});

describe('replace of a relationship under an accepted service period', () => {
  it('is blocked with its fixed commitment shown; with the acknowledgement it is replaced and the period requested anew', async () => {
    const started = await withAcceptedPeriod(11, FIXED);
    const oldId = relationshipAt(h.emulator, 11)!.id;
    await ws!.write([entry(11, { servicePeriod: FIXED, sector: 'GOVERNMENT' })]);

    const blocked = await pcc(ws!, h.env, ['plan', '--allow-replace']);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain(`-/+ ${address(11)} must be replaced`);
    expect(blocked.stdout).toContain(`ends with this replace: FIXED_COMMITMENT_PERIOD until ${END_DAY} (accepted ${started}`);
    expect(blocked.stderr).toContain(`${ACK} ${address(11)}`);
    expect((await pcc(ws!, h.env, ['apply', '--allow-replace', '--auto-approve'])).code).toBe(1);
    expect(relationshipAt(h.emulator, 11)!.id).toBe(oldId);

    // Without --allow-replace the replace is blocked anyway: the terms are shown, no acknowledgement is asked.
    const noAllow = await planJson([]);
    expect(noAllow.plan.errors.map((e) => e.code)).not.toContain('service-period-not-acknowledged');
    expect(noAllow.plan.changes.find((c) => c.kind === 'relationship')).toMatchObject({ blocked: true, servicePeriodCommitment: { accepted: { handshakeId: started } } });

    const applied = await pcc(ws!, h.env, ['apply', '--allow-replace', ACK, address(11), '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(relationshipAt(h.emulator, 11)!.id).not.toBe(oldId);
    expect(relationshipAt(h.emulator, 11)!.sector).toBe('GOVERNMENT');
  });

  it('shows a request still pending on the relationship it replaces, and needs no acknowledgement for it', async () => {
    ws = await createWorkspace([entry(12, { servicePeriod: NOTICE_60 })]);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    const [pending] = h.state.handshakes();
    await ws.write([entry(12, { sector: 'GOVERNMENT' })]);
    const planned = await pcc(ws, h.env, ['plan', '--allow-replace']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain(`Service period: pending request ${pending!.id} (MINIMUM_NOTICE_PERIOD, 60 days notice, sent `);
  });
});
