import {
  AcceptChannelHandshakeCommand,
  AccessDeniedException,
  CancelChannelHandshakeCommand,
  ConflictException,
  CreateChannelHandshakeCommand,
  type CreateChannelHandshakeCommandInput,
  ListChannelHandshakesCommand,
  paginateListChannelHandshakes,
  RejectChannelHandshakeCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ValidationException,
} from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { ACCOUNT_ID, failureOf, OTHER_PMA_ID, PMA_ID } from './support.js';

const CUSTOMER = '111122223333';
const DAY = 24 * 60 * 60 * 1000;
const pmaOfRelationship = new Map<string, string>();

function startInput(relationshipId: string, overrides: Record<string, unknown> = {}): CreateChannelHandshakeCommandInput {
  const pma = pmaOfRelationship.get(relationshipId) ?? PMA_ID;
  return {
    handshakeType: 'START_SERVICE_PERIOD',
    catalog: 'AWS',
    associatedResourceIdentifier: relationshipId,
    payload: {
      startServicePeriodPayload: { programManagementAccountIdentifier: pma, servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30', ...overrides },
    },
  };
}

describe('channel handshakes (service periods)', () => {
  let relationshipIds: string[] = [];
  const emu = withEmulator(
    { maxPageSize: 2, handshakesPerReceiverPerDay: 3 },
    {
      per: 'test',
      seed: (e) => {
        // Two relationships to the customer (under two PMAs) and one to another account.
        const seeds: [string, string][] = [
          [PMA_ID, CUSTOMER],
          [OTHER_PMA_ID, CUSTOMER],
          [PMA_ID, '444455556666'],
        ];
        relationshipIds = seeds.map(
          ([pmaId, associatedAccountId], n) =>
            e.state.seedRelationship({ pmaId, associatedAccountId, associationType: 'END_CUSTOMER', displayName: `R${n}`, sector: 'COMMERCIAL' }).id,
        );
      },
    },
  );
  const customer = () => emu.client({ accessKeyId: `AKIA${CUSTOMER}` });
  const rs = (i: number) => {
    const id = relationshipIds[i] ?? '';
    if (i === 1) pmaOfRelationship.set(id, OTHER_PMA_ID);
    return id;
  };

  it('creates a PENDING request the sender lists and the customer (by access key) accepts', async () => {
    const created = await emu.client().send(new CreateChannelHandshakeCommand({ ...startInput(rs(0), { note: 'hello' }), clientToken: 't1' }));
    const id = created.channelHandshakeDetail?.id ?? '';
    expect(id).toMatch(/^ch-[a-z0-9]{13}$/);
    expect(created.channelHandshakeDetail?.arn).toBe(`arn:aws:partnercentral:us-east-1:${ACCOUNT_ID}:catalog/AWS/channel-handshake/${id}`);
    const sent = await emu.client().send(new ListChannelHandshakesCommand({ handshakeType: 'START_SERVICE_PERIOD', catalog: 'AWS', participantType: 'SENDER' }));
    expect(sent.items).toEqual([
      expect.objectContaining({
        id,
        status: 'PENDING',
        senderAccountId: ACCOUNT_ID,
        receiverAccountId: CUSTOMER,
        associatedResourceId: rs(0),
        detail: { startServicePeriodHandshakeDetail: { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30', note: 'hello' } },
        createdAt: expect.any(Date),
      }),
    ]);
    const received = await customer().send(new ListChannelHandshakesCommand({ handshakeType: 'START_SERVICE_PERIOD', catalog: 'AWS', participantType: 'RECEIVER' }));
    expect(received.items?.map((h) => h.id)).toEqual([id]);
    const notMine = await customer().send(new ListChannelHandshakesCommand({ handshakeType: 'START_SERVICE_PERIOD', catalog: 'AWS', participantType: 'SENDER' }));
    expect(notMine.items).toEqual([]);
    expect(await failureOf(emu.client().send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: id })))).toBeInstanceOf(AccessDeniedException);
    const accepted = await customer().send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: id }));
    expect(accepted.channelHandshakeDetail?.status).toBe('ACCEPTED');
    const again = await failureOf(customer().send(new RejectChannelHandshakeCommand({ catalog: 'AWS', identifier: id })));
    expect(again).toBeInstanceOf(ValidationException);
    expect(again.message).toContain('ACCEPTED');
    expect(emu.state.handshakes()[0]?.detail.startServicePeriodHandshakeDetail?.startDate).toEqual(expect.any(String));
  });

  it('answers a repeated clientToken with the first answer, and refuses a second PENDING request', async () => {
    const first = await emu.client().send(new CreateChannelHandshakeCommand({ ...startInput(rs(0)), clientToken: 'same' }));
    const retry = await emu.client().send(new CreateChannelHandshakeCommand({ ...startInput(rs(0)), clientToken: 'same' }));
    expect(retry.channelHandshakeDetail).toEqual(first.channelHandshakeDetail);
    const other = await failureOf(emu.client().send(new CreateChannelHandshakeCommand({ ...startInput(rs(0)), clientToken: 'other' })));
    expect(other).toBeInstanceOf(ConflictException);
    expect(other.resourceId).toBe(first.channelHandshakeDetail?.id);
    expect(emu.state.handshakes()).toHaveLength(1);
  });

  it('checks the terms: notice days, end date 60-365 days ahead, the payload and the relationship', async () => {
    const inDays = (n: number) => new Date(Date.now() + n * DAY);
    const bad = [
      startInput(rs(0), { minimumNoticeDays: '45' }),
      startInput(rs(0), { servicePeriodType: 'FIXED_COMMITMENT_PERIOD', minimumNoticeDays: undefined }),
      startInput(rs(0), { servicePeriodType: 'FIXED_COMMITMENT_PERIOD', minimumNoticeDays: undefined, endDate: inDays(30) }),
      startInput(rs(0), { servicePeriodType: 'FIXED_COMMITMENT_PERIOD', minimumNoticeDays: undefined, endDate: inDays(400) }),
      { ...startInput(rs(0)), payload: undefined },
      startInput(rs(0), { note: 'x'.repeat(301) }),
    ];
    for (const input of bad) expect(await failureOf(emu.client().send(new CreateChannelHandshakeCommand(input)))).toBeInstanceOf(ValidationException);
    const missing = await failureOf(emu.client().send(new CreateChannelHandshakeCommand(startInput('rs-0000000000000'))));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    const fixed = startInput(rs(1), { servicePeriodType: 'FIXED_COMMITMENT_PERIOD', minimumNoticeDays: undefined, endDate: inDays(90) });
    await emu.client().send(new CreateChannelHandshakeCommand(fixed));
    expect(emu.state.handshakes().map((h) => h.detail.startServicePeriodHandshakeDetail?.servicePeriodType)).toEqual(['FIXED_COMMITMENT_PERIOD']);
  });

  it('lets the sender cancel, filters by status, relationship and period type, and pages', async () => {
    const ids: string[] = [];
    for (const i of [0, 1, 2]) ids.push((await emu.client().send(new CreateChannelHandshakeCommand(startInput(rs(i))))).channelHandshakeDetail?.id ?? '');
    expect(await failureOf(customer().send(new CancelChannelHandshakeCommand({ catalog: 'AWS', identifier: ids[0] })))).toBeInstanceOf(AccessDeniedException);
    const canceled = await emu.client().send(new CancelChannelHandshakeCommand({ catalog: 'AWS', identifier: ids[0] }));
    expect(canceled.channelHandshakeDetail?.status).toBe('CANCELED');
    const base = { handshakeType: 'START_SERVICE_PERIOD' as const, catalog: 'AWS', participantType: 'SENDER' as const };
    const pending = [];
    for await (const page of paginateListChannelHandshakes({ client: emu.client() }, { ...base, statuses: ['PENDING'], maxResults: 1 })) {
      expect(page.items?.length).toBeLessThanOrEqual(1);
      pending.push(...(page.items ?? []).map((h) => h.id));
    }
    expect(pending).toEqual([ids[1], ids[2]]);
    const byResource = await emu.client().send(new ListChannelHandshakesCommand({ ...base, associatedResourceIdentifiers: [rs(0)] }));
    expect(byResource.items?.map((h) => [h.id, h.status])).toEqual([[ids[0], 'CANCELED']]);
    const fixedOnly = await emu
      .client()
      .send(new ListChannelHandshakesCommand({ ...base, handshakeTypeFilters: { startServicePeriodTypeFilters: { servicePeriodTypes: ['FIXED_COMMITMENT_PERIOD'] } } }));
    expect(fixedOnly.items).toEqual([]);
    const sorted = await emu
      .client()
      .send(
        new ListChannelHandshakesCommand({ ...base, maxResults: 1, handshakeTypeSort: { startServicePeriodTypeSort: { sortBy: 'UpdatedAt', sortOrder: 'Descending' } } }),
      );
    expect(sorted.items?.map((h) => h.id)).toEqual([ids[0]]);
    expect(sorted.nextToken).toEqual(expect.any(String));
  });

  it('expires a PENDING request after handshakeExpiryMs', async () => {
    const { startEmulator } = await import('../../src/emulator/index.js');
    const short = await startEmulator({ handshakeExpiryMs: 50 });
    try {
      const r = short.state.seedRelationship({ pmaId: PMA_ID, associatedAccountId: CUSTOMER, associationType: 'END_CUSTOMER', displayName: 'R', sector: 'COMMERCIAL' });
      const { sdkClient } = await import('../support/emulator.js');
      const client = sdkClient(short.endpoint);
      const id = (await client.send(new CreateChannelHandshakeCommand(startInput(r.id)))).channelHandshakeDetail?.id ?? '';
      await new Promise((resolve) => setTimeout(resolve, 80));
      const listed = await client.send(new ListChannelHandshakesCommand({ handshakeType: 'START_SERVICE_PERIOD', catalog: 'AWS', participantType: 'SENDER' }));
      expect(listed.items?.map((h) => [h.id, h.status])).toEqual([[id, 'EXPIRED']]);
      const late = await failureOf(
        sdkClient(short.endpoint, { accessKeyId: `AKIA${CUSTOMER}` }).send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: id })),
      );
      expect(late).toBeInstanceOf(ValidationException);
      client.destroy();
    } finally {
      await short.stop();
    }
  });

  it('limits requests to one account per day', async () => {
    for (let i = 0; i < 3; i++) {
      const id = (await emu.client().send(new CreateChannelHandshakeCommand(startInput(rs(0))))).channelHandshakeDetail?.id ?? '';
      await emu.client().send(new CancelChannelHandshakeCommand({ catalog: 'AWS', identifier: id }));
    }
    const fourth = await failureOf(emu.client().send(new CreateChannelHandshakeCommand(startInput(rs(1)))));
    expect(fourth).toBeInstanceOf(ServiceQuotaExceededException);
    await emu.client().send(new CreateChannelHandshakeCommand(startInput(rs(2))));
  });
});
