import { ApiError } from '../../src/live/api-error.js';
import type { ChannelApi, ListRelationshipsFilter, LiveRelationship, RelationshipRef } from '../../src/live/channel-api.js';

/** An in-memory ChannelApi for read tests: counts calls and in-flight requests, can fail on demand. */
export interface FakeChannelApi extends ChannelApi {
  listCalls: ListRelationshipsFilter[];
  tagCalls: string[];
  getCalls: RelationshipRef[];
  maxInFlight: number;
}

export interface FakeOptions {
  /** Returned by listRelationships, whatever the filter (a server that ignores filters). */
  relationships: (LiveRelationship & { tags?: Record<string, string> })[];
  /** Throws this for the matching call instead of answering. */
  fail?: (operation: string, key: string) => ApiError | undefined;
  delayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createFakeChannelApi(options: FakeOptions): FakeChannelApi {
  let inFlight = 0;
  const api: FakeChannelApi = {
    listCalls: [],
    tagCalls: [],
    getCalls: [],
    maxInFlight: 0,
    async listRelationships(filter) {
      api.listCalls.push(filter);
      return track('ListRelationships', filter.catalog, () => options.relationships.map(({ tags: _tags, resaleAccountModel: _r, ...summary }) => summary));
    },
    async listTags(arn) {
      api.tagCalls.push(arn);
      return track('ListTagsForResource', arn, () => ({ ...(options.relationships.find((r) => r.arn === arn)?.tags ?? {}) }));
    },
    async getRelationship(ref) {
      api.getCalls.push(ref);
      return track('GetRelationship', ref.identifier, () => {
        const found = options.relationships.find((r) => r.id === ref.identifier);
        if (!found) throw new ApiError('GetRelationship', 'not-found', 'not found', 404, 1, 'ResourceNotFoundException');
        const { tags: _tags, ...detail } = found;
        return { ...detail, revision: String(Number(found.revision) + 1) };
      });
    },
    createRelationship: () => Promise.reject(new Error('read tests never write')),
    updateRelationship: () => Promise.reject(new Error('read tests never write')),
    deleteRelationship: () => Promise.reject(new Error('read tests never write')),
    tagResource: () => Promise.reject(new Error('read tests never write')),
    untagResource: () => Promise.reject(new Error('read tests never write')),
    listServicePeriodHandshakes: () => Promise.resolve([]),
    createServicePeriodHandshake: () => Promise.reject(new Error('read tests never write')),
    cancelHandshake: () => Promise.reject(new Error('read tests never write')),
  };

  async function track<T>(operation: string, key: string, answer: () => T): Promise<T> {
    inFlight += 1;
    api.maxInFlight = Math.max(api.maxInFlight, inFlight);
    try {
      await sleep(options.delayMs ?? 1);
      const failure = options.fail?.(operation, key);
      if (failure) throw failure;
      return answer();
    } finally {
      inFlight -= 1;
    }
  }
  return api;
}
