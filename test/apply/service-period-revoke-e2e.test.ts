/**
 * The rest of a service period's life, end to end (built CLI → SDK → emulator): revoking an accepted period an
 * entry no longer declares (only with --revoke), replacing an accepted period with other terms (only with
 * --replace-service-periods), and the plan refusing requests the service's handshake quotas would refuse.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelChannelHandshakeCommand, CreateChannelHandshakeCommand } from '@aws-sdk/client-partnercentral-channel';
import { afterEach, describe, expect, it } from 'vitest';
import { customerActions } from '../support/customer.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, pcc, PMA, type Workspace } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 41 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

const NOTICE_30 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 };
const { customer, accept } = customerActions(h);
const statuses = () => h.state.handshakes().map((hs) => `${hs.handshakeType}:${hs.status}`);
type PlanJson = { changes: Record<string, unknown>[]; summary: Record<string, number>; errors: { code: string; message: string }[] };
const planJson = async (args: string[] = []) => JSON.parse((await pcc(ws!, h.env, ['plan', '--format', 'json', ...args])).stdout) as PlanJson;

/** A managed relationship for entry i with an accepted period of `NOTICE_30`: the workspace declares it. */
async function acceptedPeriod(i: number): Promise<string> {
  ws = await createWorkspace([entry(i, { servicePeriod: NOTICE_30 })]);
  expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
  const [start] = h.state.handshakes();
  await accept(i, start?.id);
  return start!.id;
}

describe('revoking a period the file no longer declares (--revoke)', () => {
  it('reports without --revoke; revokes with it, once; shows the revoke waiting; is empty once accepted', async () => {
    const started = await acceptedPeriod(1);
    await ws!.write([entry(1)]);

    const reported = await pcc(ws!, h.env, ['plan', '--detailed-exitcode']);
    expect(reported.code).toBe(0); // nothing would be sent
    expect(reported.stdout).toContain(`servicePeriod is no longer declared, but the accepted period ${started} stays in force (--revoke revokes it)`);
    expect((await pcc(ws!, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED']);

    const planned = await pcc(ws!, h.env, ['plan', '--revoke', '--detailed-exitcode']);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain(`<< AWS/${PMA}/${accountId(1)} accepted service period ${started} will be revoked`);
    expect(planned.stdout).toContain('1 service period to revoke');
    expect(await planJson(['--revoke'])).toMatchObject({
      summary: { revoke: 1 },
      changes: expect.arrayContaining([expect.objectContaining({ kind: 'servicePeriod', action: 'delete', reasonCode: 'service-period-revoke' })]),
    });
    for (let i = 0; i < 2; i++) {
      const applied = await pcc(ws!, h.env, ['apply', '--revoke', '--auto-approve']);
      expect(applied.code, applied.stderr).toBe(0);
    }
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED', 'REVOKE_SERVICE_PERIOD:PENDING']);
    const revoke = h.state.handshakes()[1];
    expect(revoke).toMatchObject({
      receiverAccountId: accountId(1),
      detail: { revokeServicePeriodHandshakeDetail: { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' } },
    });

    const waiting = await pcc(ws!, h.env, ['plan', '--revoke', '--detailed-exitcode']);
    expect(waiting.code).toBe(0);
    expect(waiting.stdout).toContain(`revoke waiting for the customer since ${new Date().toISOString().slice(0, 10)} (${revoke?.id})`);

    await accept(1, revoke?.id);
    const done = await pcc(ws!, h.env, ['plan', '--revoke', '--detailed-exitcode']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('No changes.');
    expect(done.stdout).not.toContain('service period');
  });

  it('a saved plan made without --revoke cannot be made to revoke by editing it', async () => {
    await acceptedPeriod(2);
    await ws!.write([entry(2)]);
    expect((await pcc(ws!, h.env, ['plan', '--revoke', '--out', 'plan.json'])).code).toBe(0);
    const file = join(ws!.cwd, 'plan.json');
    const plan = JSON.parse(await readFile(file, 'utf8')) as { options: Record<string, unknown> };
    delete plan.options.revoke;
    await writeFile(file, JSON.stringify(plan), 'utf8');
    const applied = await pcc(ws!, h.env, ['apply', '--auto-approve', 'plan.json']);
    expect(applied.code).toBe(1);
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED']);
  });
});

describe('terms changed after the customer accepted (--replace-service-periods)', () => {
  it('reports without the flag; with it, revokes the accepted period and requests the new terms, once', async () => {
    const started = await acceptedPeriod(3);
    await ws!.write([entry(3, { servicePeriod: { ...NOTICE_30, minimumNoticeDays: 60 } })]);
    const reported = await pcc(ws!, h.env, ['plan', '--detailed-exitcode']);
    expect(reported.code).toBe(0);
    expect(reported.stdout).toContain(
      `the accepted period ${started} is MINIMUM_NOTICE_PERIOD, 30 days notice, not the declared terms; it stays (--replace-service-periods`,
    );
    expect((await pcc(ws!, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED']);

    const planned = await pcc(ws!, h.env, ['plan', '--replace-service-periods']);
    expect(planned.stdout).toContain(
      `<> AWS/${PMA}/${accountId(3)} accepted service period ${started} will be revoked and the declared terms requested: MINIMUM_NOTICE_PERIOD, 60 days notice`,
    );
    expect(planned.stdout).toContain('1 service period to request, 1 service period to revoke');
    for (let i = 0; i < 2; i++) expect((await pcc(ws!, h.env, ['apply', '--replace-service-periods', '--auto-approve'])).code).toBe(0);
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED', 'REVOKE_SERVICE_PERIOD:PENDING', 'START_SERVICE_PERIOD:PENDING']);
    expect(h.state.handshakes()[2]?.detail.startServicePeriodHandshakeDetail).toMatchObject({ minimumNoticeDays: '60' });
    const waiting = await pcc(ws!, h.env, ['plan', '--replace-service-periods', '--detailed-exitcode']);
    expect(waiting.code).toBe(0);
    expect(waiting.stdout).toContain('waiting for the customer');
  });
});

describe('the service handshake quotas, checked by the plan', () => {
  it('a sixth START_SERVICE_PERIOD to one account in a day is a plan error with a code, and nothing is sent', async () => {
    const seeded = h.state.seedRelationship({
      pmaId: PMA,
      associatedAccountId: accountId(4),
      associationType: 'END_CUSTOMER',
      displayName: 'Customer 4',
      sector: 'COMMERCIAL',
      tags: { 'pcc:managed': 'true' },
    });
    for (let i = 0; i < 5; i++) {
      const sent = await h.client().send(
        new CreateChannelHandshakeCommand({
          handshakeType: 'START_SERVICE_PERIOD',
          catalog: 'AWS',
          associatedResourceIdentifier: seeded.id,
          payload: { startServicePeriodPayload: { programManagementAccountIdentifier: PMA, servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '14' } },
        }),
      );
      await h.client().send(new CancelChannelHandshakeCommand({ catalog: 'AWS', identifier: sent.channelHandshakeDetail?.id }));
    }
    ws = await createWorkspace([entry(4, { servicePeriod: NOTICE_30 })]);
    const plan = await planJson();
    expect(plan.errors.map((e) => e.code)).toEqual(['handshake-quota-per-day']);
    expect(plan.errors[0]?.message).toContain(`to account ${accountId(4)} would be the 6th in 24 hours`);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('handshake-quota-per-day');
    expect(h.state.handshakes()).toHaveLength(5);
  });

  it('more than 200 pending START_SERVICE_PERIOD handshakes in all is a plan error; 200 is not', async () => {
    const sender = h.state.accountId;
    const at = new Date(Date.now() - 60_000).toISOString();
    for (let i = 0; i < 199; i++) {
      const id = `ch-${String(i).padStart(13, '0')}`;
      h.state.addHandshake({
        id,
        arn: `arn:aws:partnercentral:us-east-1:${sender}:catalog/AWS/channel-handshake/${id}`,
        catalog: 'AWS',
        handshakeType: 'START_SERVICE_PERIOD',
        ownerAccountId: sender,
        senderAccountId: sender,
        receiverAccountId: '999999999999',
        associatedResourceId: 'rs-0000000000000',
        detail: { startServicePeriodHandshakeDetail: { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '14' } },
        status: 'PENDING',
        createdAt: at,
        updatedAt: at,
      });
    }
    ws = await createWorkspace([entry(5, { servicePeriod: NOTICE_30 }), entry(6, { servicePeriod: NOTICE_30 })]);
    const plan = await planJson();
    expect(plan.errors).toEqual([
      expect.objectContaining({
        code: 'handshake-quota-active',
        message: expect.stringContaining(`AWS/${PMA}/${accountId(6)}: 201 START_SERVICE_PERIOD handshakes would be pending`),
      }),
    ]);
    await ws.write([entry(5, { servicePeriod: NOTICE_30 }), entry(6)]);
    const fits = await planJson();
    expect(fits.errors).toEqual([]);
    expect(fits.summary.request).toBe(1);
  });
});
