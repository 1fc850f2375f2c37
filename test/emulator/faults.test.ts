import { CreateRelationshipCommand, GetRelationshipCommand, InternalServerException, UpdateRelationshipCommand } from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { sdkClient, withEmulator } from '../support/emulator.js';
import { createInput, failureOf, PMA_ID, rawOperation } from './support.js';

const GET = { catalog: 'AWS', programManagementAccountIdentifier: PMA_ID, identifier: 'rs-0000000000000' };

/** Statuses of `n` sequential GetRelationship calls against a fresh emulator (404 = no fault). */
async function statusSequence(options: EmulatorOptions, n = 40): Promise<{ statuses: number[]; faults: number; throttled: number }> {
  const emulator = await startEmulator(options);
  try {
    emulator.state.createPma({ id: PMA_ID });
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await rawOperation(emulator.endpoint, 'GetRelationship', GET)).status);
    return { statuses, faults: emulator.stats.faults, throttled: emulator.stats.throttled };
  } finally {
    await emulator.stop();
  }
}

describe('fault injection', () => {
  it('repeats the same faults for the same seed, and others for another seed', async () => {
    const faults = { internalErrorRate: 0.3, throttleRate: 0.2, seed: 42 };
    const first = await statusSequence({ faults });
    const again = await statusSequence({ faults });
    const other = await statusSequence({ faults: { ...faults, seed: 43 } });
    expect(again.statuses).toEqual(first.statuses);
    expect(other.statuses).not.toEqual(first.statuses);
    expect(new Set(first.statuses)).toEqual(new Set([404, 500, 429]));
    const count = (status: number) => first.statuses.filter((s) => s === status).length;
    expect(first.faults).toBe(count(500) + count(429));
    expect(first.throttled).toBe(count(429));
  });

  it('restarts the sequence when faults are set again at run time', async () => {
    const faults = { internalErrorRate: 0.5, seed: 7 };
    const expected = (await statusSequence({ faults }, 10)).statuses;
    const emulator = await startEmulator({});
    try {
      emulator.state.createPma({ id: PMA_ID });
      expect((await rawOperation(emulator.endpoint, 'GetRelationship', GET)).status).toBe(404);
      emulator.setFaults(faults);
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await rawOperation(emulator.endpoint, 'GetRelationship', GET)).status);
      expect(statuses).toEqual(expected);
      emulator.setFaults(undefined);
      expect((await rawOperation(emulator.endpoint, 'GetRelationship', GET)).status).toBe(404);
    } finally {
      await emulator.stop();
    }
  });

  it('rejects rates outside 0-1 and unknown operations', async () => {
    await expect(startEmulator({ faults: { internalErrorRate: 1.5 } })).rejects.toThrow(/between 0 and 1/);
    await expect(startEmulator({ faults: { throttleRate: 0.1, operations: ['Nope'] } })).rejects.toThrow(/unknown operation Nope/);
  });
});

describe('commit then drop', () => {
  const emu = withEmulator({}, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA_ID }) });

  it('performs the create, then drops the connection: the client sees no answer', async () => {
    emu.emulator.setFaults({ dropAfterCommitRate: 1, operations: ['CreateRelationship'] });
    const error = await failureOf(emu.client().send(new CreateRelationshipCommand(createInput({ clientToken: 'lost-answer' }))));
    expect(error).not.toHaveProperty('$metadata.httpStatusCode');
    expect(error.name).not.toMatch(/Exception$/);
    expect(emu.state.relationships()).toHaveLength(1);
    expect(emu.emulator.stats.injected.dropAfterCommit).toBe(1);
    // The retry with the same token gets the first answer: still one relationship.
    emu.emulator.setFaults(undefined);
    const retry = await emu.client().send(new CreateRelationshipCommand(createInput({ clientToken: 'lost-answer' })));
    expect(retry.relationshipDetail?.id).toBe(emu.state.relationships()[0]?.id);
    expect(emu.state.relationships()).toHaveLength(1);
  });

  it('SDK retries after dropped answers reuse the clientToken and never create a second relationship', async () => {
    emu.emulator.setFaults({ dropAfterCommitRate: 1, operations: ['CreateRelationship'] });
    await failureOf(emu.client({ maxAttempts: 3 }).send(new CreateRelationshipCommand(createInput())));
    expect(emu.emulator.stats.calls.CreateRelationship).toBe(3);
    expect(emu.state.relationships()).toHaveLength(1);
  });

  it('commits an update whose answer is dropped', async () => {
    const id = emu.state.seedRelationship({
      pmaId: PMA_ID,
      associatedAccountId: '111122223333',
      associationType: 'INTERNAL',
      displayName: 'Old',
      sector: 'COMMERCIAL',
    }).id;
    emu.emulator.setFaults({ dropAfterCommitRate: 1 });
    await failureOf(emu.client().send(new UpdateRelationshipCommand({ ...GET, identifier: id, revision: '1', displayName: 'New' })));
    expect(emu.state.getRelationship(id)).toMatchObject({ displayName: 'New', revision: '2' });
  });

  it('limits faults to the listed operations', async () => {
    const id = emu.state.seedRelationship({
      pmaId: PMA_ID,
      associatedAccountId: '111122223333',
      associationType: 'INTERNAL',
      displayName: 'Old',
      sector: 'COMMERCIAL',
    }).id;
    emu.emulator.setFaults({ internalErrorRate: 1, operations: ['UpdateRelationship'] });
    const got = await emu.client().send(new GetRelationshipCommand({ ...GET, identifier: id }));
    expect(got.relationshipDetail?.id).toBe(id);
    const error = await failureOf(emu.client().send(new UpdateRelationshipCommand({ ...GET, identifier: id, displayName: 'New' })));
    expect(error).toBeInstanceOf(InternalServerException);
    expect(emu.state.getRelationship(id)?.displayName).toBe('Old');
  });
});

describe('latency', () => {
  it('still answers every call correctly with latency added', async () => {
    const emulator = await startEmulator({ latencyMs: 20 });
    const client = sdkClient(emulator.endpoint);
    try {
      emulator.state.createPma({ id: PMA_ID });
      const results = await Promise.all([1, 2, 3].map((n) => client.send(new CreateRelationshipCommand(createInput({ associatedAccountId: `11112222333${n}` })))));
      expect(new Set(results.map((r) => r.relationshipDetail?.id)).size).toBe(3);
    } finally {
      client.destroy();
      await emulator.stop();
    }
  });
});
