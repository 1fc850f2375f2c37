import {
  CreateRelationshipCommand,
  GetRelationshipCommand,
  ListProgramManagementAccountsCommand,
  ListRelationshipsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateRelationshipCommand,
} from '@aws-sdk/client-partnercentral-channel';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RACE_DISPLAY_NAME } from '../../src/emulator/index.js';
import { withEmulator } from '../support/emulator.js';
import { accountNumber, createInput, failureOf, PMA_ID } from './support.js';

const seedPma = { seed: (e: { state: { createPma(input: { id: string }): unknown } }) => void e.state.createPma({ id: PMA_ID }) };
const ref = (identifier: string) => ({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier });

describe('envelope: omitOptionalMembers', () => {
  const h = withEmulator({ omitOptionalMembers: true }, { per: 'test', ...seedPma });
  it('serves List items without catalog, sector, startDate and Get without catalog, startDate, as the model examples', async () => {
    const client = h.client();
    const created = await client.send(new CreateRelationshipCommand(createInput()));
    const list = await client.send(new ListRelationshipsCommand({ catalog: 'AWS' }));
    const item = list.items?.[0] ?? {};
    expect(Object.keys(item).sort()).toEqual([
      'arn',
      'associatedAccountId',
      'associationType',
      'createdAt',
      'displayName',
      'id',
      'programManagementAccountId',
      'revision',
      'updatedAt',
    ]);
    const detail = (await client.send(new GetRelationshipCommand(ref(created.relationshipDetail!.id!)))).relationshipDetail ?? {};
    expect(detail).toMatchObject({ sector: 'COMMERCIAL', resaleAccountModel: 'END_CUSTOMER' });
    expect(detail.catalog).toBeUndefined();
    expect(detail.startDate).toBeUndefined();
  });
});

describe('envelope: visibilityDelayMs', () => {
  const h = withEmulator({ visibilityDelayMs: 1000 }, { per: 'test', ...seedPma });
  it('hides a new relationship from Get (404) and List until the delay has passed; uniqueness sees it at once', async () => {
    const client = h.client();
    const id = (await client.send(new CreateRelationshipCommand(createInput()))).relationshipDetail!.id!;
    expect((await failureOf(client.send(new GetRelationshipCommand(ref(id))))).name).toBe('ResourceNotFoundException');
    expect((await client.send(new ListRelationshipsCommand({ catalog: 'AWS' }))).items).toEqual([]);
    expect((await failureOf(client.send(new CreateRelationshipCommand(createInput({ displayName: 'Other' }))))).name).toBe('ConflictException');
    await sleep(1050);
    expect((await client.send(new GetRelationshipCommand(ref(id)))).relationshipDetail?.id).toBe(id);
    expect((await client.send(new ListRelationshipsCommand({ catalog: 'AWS' }))).items).toHaveLength(1);
  });
});

describe('envelope: clientTokenTtlMs', () => {
  const h = withEmulator({ clientTokenTtlMs: 500 }, { per: 'test', ...seedPma });
  it('replays a token within the TTL and treats it as new after', async () => {
    const client = h.client();
    const first = await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'tok-1' })));
    h.state.removeRelationship(first.relationshipDetail!.id!);
    const replay = await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'tok-1' })));
    expect(replay.relationshipDetail?.id).toBe(first.relationshipDetail?.id);
    await sleep(550);
    const fresh = await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'tok-1' })));
    expect(fresh.relationshipDetail?.id).not.toBe(first.relationshipDetail?.id);
    expect(h.state.relationships()).toHaveLength(1);
  });
});

describe('envelope: tagWritesBumpRevision', () => {
  const h = withEmulator({ tagWritesBumpRevision: true }, { per: 'test', ...seedPma });
  it('TagResource and UntagResource on a relationship bump revision and updatedAt', async () => {
    const client = h.client();
    const created = await client.send(new CreateRelationshipCommand(createInput()));
    const { id, arn } = created.relationshipDetail!;
    const before = h.state.getRelationship(id!)!;
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'a', value: '1' }] }));
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a'] }));
    const after = h.state.getRelationship(id!)!;
    expect(after.revision).toBe('3');
    expect(after.updatedAt > before.updatedAt).toBe(true);
  });
});

describe('envelope: shortPages', () => {
  const h = withEmulator({ shortPages: true }, { per: 'test', ...seedPma });
  it('pages of 1-3 items after empty pages that carry a nextToken; paging reads each item exactly once', async () => {
    const client = h.client();
    for (let i = 0; i < 7; i++)
      h.state.seedRelationship({ pmaId: PMA_ID, associatedAccountId: accountNumber(i), associationType: 'END_CUSTOMER', displayName: `R${i}`, sector: 'COMMERCIAL' });
    const sizes: number[] = [];
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListRelationshipsCommand({ catalog: 'AWS', maxResults: 100, nextToken }));
      sizes.push(page.items?.length ?? 0);
      ids.push(...(page.items ?? []).map((r) => r.id!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(sizes[0]).toBe(0);
    expect(sizes.filter((n) => n > 0).every((n) => n <= 3)).toBe(true);
    expect(ids.sort()).toEqual(
      h.state
        .relationships()
        .map((r) => r.id)
        .sort(),
    );
  });
});

describe('envelope: raceNextUpdate', () => {
  const h = withEmulator({ raceNextUpdate: true }, { per: 'test', ...seedPma });
  it("the first UpdateRelationship meets someone else's rename and answers 500; the next one is served normally", async () => {
    const client = h.client();
    const id = (await client.send(new CreateRelationshipCommand(createInput()))).relationshipDetail!.id!;
    const raced = await failureOf(client.send(new UpdateRelationshipCommand({ ...ref(id), revision: '1', displayName: 'Mine' })));
    expect(raced.name).toBe('InternalServerException');
    expect(h.state.getRelationship(id)).toMatchObject({ displayName: RACE_DISPLAY_NAME, revision: '2' });
    expect((await failureOf(client.send(new UpdateRelationshipCommand({ ...ref(id), revision: '1', displayName: 'Mine' })))).name).toBe('ConflictException');
    h.emulator.raceNextUpdate();
    expect((await failureOf(client.send(new UpdateRelationshipCommand({ ...ref(id), revision: '2', displayName: 'Mine' })))).name).toBe('InternalServerException');
    await client.send(new UpdateRelationshipCommand({ ...ref(id), revision: '3', displayName: 'Mine' }));
    expect(h.state.getRelationship(id)?.displayName).toBe('Mine');
  });
});

describe('emulator fixes (issue 9, fault 11)', () => {
  const h = withEmulator({}, { per: 'test', ...seedPma });
  it('a ListRelationships nextToken is a ValidationException in ListProgramManagementAccounts', async () => {
    const client = h.client();
    for (let i = 0; i < 3; i++)
      h.state.seedRelationship({ pmaId: PMA_ID, associatedAccountId: accountNumber(i), associationType: 'END_CUSTOMER', displayName: `R${i}`, sector: 'COMMERCIAL' });
    const page = await client.send(new ListRelationshipsCommand({ catalog: 'AWS', maxResults: 1 }));
    expect(page.nextToken).toEqual(expect.any(String));
    const wrong = await failureOf(client.send(new ListProgramManagementAccountsCommand({ catalog: 'AWS', nextToken: page.nextToken })));
    expect(wrong.name).toBe('ValidationException');
  });

  it('UntagResource refuses aws: keys, as TagResource does', async () => {
    const client = h.client();
    const { arn, id } = (await client.send(new CreateRelationshipCommand(createInput()))).relationshipDetail!;
    h.state.setTags(arn!, { 'aws:cloudformation:stack-name': 's' });
    expect((await failureOf(client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['aws:cloudformation:stack-name'] })))).name).toBe('ValidationException');
    expect(h.state.getRelationship(id!)?.tags).toEqual({ 'aws:cloudformation:stack-name': 's' });
  });
});
