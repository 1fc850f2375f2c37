import { CreateRelationshipCommand, UpdateRelationshipCommand, ValidationException } from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { failureOf, PMA_ARN, PMA_ID, rawOperation } from './support.js';

const CREATE = {
  catalog: 'AWS',
  associationType: 'END_CUSTOMER',
  programManagementAccountIdentifier: PMA_ID,
  associatedAccountId: '111122223333',
  displayName: 'Acme',
  sector: 'COMMERCIAL',
};
const RS = 'rs-0000000000000';
const ADDRESS = { catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: RS };

type Case = [title: string, operation: string, body: Record<string, unknown>, field: string, code: string];

const without = (key: string): Record<string, unknown> => Object.fromEntries(Object.entries(CREATE).filter(([k]) => k !== key));
const plan = (value: unknown): Record<string, unknown> => ({ ...CREATE, requestedSupportPlan: value });
const resold = { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' };

const CASES: Case[] = [
  ['required catalog', 'CreateRelationship', without('catalog'), 'catalog', 'REQUIRED_FIELD_MISSING'],
  ['required sector', 'CreateRelationship', without('sector'), 'sector', 'REQUIRED_FIELD_MISSING'],
  ['catalog pattern', 'CreateRelationship', { ...CREATE, catalog: 'AW S' }, 'catalog', 'INVALID_STRING_FORMAT'],
  ['catalog length', 'CreateRelationship', { ...CREATE, catalog: 'A'.repeat(65) }, 'catalog', 'INVALID_STRING_FORMAT'],
  ['associationType enum', 'CreateRelationship', { ...CREATE, associationType: 'RESELLER' }, 'associationType', 'INVALID_ENUM_VALUE'],
  ['sector enum', 'CreateRelationship', { ...CREATE, sector: 'commercial' }, 'sector', 'INVALID_ENUM_VALUE'],
  ['resaleAccountModel enum', 'CreateRelationship', { ...CREATE, resaleAccountModel: 'RESELLER' }, 'resaleAccountModel', 'INVALID_ENUM_VALUE'],
  [
    'PMA identifier pattern',
    'CreateRelationship',
    { ...CREATE, programManagementAccountIdentifier: 'pma-UPPERCASE1234' },
    'programManagementAccountIdentifier',
    'INVALID_STRING_FORMAT',
  ],
  [
    'PMA identifier as relationship ARN',
    'CreateRelationship',
    { ...CREATE, programManagementAccountIdentifier: `${PMA_ARN}/relationship/${RS}` },
    'programManagementAccountIdentifier',
    'INVALID_STRING_FORMAT',
  ],
  ['account id length', 'CreateRelationship', { ...CREATE, associatedAccountId: '1111' }, 'associatedAccountId', 'INVALID_STRING_FORMAT'],
  ['account id digits', 'CreateRelationship', { ...CREATE, associatedAccountId: '11112222333a' }, 'associatedAccountId', 'INVALID_STRING_FORMAT'],
  ['displayName empty', 'CreateRelationship', { ...CREATE, displayName: '' }, 'displayName', 'INVALID_STRING_FORMAT'],
  ['displayName 31 characters', 'CreateRelationship', { ...CREATE, displayName: 'x'.repeat(31) }, 'displayName', 'INVALID_STRING_FORMAT'],
  ['displayName control character', 'CreateRelationship', { ...CREATE, displayName: 'Acme\tCorp' }, 'displayName', 'INVALID_STRING_FORMAT'],
  ['clientToken empty', 'CreateRelationship', { ...CREATE, clientToken: '' }, 'clientToken', 'INVALID_STRING_FORMAT'],
  ['clientToken with a space', 'CreateRelationship', { ...CREATE, clientToken: 'a b' }, 'clientToken', 'INVALID_STRING_FORMAT'],
  ['clientToken 65 characters', 'CreateRelationship', { ...CREATE, clientToken: 't'.repeat(65) }, 'clientToken', 'INVALID_STRING_FORMAT'],
  ['tag key empty', 'CreateRelationship', { ...CREATE, tags: [{ key: '', value: 'v' }] }, 'tags[0].key', 'INVALID_STRING_FORMAT'],
  [
    'tag key pattern',
    'CreateRelationship',
    {
      ...CREATE,
      tags: [
        { key: 'ok', value: 'v' },
        { key: 'bad*key', value: 'v' },
      ],
    },
    'tags[1].key',
    'INVALID_STRING_FORMAT',
  ],
  ['tag value 257 characters', 'CreateRelationship', { ...CREATE, tags: [{ key: 'k', value: 'v'.repeat(257) }] }, 'tags[0].value', 'INVALID_STRING_FORMAT'],
  ['tag value required', 'CreateRelationship', { ...CREATE, tags: [{ key: 'k' }] }, 'tags[0].value', 'REQUIRED_FIELD_MISSING'],
  ['support plan with no member', 'CreateRelationship', plan({}), 'requestedSupportPlan', 'REQUIRED_FIELD_MISSING'],
  ['support plan with two members', 'CreateRelationship', plan({ resoldEnterprise: resold, resoldUnifiedOperations: resold }), 'requestedSupportPlan', 'TOO_MANY_VALUES'],
  ['support plan resoldBusiness (removed)', 'CreateRelationship', plan({ resoldBusiness: resold }), 'requestedSupportPlan.resoldBusiness', 'INVALID_VALUE'],
  [
    'support plan coverage required',
    'CreateRelationship',
    plan({ resoldEnterprise: { tamLocation: 'x' } }),
    'requestedSupportPlan.resoldEnterprise.coverage',
    'REQUIRED_FIELD_MISSING',
  ],
  [
    'support plan coverage enum',
    'CreateRelationship',
    plan({ resoldEnterprise: { ...resold, coverage: 'ALL' } }),
    'requestedSupportPlan.resoldEnterprise.coverage',
    'INVALID_ENUM_VALUE',
  ],
  [
    'support plan tamLocation required',
    'CreateRelationship',
    plan({ partnerLedSupport: { coverage: 'ENTIRE_ORGANIZATION' } }),
    'requestedSupportPlan.partnerLedSupport.tamLocation',
    'REQUIRED_FIELD_MISSING',
  ],
  [
    'support plan chargeAccountId',
    'CreateRelationship',
    plan({ resoldUnifiedOperations: { ...resold, chargeAccountId: '12' } }),
    'requestedSupportPlan.resoldUnifiedOperations.chargeAccountId',
    'INVALID_STRING_FORMAT',
  ],
  [
    'support plan provider enum',
    'CreateRelationship',
    plan({ partnerLedSupport: { ...resold, provider: 'ME' } }),
    'requestedSupportPlan.partnerLedSupport.provider',
    'INVALID_ENUM_VALUE',
  ],
  ['relationship identifier pattern', 'GetRelationship', { ...ADDRESS, identifier: 'rs-123' }, 'identifier', 'INVALID_STRING_FORMAT'],
  ['revision digits', 'UpdateRelationship', { ...ADDRESS, revision: 'v2' }, 'revision', 'INVALID_STRING_FORMAT'],
  ['revision length', 'UpdateRelationship', { ...ADDRESS, revision: '12345678901' }, 'revision', 'INVALID_STRING_FORMAT'],
  ['delete identifier required', 'DeleteRelationship', { catalog: 'AWS', programManagementAccountIdentifier: PMA_ID }, 'identifier', 'REQUIRED_FIELD_MISSING'],
  ['list filter member', 'ListRelationships', { catalog: 'AWS', associatedAccountIds: ['123'] }, 'associatedAccountIds[0]', 'INVALID_STRING_FORMAT'],
  ['list sort order enum', 'ListRelationships', { catalog: 'AWS', sort: { sortBy: 'UpdatedAt', sortOrder: 'ASC' } }, 'sort.sortOrder', 'INVALID_ENUM_VALUE'],
  ['list sort by required', 'ListRelationships', { catalog: 'AWS', sort: { sortOrder: 'Ascending' } }, 'sort.sortBy', 'REQUIRED_FIELD_MISSING'],
  ['taggable ARN pattern', 'ListTagsForResource', { resourceArn: 'arn:aws:s3:::bucket' }, 'resourceArn', 'INVALID_STRING_FORMAT'],
  ['tags required', 'TagResource', { resourceArn: PMA_ARN }, 'tags', 'REQUIRED_FIELD_MISSING'],
  ['tagKeys required', 'UntagResource', { resourceArn: PMA_ARN }, 'tagKeys', 'REQUIRED_FIELD_MISSING'],
  [
    'PMA program enum',
    'CreateProgramManagementAccount',
    { catalog: 'AWS', program: 'RESELLER', displayName: 'x', accountId: '111122223333' },
    'program',
    'INVALID_ENUM_VALUE',
  ],
  ['PMA list status enum', 'ListProgramManagementAccounts', { catalog: 'AWS', statuses: ['GONE'] }, 'statuses[0]', 'INVALID_ENUM_VALUE'],
];

describe('input validation (ValidationException, REQUEST_VALIDATION_FAILED)', () => {
  const emu = withEmulator({}, { seed: (e) => void e.state.createPma({ id: PMA_ID }) });

  it.each(CASES)('%s', async (_title, operation, body, field, code) => {
    const raw = await rawOperation(emu.endpoint, operation, body);
    expect(raw.status).toBe(400);
    expect(raw.json).toMatchObject({ __type: 'com.amazonaws.partnercentralchannel#ValidationException', reason: 'REQUEST_VALIDATION_FAILED' });
    expect(raw.json.fieldList).toEqual([{ name: field, code, message: expect.stringContaining(field) }]);
    expect(emu.state.relationships()).toHaveLength(0);
  });

  it('names resoldUnifiedOperations when a request uses the removed resoldBusiness', async () => {
    const raw = await rawOperation(emu.endpoint, 'CreateRelationship', plan({ resoldBusiness: resold }));
    expect(JSON.stringify(raw.json.fieldList)).toContain('resoldUnifiedOperations');
  });

  it('reports every violation of one request in fieldList', async () => {
    const error = await failureOf(
      emu.client().send(new CreateRelationshipCommand({ ...CREATE, catalog: '', associatedAccountId: 'x', displayName: 'y'.repeat(40) } as never)),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect((error.fieldList as { name: string }[]).map((f) => f.name)).toEqual(['catalog', 'associatedAccountId', 'displayName']);
    expect(error.message).toMatch(/^3 validation errors detected/);
  });

  it('counts lengths in characters, not UTF-16 units, and accepts Unicode letters in tags', async () => {
    const name = '\u{1F600}'.repeat(30);
    const created = await emu
      .client()
      .send(new CreateRelationshipCommand({ ...CREATE, displayName: name, tags: [{ key: 'Kostenstelle-ä', value: 'Zürich 4711' }] } as never));
    const id = created.relationshipDetail?.id ?? '';
    expect(emu.state.getRelationship(id)).toMatchObject({ displayName: name, tags: { 'Kostenstelle-ä': 'Zürich 4711' } });
    emu.state.removeRelationship(id);
  });

  it('validates UpdateRelationship before looking anything up', async () => {
    const error = await failureOf(emu.client().send(new UpdateRelationshipCommand({ ...ADDRESS, displayName: '' })));
    expect(error).toBeInstanceOf(ValidationException);
  });
});
