import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/live/api-error.js';
import type { LiveRelationship } from '../../src/live/channel-api.js';
import { readLive, type ReadLiveProgress } from '../../src/live/read-live.js';
import { desiredEntry, desiredState, liveEntry, OTHER_PMA, PMA } from '../support/state-builders.js';
import { createFakeChannelApi } from '../support/fake-channel-api.js';

const rs = (n: number) => `rs-${String(n).padStart(13, '0')}`;
const account = (n: number) => String(n).padStart(12, '1');
const THIRD_PMA = 'pma-zzzzzzzzzzzzz';

function summary(n: number, overrides: Partial<LiveRelationship> = {}) {
  const { tags: _tags, ...rest } = liveEntry(account(n), rs(n), overrides);
  return rest;
}

describe('readLive', () => {
  it('lists once per PMA the files name (an answer may leave the PMA out), and keeps only those PMAs and that catalog', async () => {
    const api = createFakeChannelApi({
      ignoreFilters: true,
      relationships: [
        { ...summary(1), tags: { a: '1' } },
        { ...summary(2, { programManagementAccountId: OTHER_PMA }), tags: {} },
        { ...summary(3, { programManagementAccountId: THIRD_PMA }), tags: {} }, // not named by any file
        { ...summary(4, { catalog: 'Sandbox' }), tags: {} }, // another catalog than the one listed
      ],
    });
    const desired = desiredState([
      desiredEntry(account(1)),
      desiredEntry(account(9), {
        programManagementAccountIdentifier: `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/program-management-account/${OTHER_PMA}`,
        pmaId: OTHER_PMA,
      }),
      desiredEntry(account(8)),
    ]);
    const live = await readLive(api, desired);
    expect(api.listCalls).toEqual([
      { catalog: 'AWS', programManagementAccountIdentifiers: [OTHER_PMA] },
      { catalog: 'AWS', programManagementAccountIdentifiers: [PMA] },
    ]);
    expect(live.relationships.map((r) => r.id).sort()).toEqual([rs(1), rs(2)]);
    expect(live.relationships.find((r) => r.id === rs(1))?.tags).toEqual({ a: '1' });
  });

  it('reads tags once per relationship in scope and GetRelationship only for matched entries that declare resaleAccountModel', async () => {
    const relationships = [1, 2, 3, 4, 5].map((n) => ({ ...summary(n), resaleAccountModel: 'DISTRIBUTOR' as const, tags: { n: String(n) } }));
    const api = createFakeChannelApi({ relationships, detailAhead: true });
    const desired = desiredState([
      desiredEntry(account(1), { resaleAccountModel: 'DISTRIBUTOR' }), // matched by address, declares it: Get
      desiredEntry(account(2)), // matched, omits it: no Get
      desiredEntry(account(3), { id: rs(3), resaleAccountModel: 'END_CUSTOMER' }), // matched by pin: Get
      desiredEntry(account(7), { resaleAccountModel: 'DISTRIBUTOR' }), // to be created: nothing to Get
    ]);
    const live = await readLive(api, desired);
    expect(api.listCalls).toHaveLength(1);
    expect(api.tagCalls.sort()).toEqual(relationships.map((r) => r.arn).sort());
    expect(api.getCalls.map((c) => c.identifier).sort()).toEqual([rs(1), rs(3)]);
    expect(api.getCalls[0]).toMatchObject({ catalog: 'AWS', programManagementAccountIdentifier: PMA });

    const byId = new Map(live.relationships.map((r) => [r.id, r]));
    // The detail brings resaleAccountModel and its (fresher) revision; the tags read are kept.
    expect(byId.get(rs(1))).toMatchObject({ detailRead: true, resaleAccountModel: 'DISTRIBUTOR', revision: '2', tags: { n: '1' } });
    expect(byId.get(rs(2))?.detailRead).toBeUndefined();
    expect(byId.get(rs(2))?.resaleAccountModel).toBeUndefined();
    expect(byId.get(rs(5))?.tags).toEqual({ n: '5' });
  });

  it('makes no call at all when no file declares anything', async () => {
    const api = createFakeChannelApi({ relationships: [{ ...summary(1), tags: {} }] });
    expect(await readLive(api, desiredState([]))).toEqual({
      relationships: [],
      refresh: { reads: 0, readsSaved: 0, refreshed: [], scopes: [], freshness: { listedAt: expect.any(Number), tagsReadNow: 0, tagsReused: 0 } },
    });
    expect(api.listCalls.length + api.tagCalls.length + api.getCalls.length).toBe(0);
  });

  it('keeps at most `concurrency` reads in flight and reports progress to the end', async () => {
    const relationships = Array.from({ length: 30 }, (_, i) => ({ ...summary(i + 1), tags: {} }));
    const api = createFakeChannelApi({ relationships, delayMs: 2 });
    const seen: ReadLiveProgress[] = [];
    const desired = desiredState(relationships.map((r) => desiredEntry(r.associatedAccountId, { resaleAccountModel: 'END_CUSTOMER' })));
    await readLive(api, desired, { concurrency: 4, onProgress: (p) => seen.push(p) });
    expect(api.maxInFlight).toBeLessThanOrEqual(4);
    expect(api.maxInFlight).toBeGreaterThan(1);
    expect(seen[0]).toEqual({ stage: 'list', done: 0, total: 1, saved: 0 });
    expect(seen.at(-1)).toEqual({ stage: 'read', done: 60, total: 60, saved: 0 });
    expect(seen.filter((p) => p.stage === 'read').map((p) => p.done)).toEqual(Array.from({ length: 61 }, (_, i) => i));
  });

  it('stops at the first failure instead of trying every queued read, and throws that ApiError', async () => {
    const relationships = Array.from({ length: 100 }, (_, i) => ({ ...summary(i + 1), tags: {} }));
    const denied = new ApiError('ListTagsForResource', 'access-denied', 'not authorized', 403, 1, 'AccessDeniedException');
    const api = createFakeChannelApi({ relationships, inject: { ListTagsForResource: () => denied } });
    await expect(readLive(api, desiredState([desiredEntry(account(1))]), { concurrency: 3 })).rejects.toBe(denied);
    expect(api.tagCalls.length).toBeLessThanOrEqual(3);
  });

  it('treats a relationship deleted between the list and a later read as gone', async () => {
    const api = createFakeChannelApi({
      relationships: [
        { ...summary(1), tags: {} },
        { ...summary(2), tags: {} },
      ],
      inject: {
        ListTagsForResource: (arn) =>
          String(arn).endsWith(rs(2)) ? new ApiError('ListTagsForResource', 'not-found', 'gone', 404, 1, 'ResourceNotFoundException') : undefined,
      },
    });
    const live = await readLive(api, desiredState([desiredEntry(account(1))]));
    expect(live.relationships.map((r) => r.id)).toEqual([rs(1)]);
  });

  it('reads the kinds in registry order: service periods are those of the relationships read, not of one gone meanwhile', async () => {
    const api = createFakeChannelApi({
      relationships: [
        { ...summary(1), tags: {} },
        { ...summary(2), tags: {} },
        { ...summary(3), tags: {} },
      ],
      inject: {
        ListTagsForResource: (arn) =>
          String(arn).endsWith(rs(2)) ? new ApiError('ListTagsForResource', 'not-found', 'gone', 404, 1, 'ResourceNotFoundException') : undefined,
      },
    });
    const live = await readLive(api, desiredState([desiredEntry(account(1))]), { servicePeriodsOf: () => true });
    const handshakeReads = api.calls.filter((c) => c.op === 'ListChannelHandshakes').map((c) => c.args);
    expect(handshakeReads).toEqual([
      { catalog: 'AWS', ids: [rs(1), rs(3)] },
      { catalog: 'AWS', ids: [rs(1), rs(3)] },
    ]);
    // Handshakes are read after every relationship read, and each kind's part and report is in the result.
    expect(api.calls.findIndex((c) => c.op === 'ListChannelHandshakes')).toBeGreaterThan(api.calls.map((c) => c.op).lastIndexOf('ListTagsForResource'));
    expect(live.relationships.map((r) => r.id)).toEqual([rs(1), rs(3)]);
    expect(live.refresh.reads).toBe(3);
    expect(live.servicePeriods).toBeUndefined();
  });

  it('reports a refused handshake read only where service periods are optional (pcc import)', async () => {
    const denied = () => new ApiError('ListChannelHandshakes', 'access-denied', 'no', 403, 1, 'AccessDeniedException');
    const seeded = { relationships: [{ ...summary(1), tags: {} }], inject: { ListChannelHandshakes: denied } };
    const optional = await readLive(createFakeChannelApi(seeded), desiredState([desiredEntry(account(1))]), {
      servicePeriodsOf: () => true,
      servicePeriodsOptional: true,
    });
    expect(optional.servicePeriodsDenied).toBe(true);
    expect(optional.relationships.map((r) => r.id)).toEqual([rs(1)]);
    await expect(readLive(createFakeChannelApi(seeded), desiredState([desiredEntry(account(1))]), { servicePeriodsOf: () => true })).rejects.toMatchObject({
      operation: 'ListChannelHandshakes',
    });
  });

  it('fails on a list error (e.g. an unknown PMA) with the ApiError', async () => {
    const notFound = new ApiError('ListRelationships', 'not-found', 'PMA not found', 404, 1, 'ResourceNotFoundException');
    const api = createFakeChannelApi({ inject: { ListRelationships: () => notFound } });
    await expect(readLive(api, desiredState([desiredEntry(account(1))]))).rejects.toBe(notFound);
    expect(api.tagCalls).toEqual([]);
  });

  it('lists each catalog once, concurrently', async () => {
    const api = createFakeChannelApi({ relationships: [] });
    await readLive(api, desiredState([desiredEntry(account(1), { catalog: 'Sandbox' }), desiredEntry(account(2)), desiredEntry(account(3))]));
    expect(api.listCalls.map((c) => c.catalog).sort()).toEqual(['AWS', 'Sandbox']);
    expect(api.maxInFlight).toBe(2);
  });
});
