/**
 * Names Object.prototype holds (`__proto__`, `constructor`, `toString`, …) are ordinary strings to the
 * emulator wherever a request chooses one (targets, union members, tag keys, clientTokens), and a body nested
 * too deep is refused: every such request gets a 400 or the right answer, never a 500 (which SDKs retry).
 */
import { ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createInput, PMA_ID, rawCall, rawOperation } from './support.js';

const BUILT_IN_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];

describe('emulator: hostile names and bodies', () => {
  const handle = withEmulator({}, { per: 'test', seed: (emulator) => void emulator.state.createPma({ id: PMA_ID }) });

  it('answers a target named after an Object.prototype member as an unknown operation (400), and counts it nowhere', async () => {
    for (const name of BUILT_IN_NAMES) {
      const answer = await rawCall(handle.endpoint, `PartnerCentralChannel.${name}`, {});
      expect(answer.status, name).toBe(400);
      expect(answer.headers.get('x-amzn-errortype'), name).toBe('UnknownOperationException');
    }
    expect(Object.keys(handle.emulator.stats.calls)).toEqual([]);
    expect(handle.emulator.stats.errors.UnknownOperationException).toBe(BUILT_IN_NAMES.length);
  });

  it('refuses a support plan whose one member is a built-in name (400 naming it), and stores nothing', async () => {
    for (const [i, name] of BUILT_IN_NAMES.entries()) {
      const body = `{"catalog":"AWS","programManagementAccountIdentifier":"${PMA_ID}","associatedAccountId":"11112222000${i}","associationType":"END_CUSTOMER","displayName":"x","sector":"COMMERCIAL","requestedSupportPlan":{"${name}":{"coverage":"ENTIRE_ORGANIZATION","tamLocation":"x"}}}`;
      const answer = await rawOperation(handle.endpoint, 'CreateRelationship', body);
      expect(answer.status, name).toBe(400);
      expect(answer.json.fieldList, name).toEqual([expect.objectContaining({ name: `requestedSupportPlan.${name}`, code: 'INVALID_VALUE' })]);
    }
    expect(handle.state.relationships()).toEqual([]);
  });

  it('keeps tag keys and clientTokens named after built-ins as ordinary strings', async () => {
    const client = handle.client();
    for (const [i, name] of BUILT_IN_NAMES.entries()) {
      const create = createInput({ associatedAccountId: `11112222000${i}`, clientToken: name, tags: [{ key: name, value: 'v' }] });
      const first = await rawOperation(handle.endpoint, 'CreateRelationship', create);
      expect(first.status, `${name} ${first.text}`).toBe(200);
      // The same token again is a replay of that create, not a new relationship.
      const replay = await rawOperation(handle.endpoint, 'CreateRelationship', create);
      expect(replay.json, name).toEqual(first.json);
      const arn = (first.json.relationshipDetail as { arn: string }).arn;
      expect((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, name).toEqual([{ key: name, value: 'v' }]);
      await client.send(
        new TagResourceCommand({
          resourceArn: arn,
          tags: [
            { key: name, value: 'w' },
            { key: 'other', value: 'o' },
          ],
        }),
      );
      await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['other'] }));
      expect((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, name).toEqual([{ key: name, value: 'w' }]);
      await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: [name] }));
      expect((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, name).toEqual([]);
    }
    expect(handle.state.relationships()).toHaveLength(BUILT_IN_NAMES.length);
  });

  it('refuses bodies nested 100,000 deep with a 400 ValidationException, wherever the nesting is', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const bodies: [string, string][] = [
      ['ListRelationships', deep],
      ['ListRelationships', `{"catalog":"AWS","unknownMember":${deep}}`],
      ['CreateRelationship', JSON.stringify(createInput({ clientToken: 't' })).replace(/}$/, `,"x":${deep}}`)],
      ['GetRelationship', `{"catalog":"AWS","programManagementAccountIdentifier":"${PMA_ID}","identifier":"rs-0000000000000","x":{"a":${deep}}}`],
    ];
    for (const [operation, body] of bodies) {
      const answer = await rawOperation(handle.endpoint, operation, body);
      expect(answer.status, operation).toBe(400);
      expect(answer.headers.get('x-amzn-errortype'), operation).toBe('ValidationException');
    }
    // Brackets inside strings are text, not nesting.
    const inString = await rawOperation(handle.endpoint, 'ListRelationships', { catalog: 'AWS', nextTokenX: '['.repeat(10_000) });
    expect(inString.status).toBe(200);
    expect(handle.state.relationships()).toEqual([]);
  });
});
