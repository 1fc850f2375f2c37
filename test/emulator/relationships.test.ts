import {
  ConflictException,
  CreateRelationshipCommand,
  DeleteRelationshipCommand,
  GetRelationshipCommand,
  ListRelationshipsCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdateRelationshipCommand,
} from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { sdkClient, withEmulator } from '../support/emulator.js';
import { ACCOUNT_ID, createInput, failureOf, OTHER_PMA_ID, PMA_ARN, PMA_ID } from './support.js';

const PLAN = { resoldUnifiedOperations: { coverage: 'ENTIRE_ORGANIZATION' as const, tamLocation: 'us-east-1', chargeAccountId: '111122223333' } };

describe('relationships: create, get, update, delete', () => {
  const emu = withEmulator({}, { per: 'test', seed: (e) => void (e.state.createPma({ id: PMA_ID }), e.state.createPma({ id: OTHER_PMA_ID })) });
  const address = (identifier: string) => ({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier });

  it('creates with an ARN nesting the PMA ARN and an rs- id, and reads it back in full except the write-only plan', async () => {
    const client = emu.client();
    const created = await client.send(new CreateRelationshipCommand(createInput({ requestedSupportPlan: PLAN, tags: [{ key: 'team', value: 'x' }] })));
    const id = created.relationshipDetail?.id ?? '';
    expect(id).toMatch(/^rs-[a-z0-9]{13}$/);
    expect(created.relationshipDetail?.arn).toBe(`${PMA_ARN}/relationship/${id}`);

    const { relationshipDetail } = await client.send(new GetRelationshipCommand(address(id)));
    expect(relationshipDetail).toEqual({
      arn: `${PMA_ARN}/relationship/${id}`,
      id,
      revision: '1',
      catalog: 'AWS',
      associationType: 'END_CUSTOMER',
      programManagementAccountId: PMA_ID,
      associatedAccountId: '111122223333',
      displayName: 'Acme Corp',
      resaleAccountModel: 'END_CUSTOMER',
      sector: 'COMMERCIAL',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      startDate: expect.any(Date),
    });
    // Stored, never returned.
    expect(emu.state.getRelationship(id)).toMatchObject({ requestedSupportPlan: PLAN, tags: { team: 'x' } });
  });

  it('accepts PMA and relationship identifiers as ARNs', async () => {
    const client = emu.client();
    const { relationshipDetail } = await client.send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: PMA_ARN })));
    const got = await client.send(new GetRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ARN, identifier: relationshipDetail?.arn }));
    expect(got.relationshipDetail?.id).toBe(relationshipDetail?.id);
  });

  it('updates displayName and the support plan, bumping revision and updatedAt; answers the UpdateRelationshipDetail', async () => {
    const client = emu.client();
    const id = (await client.send(new CreateRelationshipCommand(createInput()))).relationshipDetail?.id ?? '';
    const before = (await client.send(new GetRelationshipCommand(address(id)))).relationshipDetail;
    const updated = await client.send(new UpdateRelationshipCommand({ ...address(id), revision: '1', displayName: 'Acme 2', requestedSupportPlan: PLAN }));
    expect(updated.relationshipDetail).toEqual({ arn: before?.arn, id, revision: '2', displayName: 'Acme 2' });
    const after = (await client.send(new GetRelationshipCommand(address(id)))).relationshipDetail;
    expect(after?.revision).toBe('2');
    expect(after?.updatedAt?.getTime()).toBeGreaterThan(before?.updatedAt?.getTime() ?? Infinity);
    expect(after?.createdAt).toEqual(before?.createdAt);
    expect(emu.state.getRelationship(id)?.requestedSupportPlan).toEqual(PLAN);
    // Without a revision the update is unconditional.
    const again = await client.send(new UpdateRelationshipCommand({ ...address(id), displayName: 'Acme 3' }));
    expect(again.relationshipDetail?.revision).toBe('3');
  });

  it('rejects an update with a stale revision with 409 and changes nothing', async () => {
    const client = emu.client();
    const id = (await client.send(new CreateRelationshipCommand(createInput()))).relationshipDetail?.id ?? '';
    emu.state.mutateRelationship(id, { displayName: 'Changed elsewhere' });
    const error = await failureOf(client.send(new UpdateRelationshipCommand({ ...address(id), revision: '1', displayName: 'Mine' })));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error).toMatchObject({ resourceId: id, resourceType: 'Relationship' });
    expect(emu.state.getRelationship(id)).toMatchObject({ displayName: 'Changed elsewhere', revision: '2' });
  });

  it('deletes, after which get, update and delete answer 404', async () => {
    const client = emu.client();
    const id = (await client.send(new CreateRelationshipCommand(createInput()))).relationshipDetail?.id ?? '';
    const deleted = await client.send(new DeleteRelationshipCommand({ ...address(id) }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect(emu.state.getRelationship(id)).toBeUndefined();
    for (const call of [
      client.send(new GetRelationshipCommand(address(id))),
      client.send(new UpdateRelationshipCommand({ ...address(id), displayName: 'x' })),
      client.send(new DeleteRelationshipCommand(address(id))),
    ]) {
      const error = await failureOf(call);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error).toMatchObject({ resourceId: id, resourceType: 'Relationship' });
    }
  });

  it('finds a relationship only under its own PMA, catalog and ARN', async () => {
    const client = emu.client();
    const { id, arn } = (await client.send(new CreateRelationshipCommand(createInput()))).relationshipDetail ?? {};
    const wrongPma = await failureOf(client.send(new GetRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: OTHER_PMA_ID, identifier: id })));
    expect(wrongPma).toMatchObject({ name: 'ResourceNotFoundException', resourceType: 'Relationship' });
    const wrongCatalog = await failureOf(client.send(new GetRelationshipCommand({ catalog: 'Sandbox', programManagementAccountIdentifier: PMA_ID, identifier: id })));
    expect(wrongCatalog).toMatchObject({ name: 'ResourceNotFoundException', resourceType: 'ProgramManagementAccount' });
    const foreignArn = arn?.replace(ACCOUNT_ID, '999999999999');
    const wrongArn = await failureOf(client.send(new GetRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: foreignArn })));
    expect(wrongArn).toMatchObject({ name: 'ResourceNotFoundException', resourceId: foreignArn });
  });

  it('allows one relationship per PMA and associated account, the same account under another PMA', async () => {
    const client = emu.client();
    const first = await client.send(new CreateRelationshipCommand(createInput()));
    const error = await failureOf(client.send(new CreateRelationshipCommand(createInput({ associationType: 'INTERNAL' }))));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.resourceId).toBe(first.relationshipDetail?.id);
    await client.send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: OTHER_PMA_ID })));
    expect(emu.state.relationships()).toHaveLength(2);
  });

  it('answers 404 for an unknown PMA and creates nothing', async () => {
    const error = await failureOf(emu.client().send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: 'pma-zzzzzzzzzzzzz' }))));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(emu.state.relationships()).toHaveLength(0);
  });
});

describe('relationships: quota and autoCreatePmas', () => {
  it('answers 402 ServiceQuotaExceeded once a PMA holds relationshipQuotaPerPma relationships', async () => {
    const emulator = await startEmulator({ relationshipQuotaPerPma: 3 });
    const client = sdkClient(emulator.endpoint);
    try {
      emulator.state.createPma({ id: PMA_ID });
      for (const account of ['100000000001', '100000000002', '100000000003']) {
        await client.send(new CreateRelationshipCommand(createInput({ associatedAccountId: account })));
      }
      const error = await failureOf(client.send(new CreateRelationshipCommand(createInput({ associatedAccountId: '100000000004' }))));
      expect(error).toBeInstanceOf(ServiceQuotaExceededException);
      expect(error).toMatchObject({ resourceId: PMA_ID, resourceType: 'ProgramManagementAccount', $metadata: { httpStatusCode: 402 } });
      expect(emulator.state.relationships()).toHaveLength(3);
      // Deleting one frees a slot.
      const [oldest] = emulator.state.relationships();
      await client.send(new DeleteRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: oldest?.id }));
      await client.send(new CreateRelationshipCommand(createInput({ associatedAccountId: '100000000004' })));
    } finally {
      client.destroy();
      await emulator.stop();
    }
  });

  it('with autoCreatePmas, creates an unknown PMA on first use, by id or by its own ARN only', async () => {
    const emulator = await startEmulator({ autoCreatePmas: true });
    const client = sdkClient(emulator.endpoint);
    try {
      const created = await client.send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: 'pma-newnewnewnew1' })));
      expect(created.relationshipDetail?.arn).toContain('/program-management-account/pma-newnewnewnew1/relationship/rs-');
      expect(emulator.state.getPma('pma-newnewnewnew1')).toMatchObject({ catalog: 'AWS', status: 'ACTIVE' });
      const listed = await client.send(new ListRelationshipsCommand({ catalog: 'AWS', programManagementAccountIdentifiers: ['pma-other0other01'] }));
      expect(listed.items).toEqual([]);
      const foreign = 'arn:aws:partnercentral:us-east-1:999999999999:catalog/AWS/program-management-account/pma-foreignforeig';
      const error = await failureOf(client.send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: foreign }))));
      expect(error).toBeInstanceOf(ResourceNotFoundException);
    } finally {
      client.destroy();
      await emulator.stop();
    }
  });
});
