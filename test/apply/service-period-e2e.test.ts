/**
 * Service periods end to end: the built CLI, the real SDK and the emulator. A relationship declared with a
 * servicePeriod is created and its period requested in one apply; the plan then waits for the customer, who
 * accepts as their own account (access key `AKIA` + account id); then the plan is empty.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AcceptChannelHandshakeCommand,
  CreateChannelHandshakeCommand,
  ListChannelHandshakesCommand,
  RejectChannelHandshakeCommand,
} from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { accountId, entry, pcc, PMA, type Workspace, workspaceForTest } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 14 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

const NOTICE_30 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30, note: 'Managed by our NOC' };
const DAY = 24 * 60 * 60 * 1000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const customer = (i: number) => h.client({ accessKeyId: `AKIA${accountId(i)}` });

async function planJson(workspace: Workspace) {
  const result = await pcc(workspace, h.env, ['plan', '--format', 'json']);
  return { result, plan: JSON.parse(result.stdout) as { changes: Record<string, unknown>[]; summary: Record<string, number>; errors: { code: string }[] } };
}

describe('service periods (built CLI → SDK → emulator)', () => {
  it('requests the period after creating the relationship, waits for the customer, and is empty once accepted', async () => {
    const ws = await workspaceForTest([entry(1, { servicePeriod: NOTICE_30 })]);
    const first = await pcc(ws, h.env, ['plan']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`>> AWS/${PMA}/${accountId(1)} service period will be requested from the customer: MINIMUM_NOTICE_PERIOD, 30 days notice`);
    expect(first.stdout).toContain('Plan: 1 to create, 0 to update, 0 to delete, 1 service period to request.');

    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout + applied.stderr).toContain('requested service period');
    const [relationship] = h.state.relationships();
    const [handshake] = h.state.handshakes();
    expect(h.state.handshakes()).toHaveLength(1);
    expect(handshake).toMatchObject({
      status: 'PENDING',
      associatedResourceId: relationship?.id,
      receiverAccountId: accountId(1),
      detail: { startServicePeriodHandshakeDetail: { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30', note: 'Managed by our NOC' } },
    });

    const waiting = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(waiting.code).toBe(0); // waiting is not drift
    expect(waiting.stdout).toContain(`waiting for the customer since ${new Date().toISOString().slice(0, 10)} (${handshake?.id})`);
    const { plan } = await planJson(ws);
    expect(plan.changes).toEqual([
      expect.objectContaining({ kind: 'relationship', action: 'no-op' }),
      expect.objectContaining({
        kind: 'servicePeriod',
        action: 'no-op',
        reasonCode: 'service-period-pending',
        servicePeriod: expect.objectContaining({ status: 'PENDING', handshakeId: handshake?.id }),
      }),
    ]);
    // A second apply sends nothing.
    const again = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(again.code).toBe(0);
    expect(h.state.handshakes()).toHaveLength(1);

    // The customer, as their own account, sees the request and accepts it.
    const inbox = await customer(1).send(
      new ListChannelHandshakesCommand({ handshakeType: 'START_SERVICE_PERIOD', catalog: 'AWS', participantType: 'RECEIVER', statuses: ['PENDING'] }),
    );
    expect(inbox.items?.map((item) => item.id)).toEqual([handshake?.id]);
    await customer(1).send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: handshake?.id }));

    const done = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('No changes.');
    expect(done.stdout).not.toContain('service period');
  });

  it('requests for an existing relationship; a rejection is shown, requested again only with --resend', async () => {
    const seeded = h.state.seedRelationship({
      pmaId: PMA,
      associatedAccountId: accountId(2),
      associationType: 'END_CUSTOMER',
      displayName: 'Customer 2',
      sector: 'COMMERCIAL',
      tags: { 'pcc:managed': 'true' },
    });
    const ws = await workspaceForTest([entry(2, { servicePeriod: { type: 'FIXED_COMMITMENT_PERIOD', endDate: day(90) } })]);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    const [handshake] = h.state.handshakes();
    expect(handshake).toMatchObject({
      associatedResourceId: seeded.id,
      detail: { startServicePeriodHandshakeDetail: { servicePeriodType: 'FIXED_COMMITMENT_PERIOD', endDate: `${day(90)}T00:00:00.000Z` } },
    });
    await customer(2).send(new RejectChannelHandshakeCommand({ catalog: 'AWS', identifier: handshake?.id }));

    const shown = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`the request ${handshake?.id} was rejected`);
    const rerun = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(rerun.code).toBe(0);
    expect(h.state.handshakes()).toHaveLength(1);

    // --resend asks again, once: a second apply with it finds the new request pending.
    const resendPlan = await pcc(ws, h.env, ['plan', '--resend', '--format', 'json']);
    expect(JSON.parse(resendPlan.stdout)).toMatchObject({ options: { resend: true }, summary: { request: 1 } });
    for (let i = 0; i < 2; i++) expect((await pcc(ws, h.env, ['apply', '--resend', '--auto-approve'])).code).toBe(0);
    expect(h.state.handshakes().map((hs) => hs.status)).toEqual(['REJECTED', 'PENDING']);
    expect((await pcc(ws, h.env, ['plan'])).stdout).toContain('waiting for the customer');
  });

  it('terms changed while pending: one change that cancels the pending request and requests the new terms', async () => {
    const ws = await workspaceForTest([entry(5, { servicePeriod: NOTICE_30 })]);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    const [first] = h.state.handshakes();
    await ws.write([entry(5, { servicePeriod: { ...NOTICE_30, minimumNoticeDays: 60 } })]);
    const plan = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(
      `>> AWS/${PMA}/${accountId(5)} pending request ${first?.id} will be canceled and the service period requested again: MINIMUM_NOTICE_PERIOD, 60 days notice`,
    );
    expect(plan.stdout).toContain('1 service period to request');
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    const after = h.state.handshakes();
    expect(after.map((hs) => [hs.id === first?.id, hs.status, hs.detail.startServicePeriodHandshakeDetail?.minimumNoticeDays])).toEqual([
      [true, 'CANCELED', '30'],
      [false, 'PENDING', '60'],
    ]);
    expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('import writes the accepted service period, and the imported file plans no new request', async () => {
    const seeded = h.state.seedRelationship({
      pmaId: PMA,
      associatedAccountId: accountId(6),
      associationType: 'END_CUSTOMER',
      displayName: 'Customer 6',
      sector: 'COMMERCIAL',
    });
    const other = h.state.seedRelationship({
      pmaId: PMA,
      associatedAccountId: accountId(7),
      associationType: 'END_CUSTOMER',
      displayName: 'Customer 7',
      sector: 'COMMERCIAL',
    });
    const start = (relationshipId: string) =>
      h.client().send(
        new CreateChannelHandshakeCommand({
          handshakeType: 'START_SERVICE_PERIOD',
          catalog: 'AWS',
          associatedResourceIdentifier: relationshipId,
          payload: {
            startServicePeriodPayload: { programManagementAccountIdentifier: PMA, servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '14', note: 'By hand' },
          },
        }),
      );
    const accepted = await start(seeded.id);
    await customer(6).send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: accepted.channelHandshakeDetail?.id }));
    await start(other.id); // pending only: not imported
    const ws = await workspaceForTest([]);
    const imported = await pcc(ws, h.env, ['import', '--pma', PMA]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(
      /associatedAccountId: "100000000006"[\s\S]*servicePeriod:\n\s+type: MINIMUM_NOTICE_PERIOD\n\s+minimumNoticeDays: 14\n\s+note: By hand/,
    );
    expect(imported.stdout.match(/servicePeriod:/g)).toHaveLength(1);
    await writeFile(join(ws.cwd, 'relationships', 'main.yaml'), imported.stdout, 'utf8');
    const { plan } = await planJson(ws);
    expect(plan.summary.request ?? 0).toBe(0);
    expect(plan.changes.filter((c) => c.kind === 'servicePeriod').map((c) => c.reasonCode)).toEqual(['service-period-accepted']);
  });

  it('refuses a new request whose end date is outside 60-365 days, before any call that changes anything', async () => {
    const ws = await workspaceForTest([entry(3, { servicePeriod: { type: 'FIXED_COMMITMENT_PERIOD', endDate: day(20) } })]);
    const { result, plan } = await planJson(ws);
    expect(result.code).toBe(1);
    expect(plan.errors.map((e) => e.code)).toEqual(['service-period-end-date']);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('is 20 days away'); // whole UTC days
    expect(h.state.relationships()).toEqual([]);
    expect(h.state.handshakes()).toEqual([]);
  });
});

describe('a lost answer to the service-period request (commit, then the connection drops)', () => {
  // pcc reads back before it sends again, so the one request made is found whatever the service remembers.
  for (const [title, options] of [
    ['the clientToken is remembered', {}],
    ['the token is forgotten', { clientTokenTtlMs: 0 }],
    ['the token is forgotten and the service would accept a second pending request', { clientTokenTtlMs: 0, duplicateHandshakes: true }],
  ] as const) {
    describe(title, () => {
      let drops = 0;
      const lossy = withEmulator(
        {
          idSeed: 15,
          ...options,
          // Only the first answer is lost: the fault is lifted once it has struck.
          onRequest: (request) => {
            if (!request.dropped) return;
            drops++;
            lossy.emulator.setFaults(undefined);
          },
        },
        {
          per: 'test',
          seed: (e) => {
            e.state.createPma({ id: PMA });
            e.setFaults({ dropAfterCommitRate: 1, operations: ['CreateChannelHandshake'] });
          },
        },
      );

      it('leaves exactly one pending request, found by a read, and reports it done', async () => {
        drops = 0;
        const ws = await workspaceForTest([entry(4, { servicePeriod: NOTICE_30 })]);
        const applied = await pcc(ws, lossy.env, ['apply', '--auto-approve']);
        expect(applied.code, applied.stderr).toBe(0);
        expect(applied.stdout + applied.stderr).toContain('the answer was lost; a read shows the request landed');
        expect(drops).toBe(1);
        expect(lossy.emulator.stats.calls.CreateChannelHandshake).toBe(1);
        expect(lossy.state.handshakes().map((hs) => hs.status)).toEqual(['PENDING']);
        const waiting = await pcc(ws, lossy.env, ['plan', '--detailed-exitcode']);
        expect(waiting.code).toBe(0);
        expect(waiting.stdout).toContain('waiting for the customer');
      });
    });
  }
});
