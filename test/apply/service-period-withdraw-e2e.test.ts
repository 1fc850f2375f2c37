/**
 * Withdrawing pending service-period handshakes that contradict the file while the declared period is in force,
 * end to end (built CLI → SDK → emulator): the user went back to the accepted terms after
 * `--replace-service-periods`, or declared a period again after `--revoke`, before the customer answered. The
 * plan cancels the pending handshakes (CancelChannelHandshake) and never requests the accepted terms again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import { customerActions } from '../support/customer.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, pcc, PMA, type Workspace } from '../support/e2e-helpers.js';

let onRequest: ((entry: RequestLogEntry) => void) | undefined;
const h = withEmulator({ idSeed: 53, onRequest: (e) => onRequest?.(e) }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  onRequest = undefined;
  await ws?.remove();
  ws = undefined;
});

const NOTICE_30 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 };
const NOTICE_14 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 14 };
const { customer, accept } = customerActions(h);
const statuses = () => h.state.handshakes().map((hs) => `${hs.handshakeType}:${hs.status}`);
const calls = (operation: string) => h.emulator.stats.calls[operation] ?? 0;
type PlanJson = { changes: Record<string, unknown>[]; summary: Record<string, number> };
const planJson = async (args: string[] = []) => JSON.parse((await pcc(ws!, h.env, ['plan', '--format', 'json', ...args])).stdout) as PlanJson;
const periodChanges = (plan: PlanJson) => plan.changes.filter((c) => c.kind === 'servicePeriod');

/** Entry i with an accepted 30-day period, then 14 days applied with --replace-service-periods: [accepted, revoke, request]. */
async function replacedThenPending(i: number): Promise<[string, string, string]> {
  ws = await createWorkspace([entry(i, { servicePeriod: NOTICE_30 })]);
  expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
  await accept(i, h.state.handshakes()[0]?.id);
  await ws.write([entry(i, { servicePeriod: NOTICE_14 })]);
  expect((await pcc(ws, h.env, ['apply', '--replace-service-periods', '--auto-approve'])).code).toBe(0);
  expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED', 'REVOKE_SERVICE_PERIOD:PENDING', 'START_SERVICE_PERIOD:PENDING']);
  const [accepted, revoke, request] = h.state.handshakes().map((hs) => hs.id);
  return [accepted!, revoke!, request!];
}

describe('back to the accepted terms while a replace waits for the customer', () => {
  it('withdraws the pending revoke and the pending request, requests nothing; the accepted period stays and the plan is empty', async () => {
    const [accepted, revoke, request] = await replacedThenPending(1);
    await ws!.write([entry(1, { servicePeriod: NOTICE_30 })]);

    const planned = await pcc(ws!, h.env, ['plan', '--detailed-exitcode']);
    expect(planned.code, planned.stderr).toBe(2);
    expect(planned.stdout).toContain(
      `~~ AWS/${PMA}/${accountId(1)} pending revoke ${revoke} and request ${request} will be withdrawn (CancelChannelHandshake): the accepted service period ${accepted} stays: MINIMUM_NOTICE_PERIOD, 30 days notice`,
    );
    expect(planned.stdout).toContain('2 pending service-period handshakes to withdraw');
    expect(planned.stdout).not.toContain('to request');
    const json = await planJson();
    expect(periodChanges(json)).toEqual([
      expect.objectContaining({
        action: 'update',
        reasonCode: 'service-period-withdraw',
        servicePeriod: expect.objectContaining({
          handshakeId: accepted,
          withdraw: [
            expect.objectContaining({ id: revoke, handshakeType: 'REVOKE_SERVICE_PERIOD' }),
            expect.objectContaining({ id: request, handshakeType: 'START_SERVICE_PERIOD' }),
          ],
        }),
      }),
    ]);
    expect(json.summary).toMatchObject({ withdraw: 2 });
    expect(json.summary.request).toBeUndefined();

    const [cancels, creates] = [calls('CancelChannelHandshake'), calls('CreateChannelHandshake')];
    for (let i = 0; i < 2; i++) {
      const applied = await pcc(ws!, h.env, ['apply', '--auto-approve']);
      expect(applied.code, applied.stderr).toBe(0);
      if (i === 0) expect(applied.stderr).toContain('2 pending handshakes withdrawn');
    }
    expect(calls('CancelChannelHandshake') - cancels).toBe(2);
    expect(calls('CreateChannelHandshake') - creates).toBe(0);
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED', 'REVOKE_SERVICE_PERIOD:CANCELED', 'START_SERVICE_PERIOD:CANCELED']);

    const done = await pcc(ws!, h.env, ['plan', '--detailed-exitcode']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('No changes.');
    expect(done.stdout).not.toContain('service period');
  });

  it('the customer accepts the revoke during apply: the withdraw fails truthfully; the next plan requests the period as a new request', async () => {
    const [accepted, revoke, request] = await replacedThenPending(2);
    await ws!.write([entry(2, { servicePeriod: NOTICE_30 })]);
    // The first cancel apply sends meets a 500; meanwhile the customer accepts the revoke. The SDK's retry (and the
    // other cancel) then find the revoke answered, whichever pcc withdraws first.
    h.emulator.setFaults({ internalErrorRate: 1, operations: ['CancelChannelHandshake'] });
    onRequest = (e) => {
      if (e.operation !== 'CancelChannelHandshake') return;
      onRequest = undefined;
      h.emulator.setFaults(undefined);
      h.state.setHandshakeStatus(revoke, 'ACCEPTED');
    };
    const creates = calls('CreateChannelHandshake');
    const applied = await pcc(ws!, h.env, ['apply', '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain(`the customer accepted the revoke ${revoke} before it could be withdrawn: the service period ${accepted} has ended`);
    expect(calls('CreateChannelHandshake')).toBe(creates); // never a request from a withdraw
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED', 'REVOKE_SERVICE_PERIOD:ACCEPTED', 'START_SERVICE_PERIOD:CANCELED']);

    const next = await planJson();
    expect(periodChanges(next)).toEqual([
      expect.objectContaining({ action: 'create', reasonCode: 'service-period-none', servicePeriod: expect.not.objectContaining({ cancel: request }) }),
    ]);
    expect((await pcc(ws!, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(statuses().at(-1)).toBe('START_SERVICE_PERIOD:PENDING');
    expect(h.state.handshakes().at(-1)?.detail.startServicePeriodHandshakeDetail).toMatchObject({ minimumNoticeDays: '30' });
  });

  it('a saved plan whose revoke the customer accepted before apply is refused as stale; nothing is canceled or sent', async () => {
    const [, revoke] = await replacedThenPending(3);
    await ws!.write([entry(3, { servicePeriod: NOTICE_30 })]);
    expect((await pcc(ws!, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    await accept(3, revoke);
    const [cancels, creates] = [calls('CancelChannelHandshake'), calls('CreateChannelHandshake')];
    const applied = await pcc(ws!, h.env, ['apply', '--auto-approve', 'plan.json']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('changed since the plan');
    expect([calls('CancelChannelHandshake') - cancels, calls('CreateChannelHandshake') - creates]).toEqual([0, 0]);
  });

  it('a saved withdraw plan is applied as reviewed, and cannot be edited to withdraw more', async () => {
    const [, revoke, request] = await replacedThenPending(4);
    await ws!.write([entry(4, { servicePeriod: NOTICE_30 })]);
    expect((await pcc(ws!, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const file = join(ws!.cwd, 'plan.json');
    const saved = await readFile(file, 'utf8');
    const edited = JSON.parse(saved) as { changes: { kind: string; servicePeriod?: { withdraw?: { id: string }[] } }[] };
    const change = edited.changes.find((c) => c.kind === 'servicePeriod');
    change!.servicePeriod!.withdraw = change!.servicePeriod!.withdraw!.slice(1);
    await writeFile(file, JSON.stringify(edited), 'utf8');
    expect((await pcc(ws!, h.env, ['apply', '--auto-approve', 'plan.json'])).code).toBe(1);
    expect(statuses().slice(1)).toEqual(['REVOKE_SERVICE_PERIOD:PENDING', 'START_SERVICE_PERIOD:PENDING']);

    await writeFile(file, saved, 'utf8');
    const applied = await pcc(ws!, h.env, ['apply', '--auto-approve', 'plan.json']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(
      h.state
        .handshakes()
        .filter((hs) => hs.status === 'CANCELED')
        .map((hs) => hs.id),
    ).toEqual([revoke, request]);
  });
});

describe('a period declared again while its revoke waits for the customer', () => {
  it('withdraws the pending revoke; nothing is requested; the period stays in force', async () => {
    ws = await createWorkspace([entry(5, { servicePeriod: NOTICE_30 })]);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    const accepted = h.state.handshakes()[0]!.id;
    await accept(5, accepted);
    await ws.write([entry(5)]);
    expect((await pcc(ws, h.env, ['apply', '--revoke', '--auto-approve'])).code).toBe(0);
    const revoke = h.state.handshakes()[1]!.id;

    await ws.write([entry(5, { servicePeriod: NOTICE_30 })]);
    const planned = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain(`~~ AWS/${PMA}/${accountId(5)} pending revoke ${revoke} will be withdrawn (CancelChannelHandshake)`);
    expect(planned.stdout).toContain('1 pending service-period handshake to withdraw');
    const creates = calls('CreateChannelHandshake');
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(calls('CreateChannelHandshake')).toBe(creates);
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED', 'REVOKE_SERVICE_PERIOD:CANCELED']);
    const done = await pcc(ws, h.env, ['plan', '--revoke', '--detailed-exitcode']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('No changes.');
  });
});
