import { ConflictException, CreateRelationshipCommand, DeleteRelationshipCommand, ResourceNotFoundException } from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createInput, failureOf, PMA_ID } from './support.js';

describe('clientToken idempotency', () => {
  const emu = withEmulator({}, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA_ID }) });

  it('CreateRelationship: the same token and input answer the first result and create one relationship', async () => {
    const client = emu.client();
    const first = await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'token-1' })));
    const second = await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'token-1' })));
    expect(second.relationshipDetail).toEqual(first.relationshipDetail);
    expect(emu.state.relationships()).toHaveLength(1);
  });

  it('CreateRelationship: the first answer is replayed even after the relationship is gone', async () => {
    const client = emu.client();
    const first = await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'token-2' })));
    emu.state.removeRelationship(first.relationshipDetail?.id ?? '');
    const replay = await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'token-2' })));
    expect(replay.relationshipDetail).toEqual(first.relationshipDetail);
    expect(emu.state.relationships()).toHaveLength(0);
  });

  it('CreateRelationship: the same token with a different input is a 409 ConflictException naming the first resource', async () => {
    const client = emu.client();
    const first = await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'token-3' })));
    const error = await failureOf(client.send(new CreateRelationshipCommand(createInput({ clientToken: 'token-3', displayName: 'Different' }))));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error).toMatchObject({ resourceId: first.relationshipDetail?.id, resourceType: 'Relationship' });
    expect(error.message).toContain('clientToken');
    expect(emu.state.relationships()).toHaveLength(1);
  });

  it('CreateRelationship: a failed request does not claim its token', async () => {
    const client = emu.client();
    await failureOf(client.send(new CreateRelationshipCommand(createInput({ clientToken: 'token-4', programManagementAccountIdentifier: 'pma-zzzzzzzzzzzzz' }))));
    const created = await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'token-4' })));
    expect(created.relationshipDetail?.id).toMatch(/^rs-/);
  });

  it('CreateRelationship: without a clientToken of its own the SDK makes one per call, so a repeat is a conflict', async () => {
    const client = emu.client();
    await client.send(new CreateRelationshipCommand(createInput()));
    const error = await failureOf(client.send(new CreateRelationshipCommand(createInput())));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('already has relationship');
  });

  it('DeleteRelationship: the same token answers success again; a new token answers 404', async () => {
    const client = emu.client();
    const id = (await client.send(new CreateRelationshipCommand(createInput()))).relationshipDetail?.id;
    const input = { catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: id, clientToken: 'delete-1' };
    await client.send(new DeleteRelationshipCommand(input));
    const replay = await client.send(new DeleteRelationshipCommand(input));
    expect(replay.$metadata.httpStatusCode).toBe(200);
    const error = await failureOf(client.send(new DeleteRelationshipCommand({ ...input, clientToken: 'delete-2' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('DeleteRelationship: the same token for another relationship is a 409 ConflictException', async () => {
    const client = emu.client();
    const a = (await client.send(new CreateRelationshipCommand(createInput()))).relationshipDetail?.id;
    const b = (await client.send(new CreateRelationshipCommand(createInput({ associatedAccountId: '444455556666' })))).relationshipDetail?.id;
    await client.send(new DeleteRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: a, clientToken: 'delete-3' }));
    const error = await failureOf(
      client.send(new DeleteRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: b, clientToken: 'delete-3' })),
    );
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.resourceId).toBe(a);
    expect(emu.state.getRelationship(b ?? '')).toBeDefined();
  });

  it('tokens are per operation: a create token may be reused for a delete', async () => {
    const client = emu.client();
    const id = (await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'shared' })))).relationshipDetail?.id;
    await client.send(new DeleteRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: id, clientToken: 'shared' }));
    expect(emu.state.relationships()).toHaveLength(0);
  });
});

describe('replayMismatchedTokens', () => {
  const emu = withEmulator({ replayMismatchedTokens: true }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA_ID }) });

  it('the same token with a different input answers the first answer again and creates nothing', async () => {
    const client = emu.client();
    const first = await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'token-m', tags: [{ key: 'pcc:apply-run', value: 'a' }] })));
    const second = await client.send(
      new CreateRelationshipCommand(createInput({ clientToken: 'token-m', displayName: 'Different', tags: [{ key: 'pcc:apply-run', value: 'b' }] })),
    );
    expect(second.relationshipDetail).toEqual(first.relationshipDetail);
    expect(emu.state.relationships()).toHaveLength(1);
    expect(emu.state.tagsOf(first.relationshipDetail?.arn ?? '')).toEqual({ 'pcc:apply-run': 'a' });
  });
});
