import {
  AccessDeniedException,
  ConflictException,
  CreateRelationshipCommand,
  GetRelationshipCommand,
  InternalServerException,
  ListRelationshipsCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createInput, failureOf, PMA_ID, rawCall, rawOperation } from './support.js';

const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe('AWS JSON 1.0 wire protocol', () => {
  const emu = withEmulator({ relationshipQuotaPerPma: 1, deny: ['ListRelationships'] }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA_ID }) });

  it('answers application/x-amz-json-1.0 with a request id, and ISO-8601 timestamps the SDK turns into Dates', async () => {
    const { relationshipDetail } = await emu.client().send(new CreateRelationshipCommand(createInput()));
    const raw = await rawOperation(emu.endpoint, 'GetRelationship', { catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: relationshipDetail?.id });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(raw.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const detail = raw.json.relationshipDetail as Record<string, string>;
    for (const field of ['createdAt', 'updatedAt', 'startDate']) expect(detail[field]).toMatch(ISO_8601);

    const got = await emu.client().send(new GetRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: relationshipDetail?.id }));
    expect(got.$metadata.httpStatusCode).toBe(200);
    expect(got.relationshipDetail?.createdAt).toBeInstanceOf(Date);
    expect(got.relationshipDetail?.createdAt?.toISOString()).toBe(detail.createdAt);
  });

  it('encodes errors with the modelled status, a qualified __type, x-amzn-errortype and the members', async () => {
    const raw = await rawOperation(emu.endpoint, 'GetRelationship', { catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: 'rs-0000000000000' });
    expect(raw.status).toBe(404);
    expect(raw.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(raw.json).toEqual({
      __type: 'com.amazonaws.partnercentralchannel#ResourceNotFoundException',
      message: expect.stringContaining('rs-0000000000000'),
      resourceId: 'rs-0000000000000',
      resourceType: 'Relationship',
    });
  });

  it('answers an unknown target, a missing target and a GET with 400 UnknownOperationException', async () => {
    for (const [target, method] of [
      ['PartnerCentralChannel.DoMagic', 'POST'],
      ['OtherService.GetRelationship', 'POST'],
      [undefined, 'POST'],
      ['PartnerCentralChannel.GetRelationship', 'GET'],
    ] as const) {
      const raw = await rawCall(emu.endpoint, target, {}, method);
      expect(raw.status, `${target} ${method}`).toBe(400);
      expect(raw.json.__type).toBe('com.amazon.coral.service#UnknownOperationException');
      expect(raw.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    }
  });

  it('answers malformed JSON and wrongly typed members with 400 SerializationException', async () => {
    const broken = await rawOperation(emu.endpoint, 'GetRelationship', '{"catalog": ');
    const wrongType = await rawOperation(emu.endpoint, 'GetRelationship', { catalog: 7, programManagementAccountIdentifier: PMA_ID, identifier: 'rs-0000000000000' });
    const notObject = await rawOperation(emu.endpoint, 'GetRelationship', '[]');
    const fraction = await rawOperation(emu.endpoint, 'ListProgramManagementAccounts', { catalog: 'AWS', maxResults: 1.5 });
    for (const raw of [broken, wrongType, notObject, fraction]) {
      expect(raw.status).toBe(400);
      expect(raw.json.__type).toBe('com.amazon.coral.service#SerializationException');
    }
    expect(wrongType.json.message).toContain('catalog');
  });

  describe('every modelled error reaches the SDK as its exported class with its members', () => {
    it('ValidationException: 400, reason, fieldList', async () => {
      const error = await failureOf(emu.client().send(new CreateRelationshipCommand(createInput({ associatedAccountId: '12' }))));
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
      expect(error.reason).toBe('REQUEST_VALIDATION_FAILED');
      expect(error.fieldList).toEqual([{ name: 'associatedAccountId', code: 'INVALID_STRING_FORMAT', message: expect.stringContaining('12') }]);
    });

    it('AccessDeniedException: 403, reason', async () => {
      const error = await failureOf(emu.client().send(new ListRelationshipsCommand({ catalog: 'AWS' })));
      expect(error).toBeInstanceOf(AccessDeniedException);
      expect(error.$metadata).toMatchObject({ httpStatusCode: 403 });
      expect(error.reason).toEqual(expect.any(String));
    });

    it('ResourceNotFoundException: 404, resourceId, resourceType', async () => {
      const error = await failureOf(emu.client().send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: 'pma-zzzzzzzzzzzzz' }))));
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error).toMatchObject({ resourceId: 'pma-zzzzzzzzzzzzz', resourceType: 'ProgramManagementAccount', $metadata: { httpStatusCode: 404 } });
    });

    it('ConflictException: 409, resourceId, resourceType', async () => {
      const client = emu.client();
      const first = await client.send(new CreateRelationshipCommand(createInput()));
      const error = await failureOf(client.send(new CreateRelationshipCommand(createInput({ displayName: 'Other' }))));
      expect(error).toBeInstanceOf(ConflictException);
      expect(error).toMatchObject({ resourceId: first.relationshipDetail?.id, resourceType: 'Relationship', $metadata: { httpStatusCode: 409 } });
    });

    it('ServiceQuotaExceededException: 402, quotaCode, resourceId, resourceType', async () => {
      const client = emu.client();
      await client.send(new CreateRelationshipCommand(createInput()));
      const error = await failureOf(client.send(new CreateRelationshipCommand(createInput({ associatedAccountId: '999988887777' }))));
      expect(error).toBeInstanceOf(ServiceQuotaExceededException);
      expect(error).toMatchObject({ quotaCode: expect.any(String), resourceId: PMA_ID, resourceType: 'ProgramManagementAccount', $metadata: { httpStatusCode: 402 } });
    });

    it('ThrottlingException: 429, serviceCode, quotaCode', async () => {
      emu.emulator.setFaults({ throttleRate: 1 });
      const error = await failureOf(
        emu.client().send(new GetRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: 'rs-0000000000000' })),
      );
      expect(error).toBeInstanceOf(ThrottlingException);
      expect(error).toMatchObject({ serviceCode: 'partnercentral-channel', quotaCode: expect.any(String), $metadata: { httpStatusCode: 429 } });
    });

    it('InternalServerException: 500', async () => {
      emu.emulator.setFaults({ internalErrorRate: 1 });
      const error = await failureOf(
        emu.client().send(new GetRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: 'rs-0000000000000' })),
      );
      expect(error).toBeInstanceOf(InternalServerException);
      expect(error.$metadata).toMatchObject({ httpStatusCode: 500 });
      expect(error.message).toContain('injected');
    });
  });
});
