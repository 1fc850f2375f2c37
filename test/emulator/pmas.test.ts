import {
  AcceptChannelHandshakeCommand,
  ConflictException,
  CreateChannelHandshakeCommand,
  CreateProgramManagementAccountCommand,
  CreateRelationshipCommand,
  ListProgramManagementAccountsCommand,
  paginateListProgramManagementAccounts,
  ServiceQuotaExceededException,
} from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { accountNumber, createInput, failureOf } from './support.js';

describe('program management accounts', () => {
  const emu = withEmulator({ maxPageSize: 2 }, { per: 'test' });
  const input = { catalog: 'AWS', program: 'SOLUTION_PROVIDER' as const, displayName: 'Main', accountId: '111122223333' };

  it('creates a PMA that relationships can use once its account accepts the handshake', async () => {
    const client = emu.client();
    const { programManagementAccountDetail } = await client.send(new CreateProgramManagementAccountCommand(input));
    const id = programManagementAccountDetail?.id ?? '';
    expect(id).toMatch(/^pma-[a-z0-9]{13}$/);
    expect(programManagementAccountDetail?.arn).toBe(`arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/program-management-account/${id}`);
    const handshake = await client.send(
      new CreateChannelHandshakeCommand({ handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT', catalog: 'AWS', associatedResourceIdentifier: id }),
    );
    const theAccount = emu.client({ accessKeyId: `AKIA${input.accountId}` });
    await theAccount.send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: handshake.channelHandshakeDetail?.id }));
    const created = await client.send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: id })));
    expect(created.relationshipDetail?.arn).toContain(`${id}/relationship/rs-`);
  });

  it('lists PMAs with every field, filtered, across pages', async () => {
    const client = emu.client();
    for (let i = 0; i < 5; i++) {
      await client.send(
        new CreateProgramManagementAccountCommand({
          ...input,
          displayName: `PMA ${i}`,
          accountId: accountNumber(i),
          program: i < 3 ? 'SOLUTION_PROVIDER' : 'DISTRIBUTION',
        }),
      );
    }
    const items = [];
    for await (const page of paginateListProgramManagementAccounts({ client }, { catalog: 'AWS', programs: ['SOLUTION_PROVIDER'] })) {
      expect(page.items?.length).toBeLessThanOrEqual(2);
      items.push(...(page.items ?? []));
    }
    expect(items.map((p) => p.displayName)).toEqual(['PMA 0', 'PMA 1', 'PMA 2']);
    expect(items[0]).toEqual({
      id: expect.stringMatching(/^pma-/),
      arn: expect.stringContaining(':catalog/AWS/program-management-account/pma-'),
      revision: '1',
      catalog: 'AWS',
      program: 'SOLUTION_PROVIDER',
      displayName: 'PMA 0',
      accountId: accountNumber(0),
      status: 'PENDING',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    const filtered = await client.send(
      new ListProgramManagementAccountsCommand({ catalog: 'AWS', accountIds: [accountNumber(4)], statuses: ['PENDING'], displayNames: ['PMA 4'] }),
    );
    expect(filtered.items?.map((p) => p.displayName)).toEqual(['PMA 4']);
    const none = await client.send(new ListProgramManagementAccountsCommand({ catalog: 'AWS', statuses: ['ACTIVE'] }));
    expect(none.items).toEqual([]);
    const sorted = await client.send(new ListProgramManagementAccountsCommand({ catalog: 'AWS', sort: { sortBy: 'UpdatedAt', sortOrder: 'Descending' } }));
    expect(sorted.items?.map((p) => p.displayName)).toEqual(['PMA 4', 'PMA 3']);
  });

  it('allows one PMA per catalog, program and account; is idempotent by clientToken', async () => {
    const client = emu.client();
    const first = await client.send(new CreateProgramManagementAccountCommand({ ...input, clientToken: 'pma-token' }));
    const replay = await client.send(new CreateProgramManagementAccountCommand({ ...input, clientToken: 'pma-token' }));
    expect(replay.programManagementAccountDetail).toEqual(first.programManagementAccountDetail);
    const error = await failureOf(client.send(new CreateProgramManagementAccountCommand(input)));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error).toMatchObject({ resourceId: first.programManagementAccountDetail?.id, resourceType: 'ProgramManagementAccount' });
    await client.send(new CreateProgramManagementAccountCommand({ ...input, program: 'DISTRIBUTION' }));
    expect(emu.state.pmas()).toHaveLength(2);
  });

  it('answers 402 beyond 50 PMAs', async () => {
    for (let i = 0; i < 50; i++) emu.state.createPma({ accountId: accountNumber(i) });
    const error = await failureOf(emu.client().send(new CreateProgramManagementAccountCommand(input)));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(emu.state.pmas()).toHaveLength(50);
  });
});
