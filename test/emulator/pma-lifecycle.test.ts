import {
  AcceptChannelHandshakeCommand,
  AccessDeniedException,
  CancelChannelHandshakeCommand,
  ConflictException,
  CreateChannelHandshakeCommand,
  CreateProgramManagementAccountCommand,
  type CreateProgramManagementAccountCommandInput,
  CreateRelationshipCommand,
  DeleteProgramManagementAccountCommand,
  ListChannelHandshakesCommand,
  ListProgramManagementAccountsCommand,
  ListRelationshipsCommand,
  RejectChannelHandshakeCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdateProgramManagementAccountCommand,
  ValidationException,
} from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../../src/emulator/index.js';
import { withEmulator } from '../support/emulator.js';
import { ACCOUNT_ID, accountNumber, createInput, failureOf, PMA_ID } from './support.js';

const PARTNER = '111122223333';
const pmaInput = (overrides: Partial<CreateProgramManagementAccountCommandInput> = {}): CreateProgramManagementAccountCommandInput => ({
  catalog: 'AWS',
  program: 'DISTRIBUTION',
  displayName: 'EMEA',
  accountId: PARTNER,
  ...overrides,
});
const pmaHandshake = (identifier: string, extra: Record<string, unknown> = {}) =>
  new CreateChannelHandshakeCommand({ handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT', catalog: 'AWS', associatedResourceIdentifier: identifier, ...extra });
const listPmaHandshakes = (participantType: 'SENDER' | 'RECEIVER', extra: Record<string, unknown> = {}) =>
  new ListChannelHandshakesCommand({ handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT', catalog: 'AWS', participantType, ...extra });

function pmaEmulator(options: EmulatorOptions = {}) {
  const emu = withEmulator(options, { per: 'test' });
  const createPma = async (overrides: Partial<CreateProgramManagementAccountCommandInput> = {}) => {
    const { programManagementAccountDetail } = await emu.client().send(new CreateProgramManagementAccountCommand(pmaInput(overrides)));
    return { id: programManagementAccountDetail?.id ?? '', arn: programManagementAccountDetail?.arn ?? '' };
  };
  const sendHandshake = async (identifier: string) => (await emu.client().send(pmaHandshake(identifier))).channelHandshakeDetail?.id ?? '';
  const account = (id = PARTNER) => emu.client({ accessKeyId: `AKIA${id}` });
  return { emu, createPma, sendHandshake, account };
}

describe('program management accounts: PENDING until their account accepts the handshake', () => {
  const { emu, createPma, sendHandshake, account } = pmaEmulator();

  it('creates a PENDING PMA without startDate; the account accepting its handshake makes it ACTIVE', async () => {
    const pma = await createPma();
    const listed = await emu.client().send(new ListProgramManagementAccountsCommand({ catalog: 'AWS' }));
    expect(listed.items).toEqual([expect.objectContaining({ id: pma.id, status: 'PENDING', revision: '1' })]);
    expect(listed.items?.[0]).not.toHaveProperty('startDate');

    const created = await emu.client().send(pmaHandshake(pma.id, { clientToken: 'pma-1' }));
    const id = created.channelHandshakeDetail?.id ?? '';
    expect(id).toMatch(/^ch-[a-z0-9]{13}$/);
    const sent = await emu.client().send(listPmaHandshakes('SENDER'));
    expect(sent.items).toEqual([
      {
        id,
        arn: `arn:aws:partnercentral:us-east-1:${ACCOUNT_ID}:catalog/AWS/channel-handshake/${id}`,
        catalog: 'AWS',
        handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT',
        ownerAccountId: ACCOUNT_ID,
        senderAccountId: ACCOUNT_ID,
        receiverAccountId: PARTNER,
        associatedResourceId: pma.id,
        detail: { programManagementAccountHandshakeDetail: { program: 'DISTRIBUTION' } },
        status: 'PENDING',
        createdAt: expect.any(Date),
        updatedAt: expect.any(Date),
      },
    ]);
    const received = await account().send(listPmaHandshakes('RECEIVER'));
    expect(received.items?.map((h) => h.id)).toEqual([id]);

    expect(await failureOf(emu.client().send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: id })))).toBeInstanceOf(AccessDeniedException);
    expect(emu.state.getPma(pma.id)?.status).toBe('PENDING');
    const accepted = await account().send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: id }));
    expect(accepted.channelHandshakeDetail?.status).toBe('ACCEPTED');
    const [active] = (await emu.client().send(new ListProgramManagementAccountsCommand({ catalog: 'AWS', statuses: ['ACTIVE'] }))).items ?? [];
    expect(active).toMatchObject({ id: pma.id, status: 'ACTIVE', revision: '2', startDate: expect.any(Date) });
    expect(active?.startDate).toEqual(active?.updatedAt);

    const again = await failureOf(emu.client().send(pmaHandshake(pma.id)));
    expect(again).toBeInstanceOf(ValidationException);
    expect(again.message).toContain('ACTIVE, not PENDING');
  });

  it('refuses relationships under a PENDING PMA by default (ValidationException), takes them once ACTIVE', async () => {
    const pma = await createPma();
    const refused = await failureOf(emu.client().send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: pma.id }))));
    expect(refused).toBeInstanceOf(ValidationException);
    expect(refused.reason).toBe('BUSINESS_VALIDATION_FAILED');
    expect(refused.message).toContain('PENDING');
    await account().send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: await sendHandshake(pma.arn) }));
    const created = await emu.client().send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: pma.id })));
    expect(created.relationshipDetail?.arn).toContain(`${pma.id}/relationship/rs-`);
  });

  it('keeps seeded PMAs (pcc emulator --pma, the demo) ACTIVE, and refuses relationships under an INACTIVE one', async () => {
    const seeded = emu.state.createPma({ id: PMA_ID });
    expect(seeded).toMatchObject({ status: 'ACTIVE', startDate: expect.any(String) });
    await emu.client().send(new CreateRelationshipCommand(createInput()));
    emu.state.setPmaStatus(PMA_ID, 'INACTIVE');
    const refused = await failureOf(emu.client().send(new CreateRelationshipCommand(createInput({ associatedAccountId: '444455556666' }))));
    expect(refused).toBeInstanceOf(ValidationException);
    expect(refused.message).toContain('INACTIVE');
  });

  it('leaves the PMA PENDING when its account rejects or the sender cancels; one PENDING handshake per PMA (409)', async () => {
    const pma = await createPma();
    const first = await sendHandshake(pma.id);
    const second = await failureOf(emu.client().send(pmaHandshake(pma.id)));
    expect(second).toBeInstanceOf(ConflictException);
    expect(second.resourceId).toBe(first);
    expect(await failureOf(account().send(new CancelChannelHandshakeCommand({ catalog: 'AWS', identifier: first })))).toBeInstanceOf(AccessDeniedException);
    await account().send(new RejectChannelHandshakeCommand({ catalog: 'AWS', identifier: first }));
    expect(emu.state.getPma(pma.id)?.status).toBe('PENDING');
    const resent = await sendHandshake(pma.id);
    const canceled = await emu.client().send(new CancelChannelHandshakeCommand({ catalog: 'AWS', identifier: resent }));
    expect(canceled.channelHandshakeDetail?.status).toBe('CANCELED');
    expect(emu.state.getPma(pma.id)).toMatchObject({ status: 'PENDING', revision: '1' });
    const statuses = (await emu.client().send(listPmaHandshakes('SENDER'))).items?.map((h) => h.status);
    expect(statuses).toEqual(['REJECTED', 'CANCELED']);
  });

  it('checks the request: no payload, a PMA (id or its ARN) in the catalog, not a relationship', async () => {
    const pma = await createPma();
    const withPayload = await failureOf(
      emu.client().send(
        pmaHandshake(pma.id, {
          payload: { startServicePeriodPayload: { programManagementAccountIdentifier: pma.id, servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' } },
        }),
      ),
    );
    expect(withPayload).toBeInstanceOf(ValidationException);
    expect(withPayload.fieldList).toEqual([expect.objectContaining({ name: 'payload' })]);
    const relationshipArn = `${pma.arn}/relationship/rs-aaaaaaaaaaaa1`;
    expect(await failureOf(emu.client().send(pmaHandshake(relationshipArn)))).toBeInstanceOf(ValidationException);
    expect(await failureOf(emu.client().send(pmaHandshake('pma-0000000000000')))).toBeInstanceOf(ResourceNotFoundException);
    const otherCatalog = await failureOf(
      emu.client().send(new CreateChannelHandshakeCommand({ handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT', catalog: 'Sandbox', associatedResourceIdentifier: pma.id })),
    );
    expect(otherCatalog).toBeInstanceOf(ResourceNotFoundException);
    const byArn = await sendHandshake(pma.arn);
    expect(emu.state.handshakes().find((h) => h.id === byArn)?.associatedResourceId).toBe(pma.id);
  });

  it('answers a repeated clientToken with the first answer', async () => {
    const pma = await createPma();
    const first = await emu.client().send(pmaHandshake(pma.id, { clientToken: 'same' }));
    const retry = await emu.client().send(pmaHandshake(pma.id, { clientToken: 'same' }));
    expect(retry.channelHandshakeDetail).toEqual(first.channelHandshakeDetail);
    expect(emu.state.handshakes()).toHaveLength(1);
  });

  it('lists filtered by program and by PMA (id or ARN); a service-period filter does not apply', async () => {
    const emea = await createPma();
    const sp = await createPma({ program: 'SOLUTION_PROVIDER', accountId: '444455556666', displayName: 'SP' });
    const emeaHs = await sendHandshake(emea.id);
    const spHs = await sendHandshake(sp.id);
    const byProgram = await emu
      .client()
      .send(listPmaHandshakes('SENDER', { handshakeTypeFilters: { programManagementAccountTypeFilters: { programs: ['SOLUTION_PROVIDER'] } } }));
    expect(byProgram.items?.map((h) => h.id)).toEqual([spHs]);
    const byPma = await emu.client().send(listPmaHandshakes('SENDER', { associatedResourceIdentifiers: [emea.arn] }));
    expect(byPma.items?.map((h) => h.id)).toEqual([emeaHs]);
    const wrong = await failureOf(
      emu.client().send(listPmaHandshakes('SENDER', { handshakeTypeFilters: { startServicePeriodTypeFilters: { servicePeriodTypes: ['MINIMUM_NOTICE_PERIOD'] } } })),
    );
    expect(wrong).toBeInstanceOf(ValidationException);
    const serviceTypes = await emu.client().send(new ListChannelHandshakesCommand({ handshakeType: 'START_SERVICE_PERIOD', catalog: 'AWS', participantType: 'SENDER' }));
    expect(serviceTypes.items).toEqual([]);
  });

  it('updates the display name with an optional revision: a stale one is a 409', async () => {
    const pma = await createPma();
    const updated = await emu.client().send(new UpdateProgramManagementAccountCommand({ catalog: 'AWS', identifier: pma.id, revision: '1', displayName: 'EMEA 2' }));
    expect(updated.programManagementAccountDetail).toEqual({ id: pma.id, arn: pma.arn, revision: '2', displayName: 'EMEA 2' });
    const stale = await failureOf(
      emu.client().send(new UpdateProgramManagementAccountCommand({ catalog: 'AWS', identifier: pma.id, revision: '1', displayName: 'Late' })),
    );
    expect(stale).toBeInstanceOf(ConflictException);
    expect(stale).toMatchObject({ resourceId: pma.id, resourceType: 'ProgramManagementAccount' });
    const unconditional = await emu.client().send(new UpdateProgramManagementAccountCommand({ catalog: 'AWS', identifier: pma.arn, displayName: 'EMEA 3' }));
    expect(unconditional.programManagementAccountDetail?.revision).toBe('3');
    const [listed] = (await emu.client().send(new ListProgramManagementAccountsCommand({ catalog: 'AWS' }))).items ?? [];
    expect(listed).toMatchObject({ displayName: 'EMEA 3', revision: '3', status: 'PENDING' });
  });

  it("validates Update's and Delete's input from the model, and answers 404 for an unknown PMA", async () => {
    const pma = await createPma();
    const bad = [
      new UpdateProgramManagementAccountCommand({ catalog: 'AWS', identifier: pma.id, displayName: 'x'.repeat(31) }),
      new UpdateProgramManagementAccountCommand({ catalog: 'AWS', identifier: pma.id, displayName: 'tab\there' }),
      new UpdateProgramManagementAccountCommand({ catalog: 'AWS', identifier: pma.id, revision: 'one' }),
      new UpdateProgramManagementAccountCommand({ catalog: 'AWS', identifier: 'rs-aaaaaaaaaaaa1' }),
      new DeleteProgramManagementAccountCommand({ catalog: 'AWS', identifier: 'pma-short' }),
      new DeleteProgramManagementAccountCommand({ catalog: 'AWS', identifier: pma.id, clientToken: 'has space' }),
    ];
    for (const command of bad) expect(await failureOf(emu.client().send(command as never))).toBeInstanceOf(ValidationException);
    const missing = await failureOf(emu.client().send(new UpdateProgramManagementAccountCommand({ catalog: 'AWS', identifier: 'pma-0000000000000', displayName: 'X' })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(await failureOf(emu.client().send(new DeleteProgramManagementAccountCommand({ catalog: 'Sandbox', identifier: pma.id })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(emu.state.getPma(pma.id)).toMatchObject({ displayName: 'EMEA', revision: '1' });
  });

  it('deletes a PMA without relationships; refuses one with relationships (409); the clientToken replays', async () => {
    const seeded = emu.state.createPma({ id: PMA_ID });
    emu.state.seedRelationship({ pmaId: seeded.id, associatedAccountId: PARTNER, associationType: 'END_CUSTOMER', displayName: 'R', sector: 'COMMERCIAL' });
    const refused = await failureOf(emu.client().send(new DeleteProgramManagementAccountCommand({ catalog: 'AWS', identifier: PMA_ID })));
    expect(refused).toBeInstanceOf(ConflictException);
    expect(refused).toMatchObject({ resourceId: PMA_ID, resourceType: 'ProgramManagementAccount' });
    expect(refused.message).toContain('1 relationship');
    expect(emu.state.relationships()).toHaveLength(1);

    const pma = await createPma();
    await emu.client().send(new DeleteProgramManagementAccountCommand({ catalog: 'AWS', identifier: pma.arn, clientToken: 'del-1' }));
    expect(emu.state.getPma(pma.id)).toBeUndefined();
    const replay = await emu.client().send(new DeleteProgramManagementAccountCommand({ catalog: 'AWS', identifier: pma.arn, clientToken: 'del-1' }));
    expect(replay.$metadata.httpStatusCode).toBe(200);
    const mismatch = await failureOf(emu.client().send(new DeleteProgramManagementAccountCommand({ catalog: 'AWS', identifier: PMA_ID, clientToken: 'del-1' })));
    expect(mismatch).toBeInstanceOf(ConflictException);
    expect(await failureOf(emu.client().send(new DeleteProgramManagementAccountCommand({ catalog: 'AWS', identifier: pma.id })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    const left = (await emu.client().send(new ListProgramManagementAccountsCommand({ catalog: 'AWS' }))).items?.map((p) => p.id);
    expect(left).toEqual([PMA_ID]);
    // The address is free again: a new PMA for the same program and account can be created.
    expect((await createPma()).id).not.toBe(pma.id);
  });
});

describe('PMA handshake quotas: 402 ServiceQuotaExceededException', () => {
  const { emu, createPma, sendHandshake, account } = pmaEmulator();

  it('allows 5 PMA handshakes a day to one account', async () => {
    const pma = await createPma();
    for (let i = 0; i < 5; i++) await account().send(new RejectChannelHandshakeCommand({ catalog: 'AWS', identifier: await sendHandshake(pma.id) }));
    const sixth = await failureOf(emu.client().send(pmaHandshake(pma.id)));
    expect(sixth).toBeInstanceOf(ServiceQuotaExceededException);
    expect(sixth).toMatchObject({ quotaCode: 'handshakes-per-receiver-per-day', resourceId: PARTNER });
    expect(sixth.$metadata).toMatchObject({ httpStatusCode: 402 });
  });

  it('allows 100 PENDING PMA handshakes per sender', async () => {
    for (let i = 0; i < 101; i++) emu.state.createPma({ id: `pma-quota${String(i).padStart(8, '0')}`, status: 'PENDING', accountId: accountNumber(i) });
    const ids = emu.state.pmas().map((p) => p.id);
    for (const id of ids.slice(0, 100)) await sendHandshake(id);
    const over = await failureOf(emu.client().send(pmaHandshake(ids[100] ?? '')));
    expect(over).toBeInstanceOf(ServiceQuotaExceededException);
    expect(over).toMatchObject({ quotaCode: 'active-handshakes-per-type' });
    // Service-period handshakes count apart (their own 200).
    expect(emu.state.handshakes().filter((h) => h.status === 'PENDING')).toHaveLength(100);
  });
});

describe('PMA settings', () => {
  describe('pendingPmaRelationships: accept', () => {
    const { emu, createPma } = pmaEmulator({ pendingPmaRelationships: 'accept' });
    it('creates relationships under a PENDING PMA, still not under an INACTIVE one', async () => {
      const pma = await createPma();
      await emu.client().send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: pma.id })));
      expect((await emu.client().send(new ListRelationshipsCommand({ catalog: 'AWS' }))).items).toHaveLength(1);
      emu.state.setPmaStatus(pma.id, 'INACTIVE');
      const refused = await failureOf(
        emu.client().send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: pma.id, associatedAccountId: '444455556666' }))),
      );
      expect(refused).toBeInstanceOf(ValidationException);
    });
  });

  describe('pmaDeleteWithRelationships: cascade', () => {
    const { emu } = pmaEmulator({ pmaDeleteWithRelationships: 'cascade' });
    it('deletes the PMA and its relationships', async () => {
      emu.state.seedRelationship({ pmaId: PMA_ID, associatedAccountId: PARTNER, associationType: 'END_CUSTOMER', displayName: 'R', sector: 'COMMERCIAL' });
      await emu.client().send(new DeleteProgramManagementAccountCommand({ catalog: 'AWS', identifier: PMA_ID }));
      expect(emu.state.pmas()).toEqual([]);
      expect(emu.state.relationships()).toEqual([]);
    });
  });

  it('refuses unknown values', async () => {
    const { startEmulator } = await import('../../src/emulator/index.js');
    await expect(startEmulator({ pendingPmaRelationships: 'maybe' as never })).rejects.toThrow(/accept or refuse/);
    await expect(startEmulator({ pmaDeleteWithRelationships: 'orphan' as never })).rejects.toThrow(/refuse or cascade/);
  });
});

describe('PMA handshake expiry', () => {
  const { emu, createPma, sendHandshake, account } = pmaEmulator({ handshakeExpiryMs: 50 });
  it('expires a PENDING PMA handshake; the PMA stays PENDING and a new one can be sent', async () => {
    const pma = await createPma();
    const first = await sendHandshake(pma.id);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await emu.client().send(listPmaHandshakes('SENDER'))).items?.map((h) => [h.id, h.status])).toEqual([[first, 'EXPIRED']]);
    expect(await failureOf(account().send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: first })))).toBeInstanceOf(ValidationException);
    expect(emu.state.getPma(pma.id)?.status).toBe('PENDING');
    expect(await sendHandshake(pma.id)).not.toBe(first);
  });
});
