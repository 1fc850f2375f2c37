import { ApiError, type ApiErrorKind } from '../../src/live/api-error.js';
import type { ChannelApi, LiveRelationship } from '../../src/live/channel-api.js';

/** An in-memory ChannelApi for engine tests: records calls, lets a test script failures per operation. */
export interface FakeRecord extends LiveRelationship {
  tags: Record<string, string>;
  supportPlan?: unknown;
}

export type Injected = (args: unknown) => ApiError | 'commit-then-throw' | undefined;

export interface FakeApi extends ChannelApi {
  records: Map<string, FakeRecord>;
  calls: { op: string; args: unknown }[];
  tokens: Map<string, string>;
  /** Called before each operation runs; return an error to throw it instead (or after committing). */
  inject: Partial<Record<string, Injected>>;
  seed(record: Partial<FakeRecord> & Pick<FakeRecord, 'id' | 'associatedAccountId'>): FakeRecord;
  mutatingCalls(): string[];
}

export const PMA = 'pma-abcdefghijk12';
const MAX_TAGS = 50;

export function apiError(operation: string, kind: ApiErrorKind, status: number, attempts = 1, message = `${kind}!`): ApiError {
  return new ApiError(operation, kind, message, status, attempts, kind);
}

export function createFakeApi(): FakeApi {
  const records = new Map<string, FakeRecord>();
  const tokens = new Map<string, string>();
  const calls: { op: string; args: unknown }[] = [];
  const inject: FakeApi['inject'] = {};
  let counter = 0;
  const arnOf = (id: string) => `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/program-management-account/${PMA}/relationship/${id}`;
  const byArn = (arn: string) => [...records.values()].find((r) => r.arn === arn);

  async function run<T>(op: string, args: unknown, body: () => T): Promise<T> {
    calls.push({ op, args: structuredClone(args) });
    const injected = inject[op]?.(args);
    if (injected === 'commit-then-throw') {
      body();
      throw apiError(op, op === 'UpdateRelationship' ? 'conflict' : 'internal', 500, 2);
    }
    if (injected) throw injected;
    return body();
  }
  const plain = (r: FakeRecord): LiveRelationship => {
    const { tags: _t, supportPlan: _s, ...rest } = r;
    return structuredClone(rest);
  };
  const notFound = (op: string) => apiError(op, 'not-found', 404);

  const api: FakeApi = {
    records,
    calls,
    tokens,
    inject,
    seed(partial) {
      const record: FakeRecord = {
        arn: arnOf(partial.id),
        revision: '1',
        catalog: 'AWS',
        associationType: 'END_CUSTOMER',
        programManagementAccountId: PMA,
        displayName: 'Seeded',
        sector: 'COMMERCIAL',
        tags: {},
        ...partial,
      };
      records.set(record.id, record);
      return record;
    },
    mutatingCalls: () => calls.map((c) => c.op).filter((op) => !/^(Get|List)/.test(op)),
    listRelationships: (filter) =>
      run('ListRelationships', filter, () =>
        [...records.values()]
          .filter((r) => !filter.associatedAccountIds || filter.associatedAccountIds.includes(r.associatedAccountId))
          .map(plain),
      ),
    getRelationship: (ref) =>
      run('GetRelationship', ref, () => {
        const r = records.get(ref.identifier);
        if (!r) throw notFound('GetRelationship');
        return plain(r);
      }),
    listTags: (arn) =>
      run('ListTagsForResource', arn, () => {
        const r = byArn(arn);
        if (!r) throw notFound('ListTagsForResource');
        return { ...r.tags };
      }),
    createRelationship: (request) =>
      run('CreateRelationship', request, () => {
        const earlier = tokens.get(request.clientToken);
        if (earlier) return { id: earlier, arn: arnOf(earlier) };
        if ([...records.values()].some((r) => r.associatedAccountId === request.associatedAccountId)) {
          throw apiError('CreateRelationship', 'conflict', 409);
        }
        const id = `rs-new${String(++counter).padStart(9, '0')}`;
        const { tags, clientToken, requestedSupportPlan, programManagementAccountIdentifier: _p, ...rest } = request;
        records.set(id, { ...rest, id, arn: arnOf(id), revision: '1', programManagementAccountId: PMA, tags: { ...tags }, supportPlan: requestedSupportPlan } as FakeRecord);
        tokens.set(clientToken, id);
        return { id, arn: arnOf(id) };
      }),
    updateRelationship: (request) =>
      run('UpdateRelationship', request, () => {
        const r = records.get(request.identifier);
        if (!r) throw notFound('UpdateRelationship');
        if (request.revision !== undefined && request.revision !== r.revision) throw apiError('UpdateRelationship', 'conflict', 409);
        if (request.displayName !== undefined) r.displayName = request.displayName;
        if (request.requestedSupportPlan !== undefined) r.supportPlan = request.requestedSupportPlan;
        r.revision = String(Number(r.revision) + 1);
        return { revision: r.revision };
      }),
    deleteRelationship: (ref) =>
      run('DeleteRelationship', ref, () => {
        if (!records.delete(ref.identifier)) throw notFound('DeleteRelationship');
      }),
    tagResource: (arn, tags) =>
      run('TagResource', { arn, tags }, () => {
        const r = byArn(arn);
        if (!r) throw notFound('TagResource');
        // As the service: at most 50 tags on a resource after the call, or the whole call is refused.
        if (Object.keys({ ...r.tags, ...tags }).length > MAX_TAGS) throw apiError('TagResource', 'validation', 400, 1, 'too many tags');
        Object.assign(r.tags, tags);
      }),
    untagResource: (arn, keys) =>
      run('UntagResource', { arn, keys }, () => {
        const r = byArn(arn);
        if (!r) throw notFound('UntagResource');
        for (const key of keys) delete r.tags[key];
      }),
    listServicePeriodHandshakes: (catalog, ids) => run('ListChannelHandshakes', { catalog, ids }, () => []),
    createServicePeriodHandshake: (request) => run('CreateChannelHandshake', request, () => ({ id: 'ch-fake000000001' })),
    cancelHandshake: (catalog, id) => run('CancelChannelHandshake', { catalog, id }, () => undefined),
  };
  return api;
}
