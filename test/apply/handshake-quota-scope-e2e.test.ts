/**
 * The per-day handshake quota counts what the service counts: every START_ (or REVOKE_) SERVICE_PERIOD handshake
 * this account sent to the receiving account in 24 hours, about any relationship — under another PMA, or one no
 * file names, or one deleted since — not only the relationships the files declare. The plan refuses the sixth,
 * so apply never meets the service's 402. The emulator's quotas are the product's (HANDSHAKE_QUOTAS).
 */
import { CancelChannelHandshakeCommand, CreateChannelHandshakeCommand } from '@aws-sdk/client-partnercentral-channel';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/live/api-error.js';
import { describeError } from '../../src/apply/change-context.js';
import { HANDSHAKE_QUOTAS } from '../../src/model/service-period.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, pcc, PMA, type Workspace } from '../support/e2e-helpers.js';

const OTHER_PMA = 'pma-otherpma00001';
const h = withEmulator(
  { idSeed: 43 },
  {
    per: 'test',
    seed: (e) => {
      e.state.createPma({ id: PMA });
      e.state.createPma({ id: OTHER_PMA });
    },
  },
);
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

const NOTICE_30 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 };
type PlanJson = { errors: { code: string; message: string }[]; summary: Record<string, number> };
const planJson = async () => JSON.parse((await pcc(ws!, h.env, ['plan', '--format', 'json'])).stdout) as PlanJson;

/** A relationship with account i under `pmaId`, and `n` START_SERVICE_PERIOD requests about it today (withdrawn). */
async function requestsToday(pmaId: string, i: number, n: number): Promise<string> {
  const seeded = h.state.seedRelationship({ pmaId, associatedAccountId: accountId(i), associationType: 'END_CUSTOMER', displayName: `Other ${i}`, sector: 'COMMERCIAL' });
  for (let k = 0; k < n; k++) {
    const sent = await h.client().send(
      new CreateChannelHandshakeCommand({
        handshakeType: 'START_SERVICE_PERIOD',
        catalog: 'AWS',
        associatedResourceIdentifier: seeded.id,
        payload: { startServicePeriodPayload: { programManagementAccountIdentifier: pmaId, servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '14' } },
      }),
    );
    await h.client().send(new CancelChannelHandshakeCommand({ catalog: 'AWS', identifier: sent.channelHandshakeDetail?.id }));
  }
  return seeded.id;
}

describe('the per-day handshake quota counts every handshake to the account', () => {
  it('five requests today to the customer from another PMA (no file names that relationship): the sixth is a plan error, nothing is sent', async () => {
    await requestsToday(OTHER_PMA, 4, HANDSHAKE_QUOTAS.perAccountPerDay);
    ws = await createWorkspace([entry(4, { servicePeriod: NOTICE_30 })]);
    const plan = await planJson();
    expect(plan.errors).toEqual([
      expect.objectContaining({ code: 'handshake-quota-per-day', message: expect.stringContaining(`to account ${accountId(4)} would be the 6th in 24 hours`) }),
    ]);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('handshake-quota-per-day');
    // Nothing sent, nothing created: the five withdrawn requests are all there is.
    expect(h.state.handshakes()).toHaveLength(HANDSHAKE_QUOTAS.perAccountPerDay);
    expect(h.state.relationships().map((r) => r.programManagementAccountId)).toEqual([OTHER_PMA]);
  });

  it('counts requests about a relationship deleted since, and four of them leave room for one', async () => {
    const gone = await requestsToday(PMA, 5, HANDSHAKE_QUOTAS.perAccountPerDay);
    h.state.removeRelationship(gone);
    ws = await createWorkspace([entry(5, { servicePeriod: NOTICE_30 })]);
    // The relationship is created anew; its period request would be the sixth to the account today.
    expect((await planJson()).errors.map((e) => e.code)).toEqual(['handshake-quota-per-day']);

    await requestsToday(OTHER_PMA, 6, HANDSHAKE_QUOTAS.perAccountPerDay - 1);
    await ws.write([entry(6, { servicePeriod: NOTICE_30 })]);
    const fits = await planJson();
    expect(fits.errors).toEqual([]);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(h.state.handshakes().filter((x) => x.receiverAccountId === accountId(6))).toHaveLength(HANDSHAKE_QUOTAS.perAccountPerDay);
  });

  it('the message for a 402 the service still sends states the quotas the product checks', () => {
    const said = describeError(new ApiError('CreateChannelHandshake', 'quota-exceeded', 'too many', 402, 1, 'ServiceQuotaExceededException'));
    expect(said).toContain(`at most ${HANDSHAKE_QUOTAS.perAccountPerDay} service-period requests`);
    expect(said).toContain(`${HANDSHAKE_QUOTAS.activePerType} of each type may be pending`);
    expect(HANDSHAKE_QUOTAS).toEqual({ perAccountPerDay: 5, activePerType: 200 });
  });
});
