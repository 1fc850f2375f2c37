import {
  CreateRelationshipCommand,
  GetRelationshipCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  ValidationException,
} from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { ACCOUNT_ID, createInput, failureOf, PMA_ARN, PMA_ID } from './support.js';

describe('tags', () => {
  const emu = withEmulator({}, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA_ID }) });

  async function createTagged(tags = [{ key: 'team', value: 'sales' }]): Promise<string> {
    const created = await emu.client().send(new CreateRelationshipCommand(createInput({ tags })));
    return created.relationshipDetail?.arn ?? '';
  }

  it('lists the tags given at create', async () => {
    const arn = await createTagged([
      { key: 'team', value: 'sales' },
      { key: 'pcc:managed', value: 'true' },
    ]);
    const { tags } = await emu.client().send(new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(tags).toEqual([
      { key: 'team', value: 'sales' },
      { key: 'pcc:managed', value: 'true' },
    ]);
  });

  it('adds and overwrites with TagResource, removes with UntagResource (missing keys are fine)', async () => {
    const client = emu.client();
    const arn = await createTagged();
    await client.send(
      new TagResourceCommand({
        resourceArn: arn,
        tags: [
          { key: 'team', value: 'ops' },
          { key: 'cost', value: '4711' },
        ],
      }),
    );
    expect(emu.state.tagsOf(arn)).toEqual({ team: 'ops', cost: '4711' });
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team', 'never-there'] }));
    const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(tags).toEqual([{ key: 'cost', value: '4711' }]);
  });

  it('does not change revision or updatedAt when tags change', async () => {
    const client = emu.client();
    const arn = await createTagged();
    const address = { catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: arn };
    const before = (await client.send(new GetRelationshipCommand(address))).relationshipDetail;
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'x', value: 'y' }] }));
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['x'] }));
    const after = (await client.send(new GetRelationshipCommand(address))).relationshipDetail;
    expect(after?.revision).toBe(before?.revision);
    expect(after?.updatedAt).toEqual(before?.updatedAt);
  });

  it('keeps tag keys that are special names in JavaScript (__proto__ matches the TagKey pattern)', async () => {
    const client = emu.client();
    const arn = await createTagged([{ key: '__proto__', value: 'a' }]);
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'constructor', value: 'b' }] }));
    const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(tags).toEqual([
      { key: '__proto__', value: 'a' },
      { key: 'constructor', value: 'b' },
    ]);
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['__proto__'] }));
    expect((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([{ key: 'constructor', value: 'b' }]);
  });

  it('tags PMAs too', async () => {
    const client = emu.client();
    await client.send(new TagResourceCommand({ resourceArn: PMA_ARN, tags: [{ key: 'owner', value: 'me' }] }));
    expect((await client.send(new ListTagsForResourceCommand({ resourceArn: PMA_ARN }))).tags).toEqual([{ key: 'owner', value: 'me' }]);
  });

  it('answers 404 for an unknown, deleted, foreign or handshake ARN', async () => {
    const arn = await createTagged();
    emu.state.removeRelationship(arn);
    const unknown = [
      arn,
      `${PMA_ARN}/relationship/rs-0000000000000`,
      PMA_ARN.replace(ACCOUNT_ID, '999999999999'),
      `arn:aws:partnercentral:us-east-1:${ACCOUNT_ID}:catalog/AWS/channel-handshake/ch-0000000000000`,
    ];
    for (const resourceArn of unknown) {
      for (const call of [
        emu.client().send(new ListTagsForResourceCommand({ resourceArn })),
        emu.client().send(new TagResourceCommand({ resourceArn, tags: [{ key: 'a', value: 'b' }] })),
        emu.client().send(new UntagResourceCommand({ resourceArn, tagKeys: ['a'] })),
      ]) {
        const error = await failureOf(call);
        expect(error, resourceArn).toBeInstanceOf(ResourceNotFoundException);
        expect(error.resourceId).toBe(resourceArn);
      }
    }
  });

  it('rejects duplicate keys, aws: keys and more than 50 tags, changing nothing', async () => {
    const client = emu.client();
    const arn = await createTagged();
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    for (const tags of [
      [
        { key: 'a', value: '1' },
        { key: 'a', value: '2' },
      ],
      [{ key: 'AWS:name', value: 'x' }],
      many,
    ]) {
      const error = await failureOf(client.send(new TagResourceCommand({ resourceArn: arn, tags })));
      expect(error).toBeInstanceOf(ValidationException);
    }
    expect(emu.state.tagsOf(arn)).toEqual({ team: 'sales' });
    // 50 in all is allowed.
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: many.slice(0, 49) }));
    expect(Object.keys(emu.state.tagsOf(arn) ?? {})).toHaveLength(50);
  });

  it("does not count AWS's own aws: tags against the 50 (AWS tagging rules)", async () => {
    const client = emu.client();
    const arn = await createTagged();
    emu.state.setTags(arn, { team: 'sales', 'aws:cloudformation:stack-name': 's', 'AWS:other': 'o' });
    const many = Array.from({ length: 49 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: many }));
    expect(Object.keys(emu.state.tagsOf(arn) ?? {})).toHaveLength(52);
    const error = await failureOf(client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'one-more', value: 'v' }] })));
    expect(error).toBeInstanceOf(ValidationException);
  });

  it('rejects bad tags at create too, creating nothing', async () => {
    const error = await failureOf(emu.client().send(new CreateRelationshipCommand(createInput({ tags: [{ key: 'aws:x', value: 'y' }] }))));
    expect(error).toBeInstanceOf(ValidationException);
    expect(emu.state.relationships()).toHaveLength(0);
  });
});
