import { CreateRelationshipCommand, GetRelationshipCommand, ListTagsForResourceCommand } from '@aws-sdk/client-partnercentral-channel';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EmulatorState, startEmulator } from '../../src/emulator/index.js';
import { sdkClient } from '../support/emulator.js';
import { createInput, PMA_ID } from './support.js';

const SEED = { pmaId: PMA_ID, associatedAccountId: '111122223333', associationType: 'END_CUSTOMER', displayName: 'Acme', sector: 'COMMERCIAL' };

describe('EmulatorState (in-process API)', () => {
  it('generates the same ids for the same seed, in the service format', () => {
    const ids = (seed: number) => {
      const state = new EmulatorState({ seed });
      return [state.createPma().id, state.seedRelationship({ ...SEED, pmaId: 'pma-0000000000001' }).id];
    };
    expect(ids(5)).toEqual(ids(5));
    expect(ids(5)).not.toEqual(ids(6));
    const [pma, rs] = ids(5);
    expect(pma).toMatch(/^pma-[a-z0-9]{13}$/);
    expect(rs).toMatch(/^rs-[a-z0-9]{13}$/);
  });

  it('seeds relationships with their PMA, plan and tags, and refuses a taken id or address', () => {
    const state = new EmulatorState({ accountId: '210987654321' });
    const plan = { partnerLedSupport: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'eu' } };
    const seeded = state.seedRelationship({ ...SEED, id: 'rs-aaaaaaaaaaaa1', revision: '7', requestedSupportPlan: plan, tags: { a: 'b' } });
    expect(seeded).toMatchObject({ id: 'rs-aaaaaaaaaaaa1', revision: '7', requestedSupportPlan: plan, tags: { a: 'b' } });
    expect(seeded.arn).toBe(`arn:aws:partnercentral:us-east-1:210987654321:catalog/AWS/program-management-account/${PMA_ID}/relationship/rs-aaaaaaaaaaaa1`);
    expect(state.getPma(PMA_ID)).toMatchObject({ id: PMA_ID, catalog: 'AWS', status: 'ACTIVE' });
    expect(() => state.seedRelationship({ ...SEED, associatedAccountId: '999999999999', id: 'rs-aaaaaaaaaaaa1' })).toThrow(/already exists/);
    expect(() => state.seedRelationship(SEED)).toThrow(/already has relationship/);
    expect(() => state.createPma({ id: PMA_ID })).toThrow(/already exists/);
  });

  it('hands out copies: changing a returned record changes nothing', () => {
    const state = new EmulatorState();
    const seeded = state.seedRelationship({ ...SEED, tags: { a: 'b' } });
    seeded.displayName = 'Hacked';
    seeded.tags.x = 'y';
    state.relationships()[0]!.revision = '99';
    expect(state.getRelationship(seeded.id)).toMatchObject({ displayName: 'Acme', tags: { a: 'b' }, revision: '1' });
  });

  it('mutates, removes and re-tags as someone else would, bumping revision and updatedAt on mutation', () => {
    let now = 1_000;
    const state = new EmulatorState({ now: () => now });
    const seeded = state.seedRelationship(SEED);
    now = 5_000;
    const mutated = state.mutateRelationship(seeded.id, { displayName: 'Elsewhere' });
    expect(mutated).toMatchObject({ displayName: 'Elsewhere', revision: '2', updatedAt: new Date(5_000).toISOString(), createdAt: seeded.createdAt });
    state.setTags(seeded.arn, { k: 'v' });
    expect(state.tagsOf(seeded.arn)).toEqual({ k: 'v' });
    expect(state.getRelationship(seeded.id)?.revision).toBe('2');
    expect(state.removeRelationship(seeded.id)).toBe(true);
    expect(state.removeRelationship(seeded.id)).toBe(false);
    expect(() => state.mutateRelationship(seeded.id, {})).toThrow(/no relationship/);
    expect(() => state.setTags(seeded.arn, {})).toThrow(/no resource/);
    expect(state.tagsOf(seeded.arn)).toBeUndefined();
  });

  it('hands out strictly increasing timestamps even when the clock stands still', () => {
    const state = new EmulatorState({ now: () => 0 });
    const times = [state.nextTimestamp(), state.nextTimestamp(), state.nextTimestamp()];
    expect(new Set(times).size).toBe(3);
    expect([...times].sort()).toEqual(times);
  });

  it('round-trips through toJSON/load, account id and remembered tokens included', async () => {
    const source = await startEmulator({ accountId: '555566667777' });
    const client = sdkClient(source.endpoint);
    source.state.createPma({ id: PMA_ID });
    const created = await client.send(new CreateRelationshipCommand(createInput({ clientToken: 'kept', tags: [{ key: 't', value: '1' }] })));
    client.destroy();
    await source.stop();

    const copy = await startEmulator();
    const copyClient = sdkClient(copy.endpoint);
    try {
      copy.state.load(JSON.parse(JSON.stringify(source.state.toJSON())));
      expect(copy.state.toJSON()).toEqual(source.state.toJSON());
      expect(copy.state.accountId).toBe('555566667777');
      const replay = await copyClient.send(new CreateRelationshipCommand(createInput({ clientToken: 'kept', tags: [{ key: 't', value: '1' }] })));
      expect(replay.relationshipDetail).toEqual(created.relationshipDetail);
      expect(copy.state.relationships()).toHaveLength(1);
    } finally {
      copyClient.destroy();
      await copy.stop();
    }
    expect(() => copy.state.load({ formatVersion: 2 })).toThrow(/not an emulator state/);
  });
});

describe('the data file', () => {
  const tempDir = () => mkdtempSync(join(tmpdir(), 'pcc-emulator-'));

  it('is saved after changes and on stop, atomically, and loaded by the next start', async () => {
    const dir = tempDir();
    const dataFile = join(dir, 'state.json');
    const first = await startEmulator({ dataFile });
    expect(first.loadedFromFile).toBe(false);
    first.state.createPma({ id: PMA_ID });
    const client = sdkClient(first.endpoint);
    const { relationshipDetail } = await client.send(new CreateRelationshipCommand(createInput({ tags: [{ key: 'k', value: 'v' }] })));
    // Saved without waiting for stop.
    await vi.waitFor(() => expect(readFileSync(dataFile, 'utf8')).toContain(relationshipDetail?.id ?? '-'));
    client.destroy();
    await first.stop();
    expect(readdirSync(dir)).toEqual(['state.json']);

    const second = await startEmulator({ dataFile });
    const secondClient = sdkClient(second.endpoint);
    try {
      expect(second.loadedFromFile).toBe(true);
      const got = await secondClient.send(new GetRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: relationshipDetail?.id }));
      expect(got.relationshipDetail?.displayName).toBe('Acme Corp');
      const tags = await secondClient.send(new ListTagsForResourceCommand({ resourceArn: relationshipDetail?.arn }));
      expect(tags.tags).toEqual([{ key: 'k', value: 'v' }]);
    } finally {
      secondClient.destroy();
      await second.stop();
    }
  });

  it('refuses to start on a file that is not emulator state, naming it', async () => {
    const dataFile = join(tempDir(), 'broken.json');
    writeFileSync(dataFile, '{"relationships": ');
    await expect(startEmulator({ dataFile })).rejects.toThrow(`${dataFile}: not valid JSON`);
    writeFileSync(dataFile, '{"relationships": []}');
    await expect(startEmulator({ dataFile })).rejects.toThrow(`${dataFile}: not an emulator state`);
  });

  it('refuses to start when a new data file cannot be written', async () => {
    await expect(startEmulator({ dataFile: join(tempDir(), 'missing-dir', 'state.json') })).rejects.toThrow(/ENOENT/);
  });
});
