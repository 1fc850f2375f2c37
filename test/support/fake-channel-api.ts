/**
 * The one in-memory ChannelApi for tests that run the engine in-process (readLive, applyPlan, planFromFiles).
 * It answers like the service where the tests rely on it: ListRelationships honours its filters and leaves out
 * resaleAccountModel, client tokens are remembered after a delete, TagResource refuses more than 50 tags, a
 * stale revision is a 409. It records every call, counts requests in flight, and lets a test script a failure
 * per operation. End-to-end tests use the emulator over HTTP instead (see emulator.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, type ApiErrorCategory } from '../../src/live/api-error.js';
import type { ChannelApi, ListRelationshipsFilter, LiveRelationship, RelationshipRef } from '../../src/live/channel-api.js';
import { PMA } from './state-builders.js';

/** A stored relationship: what the service keeps, with its tags and the write-only support plan last sent. */
export interface FakeRecord extends LiveRelationship {
  tags: Record<string, string>;
  supportPlan?: unknown;
}

/**
 * Runs before an operation with its arguments: an ApiError is thrown instead of answering;
 * 'commit-then-throw' commits the call and then fails it (an answer lost after the write landed).
 */
export type Injected = (args: unknown) => ApiError | 'commit-then-throw' | undefined;

export interface FakeOptions {
  /** Seeded at the start (each as `seed` takes it; their own arn and revision are kept). */
  relationships?: (Partial<FakeRecord> & Pick<FakeRecord, 'id' | 'associatedAccountId'>)[];
  /** Failures by operation name (`ListTagsForResource`, `UpdateRelationship`, …); also settable later through `inject`. */
  inject?: Partial<Record<string, Injected>>;
  /** Each call waits this long (ms) before answering, so concurrency shows in `maxInFlight`. Default 1. */
  delayMs?: number;
  /** ListRelationships answers every relationship whatever the filter (a server that ignores filters). */
  ignoreFilters?: boolean;
  /** GetRelationship answers one revision ahead of the list, as if a write landed between the two reads. */
  detailAhead?: boolean;
}

export interface FakeChannelApi extends ChannelApi {
  records: Map<string, FakeRecord>;
  /** Every call in order, with a copy of its arguments (an ARN string for tag reads). */
  calls: { op: string; args: unknown }[];
  /** clientToken → relationship id, kept after the relationship is deleted (as the service may). */
  tokens: Map<string, string>;
  inject: Partial<Record<string, Injected>>;
  /** The most requests that were in flight at once. */
  maxInFlight: number;
  readonly listCalls: ListRelationshipsFilter[];
  readonly tagCalls: string[];
  readonly getCalls: RelationshipRef[];
  seed(record: Partial<FakeRecord> & Pick<FakeRecord, 'id' | 'associatedAccountId'>): FakeRecord;
  /** The names of the calls that are not reads, in order. */
  mutatingCalls(): string[];
}

const MAX_TAGS = 50;

export function apiError(operation: string, category: ApiErrorCategory, status: number, attempts = 1, message = `${category}!`): ApiError {
  return new ApiError(operation, category, message, status, attempts, category);
}

export const arnOf = (id: string, pma = PMA) => `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/program-management-account/${pma}/relationship/${id}`;
const idOf = (identifier: string) => identifier.split('/').at(-1)!;
const notFound = (op: string) => apiError(op, 'not-found', 404);

/** What a read returns: the stored relationship without tags and support plan, copied. */
function answerOf(record: FakeRecord): LiveRelationship {
  const { tags: _t, supportPlan: _s, ...rest } = record;
  return structuredClone(rest);
}

function matches(record: FakeRecord, filter: ListRelationshipsFilter): boolean {
  const pmas = filter.programManagementAccountIdentifiers?.map(idOf);
  return (
    record.catalog === filter.catalog &&
    (!pmas || pmas.includes(record.programManagementAccountId ?? '')) &&
    (!filter.associatedAccountIds || filter.associatedAccountIds.includes(record.associatedAccountId))
  );
}

export function createFakeChannelApi(options: FakeOptions = {}): FakeChannelApi {
  const records = new Map<string, FakeRecord>();
  const calls: { op: string; args: unknown }[] = [];
  let counter = 0;
  let inFlight = 0;
  const byArn = (arn: string) => [...records.values()].find((r) => r.arn === arn);
  const argsOf = <T>(op: string) => calls.filter((c) => c.op === op).map((c) => c.args as T);

  async function run<T>(op: string, args: unknown, body: () => T): Promise<T> {
    calls.push({ op, args: structuredClone(args) });
    inFlight += 1;
    api.maxInFlight = Math.max(api.maxInFlight, inFlight);
    try {
      await sleep(options.delayMs ?? 1);
      const injected = api.inject[op]?.(args);
      if (injected === 'commit-then-throw') {
        body();
        throw apiError(op, op === 'UpdateRelationship' ? 'conflict' : 'internal', 500, 2);
      }
      if (injected) throw injected;
      return body();
    } finally {
      inFlight -= 1;
    }
  }
  const stored = (op: string, identifier: string) => {
    const record = records.get(idOf(identifier));
    if (!record) throw notFound(op);
    return record;
  };
  const tagged = (op: string, arn: string) => {
    const record = byArn(arn);
    if (!record) throw notFound(op);
    return record;
  };

  const api: FakeChannelApi = {
    records,
    calls,
    tokens: new Map(),
    inject: { ...options.inject },
    maxInFlight: 0,
    get listCalls() {
      return argsOf<ListRelationshipsFilter>('ListRelationships');
    },
    get tagCalls() {
      return argsOf<string>('ListTagsForResource');
    },
    get getCalls() {
      return argsOf<RelationshipRef>('GetRelationship');
    },
    seed(partial) {
      const record: FakeRecord = {
        arn: arnOf(partial.id, partial.programManagementAccountId),
        revision: '1',
        catalog: 'AWS',
        associationType: 'END_CUSTOMER',
        programManagementAccountId: PMA,
        displayName: 'Seeded',
        sector: 'COMMERCIAL',
        ...structuredClone(partial),
        tags: { ...partial.tags },
      };
      records.set(record.id, record);
      return record;
    },
    mutatingCalls: () => calls.map((c) => c.op).filter((op) => !/^(Get|List)/.test(op)),
    listRelationships: (filter) =>
      run('ListRelationships', filter, () =>
        [...records.values()]
          .filter((r) => options.ignoreFilters || matches(r, filter))
          // As the service: the list leaves resaleAccountModel out (GetRelationship has it).
          .map((r) => {
            const { resaleAccountModel: _r, ...summary } = answerOf(r);
            return summary;
          }),
      ),
    getRelationship: (ref) =>
      run('GetRelationship', ref, () => {
        const detail = answerOf(stored('GetRelationship', ref.identifier));
        return options.detailAhead ? { ...detail, revision: String(Number(detail.revision) + 1) } : detail;
      }),
    listTags: (arn) => run('ListTagsForResource', arn, () => ({ ...tagged('ListTagsForResource', arn).tags })),
    createRelationship: (request) =>
      run('CreateRelationship', request, () => {
        const earlier = api.tokens.get(request.clientToken);
        if (earlier) return { id: earlier, arn: arnOf(earlier) };
        if ([...records.values()].some((r) => r.associatedAccountId === request.associatedAccountId)) {
          throw apiError('CreateRelationship', 'conflict', 409);
        }
        const id = `rs-new${String(++counter).padStart(9, '0')}`;
        const { tags, clientToken, requestedSupportPlan, programManagementAccountIdentifier: _p, ...rest } = request;
        records.set(id, {
          ...rest,
          id,
          arn: arnOf(id),
          revision: '1',
          programManagementAccountId: PMA,
          tags: { ...tags },
          supportPlan: requestedSupportPlan,
        } as FakeRecord);
        api.tokens.set(clientToken, id);
        return { id, arn: arnOf(id) };
      }),
    updateRelationship: (request) =>
      run('UpdateRelationship', request, () => {
        const record = stored('UpdateRelationship', request.identifier);
        if (request.revision !== undefined && request.revision !== record.revision) throw apiError('UpdateRelationship', 'conflict', 409);
        if (request.displayName !== undefined) record.displayName = request.displayName;
        if (request.requestedSupportPlan !== undefined) record.supportPlan = request.requestedSupportPlan;
        record.revision = String(Number(record.revision) + 1);
        return { revision: record.revision };
      }),
    deleteRelationship: (ref) =>
      run('DeleteRelationship', ref, () => {
        if (!records.delete(idOf(ref.identifier))) throw notFound('DeleteRelationship');
      }),
    tagResource: (arn, tags) =>
      run('TagResource', { arn, tags }, () => {
        const record = tagged('TagResource', arn);
        // As the service: at most 50 tags on a resource after the call, or the whole call is refused.
        if (Object.keys({ ...record.tags, ...tags }).length > MAX_TAGS) throw apiError('TagResource', 'validation', 400, 1, 'too many tags');
        Object.assign(record.tags, tags);
      }),
    untagResource: (arn, keys) =>
      run('UntagResource', { arn, keys }, () => {
        const record = tagged('UntagResource', arn);
        for (const key of keys) delete record.tags[key];
      }),
    listServicePeriodHandshakes: (catalog, ids) => run('ListChannelHandshakes', { catalog, ids }, () => []),
    createServicePeriodHandshake: (request) => run('CreateChannelHandshake', request, () => ({ id: 'ch-fake000000001' })),
    cancelHandshake: (catalog, id) => run('CancelChannelHandshake', { catalog, id }, () => undefined),
    listProgramManagementAccounts: (catalog) => run('ListProgramManagementAccounts', { catalog }, () => []),
    createProgramManagementAccount: (request) => run('CreateProgramManagementAccount', request, () => ({})),
    updateProgramManagementAccount: (request) => run('UpdateProgramManagementAccount', request, () => ({})),
    deleteProgramManagementAccount: (catalog, identifier) => run('DeleteProgramManagementAccount', { catalog, identifier }, () => undefined),
    listPmaHandshakes: (catalog, ids) => run('ListChannelHandshakes', { catalog, ids }, () => []),
    createPmaHandshake: (request) => run('CreateChannelHandshake', request, () => ({})),
  };
  for (const relationship of options.relationships ?? []) api.seed(relationship);
  return api;
}
