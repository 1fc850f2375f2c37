import {
  CreateRelationshipCommand,
  DeleteRelationshipCommand,
  GetRelationshipCommand,
  ListTagsForResourceCommand,
  PartnerCentralChannelClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateRelationshipCommand,
  ListRelationshipsCommand,
  ListProgramManagementAccountsCommand,
  CreateChannelHandshakeCommand,
  CancelChannelHandshakeCommand,
  ListChannelHandshakesCommand,
  type ChannelHandshakeSummary,
  type RelationshipDetail,
  type RelationshipSummary,
  type ProgramManagementAccountSummary,
} from '@aws-sdk/client-partnercentral-channel';
import type { Agent } from 'node:http';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { ChannelApi, LiveRelationship, LiveServicePeriodHandshake, ServicePeriodHandshakeType } from './channel-api.js';
import { READ_FIELDS, readNameOf, type ReadField } from '../model/relationship-fields.js';
import { HANDSHAKE_STATUSES, type HandshakeStatus } from '../model/service-period.js';
import type { LivePma, PmaDirectory } from './program-management-accounts.js';
import { pmaIdOf } from '../model/address.js';
import { ApiError, toApiError } from './api-error.js';
import { explainCredentialsError } from './explain-credentials.js';
import { addDebugLog, onAnswerHeaders, refuseNonHttpEndpoints } from './debug-log.js';

/** The header the pcc emulator puts on every answer (src/emulator/server.ts). */
const EMULATOR_HEADER = 'x-pcc-emulator';
import { createRequestLimiter, type AccessLevel, type RequestLimits } from './request-limiter.js';

export interface SdkChannelApiOptions extends RequestLimits {
  region?: string;
  profile?: string;
  /** The profile the credentials should come from (`profile`, else AWS_PROFILE): named in credential errors. */
  namedProfile?: string;
  /** Overrides the SDK's own endpoint resolution (which honours AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL). */
  endpointUrl?: string;
  /** SDK attempts per call, including the first (adaptive retry mode). */
  maxAttempts?: number;
  /** Milliseconds before one HTTP request is abandoned. */
  requestTimeoutMs?: number;
  /** The connection agent for both schemes (proxyAgentFromEnv); default: the SDK's own. */
  agent?: Agent;
  /** `--debug`: receives a line per HTTP attempt and answer, secrets redacted (debug-log.ts). */
  debug?: (line: string) => void;
}

export interface SdkChannelApi extends ChannelApi, PmaDirectory {
  /** Requests started per operation (excluding the SDK's own retries). */
  readonly calls: Readonly<Record<string, number>>;
  /** An answer came from pcc's emulator (its `x-pcc-emulator` header): advice is for a rehearsal. */
  readonly servedByEmulator: boolean;
  destroy(): void;
}

/** What the request named, for members the answer may leave out (every one is optional in the model). */
interface Asked {
  operation: string;
  catalog: string;
  /** The one PMA the request named, if it named exactly one. */
  pmaId?: string;
}

/**
 * One relationship as pcc sees it. Absent members stay absent (unknown), never ''; `catalog` and the PMA
 * come from the request when missing. Without id, ARN, PMA or account there is no address: an error.
 */
function toLive(item: RelationshipSummary | RelationshipDetail, asked: Asked): LiveRelationship {
  const pma = item.programManagementAccountId ?? asked.pmaId;
  const { id, arn, associatedAccountId } = item;
  if (!id || !arn || !pma || !associatedAccountId) {
    const lacks = [!id && 'id', !arn && 'arn', !pma && 'programManagementAccountId', !associatedAccountId && 'associatedAccountId'].filter(Boolean).join(', ');
    throw new ApiError(
      asked.operation,
      'internal',
      `the service returned a relationship (${id ?? 'no id'}) without ${lacks}: its address is unknown, so nothing is planned`,
      undefined,
      1,
      'IncompleteAnswer',
    );
  }
  return {
    id,
    arn,
    catalog: item.catalog ?? asked.catalog,
    programManagementAccountId: pma,
    associatedAccountId,
    ...(item.revision ? { revision: item.revision } : {}),
    ...readFieldsOf(item),
    ...(item.createdAt ? { createdAt: item.createdAt.toISOString() } : {}),
    ...(item.updatedAt ? { updatedAt: item.updatedAt.toISOString() } : {}),
  };
}

/** Every field of the table a read returns (absent or empty: unknown, left out), as the service sent it. */
function readFieldsOf(item: RelationshipSummary | RelationshipDetail): Partial<Pick<LiveRelationship, ReadField>> {
  const answer = item as Record<string, unknown>;
  return Object.fromEntries(READ_FIELDS.flatMap((name) => (answer[readNameOf(name)] ? [[name, answer[readNameOf(name)]]] : [])));
}

/** 50 PMAs of 1,000 relationships are 500 full pages; far beyond that, the pager is not ending. */
const MAX_PAGES = 10_000;

/**
 * Every page of a paginated operation, each read through `fetchPage` (so through the rate limiter). Paged by hand,
 * not with the SDK paginator, for that reason. A token handed out twice would page forever: that ends with an
 * ApiError rather than a hang or a partial list.
 */
async function* readAllPages<T extends { nextToken?: string }>(operation: string, fetchPage: (nextToken: string | undefined) => Promise<T>): AsyncGenerator<T> {
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await fetchPage(nextToken);
    yield page;
    nextToken = page.nextToken;
    if (nextToken && (seen.has(nextToken) || seen.size >= MAX_PAGES)) {
      const why = seen.has(nextToken) ? 'repeated a nextToken' : 'kept handing out nextTokens';
      throw new ApiError(operation, 'internal', `the service ${why} after ${seen.size + 1} pages`, undefined, 1, 'PagingLoop');
    }
    if (nextToken) seen.add(nextToken);
  } while (nextToken);
}

function toLivePma(item: ProgramManagementAccountSummary, catalog: string): LivePma {
  return {
    catalog: item.catalog ?? catalog,
    ...(item.id ? { id: item.id } : {}),
    ...(item.displayName ? { displayName: item.displayName } : {}),
    ...(item.program ? { program: item.program } : {}),
    ...(item.accountId ? { accountId: item.accountId } : {}),
    ...(item.status ? { status: item.status } : {}),
    ...(item.arn ? { arn: item.arn } : {}),
  };
}

/** Relationship ids per ListChannelHandshakes request (the model sets no limit; kept modest). */
const HANDSHAKE_FILTER_SIZE = 50;

/**
 * A handshake as pcc sees it. Without an id or a relationship it cannot be attributed: skipped only if it is
 * not a START_SERVICE_PERIOD one, otherwise an error (a pending request pcc cannot see could be duplicated).
 */
function toLiveHandshake(item: ChannelHandshakeSummary, asked: ServicePeriodHandshakeType): LiveServicePeriodHandshake {
  const { id, associatedResourceId } = item;
  if (!id || !associatedResourceId) {
    throw new ApiError(
      'ListChannelHandshakes',
      'internal',
      `the service returned a handshake (${id ?? 'no id'}) without ${id ? 'associatedResourceId' : 'id'}: it cannot be matched to a relationship`,
      undefined,
      1,
      'IncompleteAnswer',
    );
  }
  const detail = (asked === 'START_SERVICE_PERIOD' ? item.detail?.startServicePeriodHandshakeDetail : item.detail?.revokeServicePeriodHandshakeDetail) ?? {};
  const status = HANDSHAKE_STATUSES.find((s) => s === item.status) as HandshakeStatus | undefined;
  return {
    id,
    handshakeType: asked,
    relationshipId: associatedResourceId,
    ...(item.receiverAccountId ? { receiverAccountId: item.receiverAccountId } : {}),
    ...(status ? { status } : {}),
    terms: {
      ...(detail.servicePeriodType ? { servicePeriodType: detail.servicePeriodType } : {}),
      ...(detail.minimumNoticeDays ? { minimumNoticeDays: detail.minimumNoticeDays } : {}),
      ...(detail.endDate ? { endDate: detail.endDate.toISOString() } : {}),
      ...(detail.note ? { note: detail.note } : {}),
    },
    ...(item.createdAt ? { createdAt: item.createdAt.toISOString() } : {}),
    ...(item.updatedAt ? { updatedAt: item.updatedAt.toISOString() } : {}),
  };
}

const toTagList = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

/** `items` in runs of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs;
}

/** The SDK's default credential chain, its nested STS and SSO clients connecting through `agent`. */
function credentialsThrough(agent: Agent) {
  return (input: Parameters<typeof defaultProvider>[0]) => defaultProvider({ ...input, clientConfig: { requestHandler: { httpAgent: agent, httpsAgent: agent } } });
}

export function createSdkChannelApi(options: SdkChannelApiOptions): SdkChannelApi {
  const clientOf = (maxAttempts: number) =>
    new PartnerCentralChannelClient({
      region: options.region ?? 'us-east-1',
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
      // The credential chain's own clients (STS for roles, SSO) go through the same proxy agent.
      ...(options.agent ? { credentialDefaultProvider: credentialsThrough(options.agent) } : {}),
      retryMode: 'adaptive',
      maxAttempts,
      requestHandler: {
        requestTimeout: options.requestTimeoutMs ?? 30_000,
        connectionTimeout: 5_000,
        ...(options.agent ? { httpAgent: options.agent, httpsAgent: options.agent } : {}),
      },
    });
  const client = clientOf(options.maxAttempts ?? 5);
  // For requests whose blind retry could duplicate (handshakes, which the service does not promise to refuse twice).
  const onceClient = clientOf(1);
  for (const c of [client, onceClient]) refuseNonHttpEndpoints(c);
  if (options.debug) for (const c of [client, onceClient]) addDebugLog(c, options.debug);
  let servedByEmulator = false;
  for (const c of [client, onceClient]) onAnswerHeaders(c, (headers) => void (servedByEmulator ||= headers[EMULATOR_HEADER] !== undefined));
  const { debug } = options;
  const limiter = createRequestLimiter({
    ...options,
    ...(debug ? { onThrottle: (operation: string) => debug(`pcc: debug: ${operation} waits for its client-side rate (--read-rate/--write-rate)\n`) } : {}),
  });

  async function call<T>(operation: string, access: AccessLevel, send: () => Promise<T>): Promise<T> {
    try {
      return await limiter.run(operation, access, send);
    } catch (error) {
      throw await explainCredentialsError(toApiError(operation, error), options.namedProfile);
    }
  }

  return {
    calls: limiter.calls,
    get servedByEmulator() {
      return servedByEmulator;
    },
    destroy: () => {
      client.destroy();
      onceClient.destroy();
    },

    async listRelationships(filter) {
      const pages = readAllPages('ListRelationships', (nextToken) =>
        call('ListRelationships', 'read', () => client.send(new ListRelationshipsCommand({ ...filter, maxResults: 100, nextToken }))),
      );
      const items: LiveRelationship[] = [];
      const pmas = filter.programManagementAccountIdentifiers ?? [];
      const asked = { operation: 'ListRelationships', catalog: filter.catalog, ...(pmas.length === 1 ? { pmaId: pmaIdOf(pmas[0] as string) } : {}) };
      for await (const page of pages) for (const item of page.items ?? []) items.push(toLive(item, asked));
      return items;
    },

    async listProgramManagementAccounts(catalog) {
      const pages = readAllPages('ListProgramManagementAccounts', (nextToken) =>
        call('ListProgramManagementAccounts', 'read', () => client.send(new ListProgramManagementAccountsCommand({ catalog, maxResults: 100, nextToken }))),
      );
      const items: LivePma[] = [];
      for await (const page of pages) for (const item of page.items ?? []) items.push(toLivePma(item, catalog));
      return items;
    },

    async getRelationship(ref) {
      const out = await call('GetRelationship', 'read', () => client.send(new GetRelationshipCommand(ref)));
      return toLive(out.relationshipDetail ?? {}, { operation: 'GetRelationship', catalog: ref.catalog, pmaId: pmaIdOf(ref.programManagementAccountIdentifier) });
    },

    async listTags(arn) {
      const out = await call('ListTagsForResource', 'read', () => client.send(new ListTagsForResourceCommand({ resourceArn: arn })));
      return Object.fromEntries((out.tags ?? []).map((t) => [t.key ?? '', t.value ?? '']));
    },

    async createRelationship({ tags, ...request }) {
      const out = await call('CreateRelationship', 'write', () => client.send(new CreateRelationshipCommand({ ...request, tags: toTagList(tags) })));
      const { id, arn } = out.relationshipDetail ?? {};
      return { ...(id ? { id } : {}), ...(arn ? { arn } : {}) };
    },

    async updateRelationship(request) {
      const out = await call('UpdateRelationship', 'write', () => client.send(new UpdateRelationshipCommand(request)));
      return out.relationshipDetail?.revision ? { revision: out.relationshipDetail.revision } : {};
    },

    async deleteRelationship(ref) {
      await call('DeleteRelationship', 'write', () => client.send(new DeleteRelationshipCommand(ref)));
    },

    async tagResource(arn, tags) {
      await call('TagResource', 'write', () => client.send(new TagResourceCommand({ resourceArn: arn, tags: toTagList(tags) })));
    },

    async listServicePeriodHandshakes(catalog, relationshipIds, query = {}) {
      const handshakeType = query.handshakeType ?? 'START_SERVICE_PERIOD';
      const items: LiveServicePeriodHandshake[] = [];
      const batches = relationshipIds === 'all' ? [undefined] : chunks(relationshipIds, HANDSHAKE_FILTER_SIZE);
      for (const ids of batches) {
        const pages = readAllPages('ListChannelHandshakes', (nextToken) =>
          call('ListChannelHandshakes', 'read', () =>
            client.send(
              new ListChannelHandshakesCommand({
                handshakeType,
                catalog,
                participantType: 'SENDER',
                ...(ids ? { associatedResourceIdentifiers: ids } : {}),
                ...(query.statuses ? { statuses: query.statuses } : {}),
                maxResults: 100,
                nextToken,
              }),
            ),
          ),
        );
        // Filter again on our side: only the relationships, type and statuses asked about count, whatever the server sent.
        for await (const page of pages) {
          for (const item of page.items ?? []) {
            if (ids && !ids.includes(item.associatedResourceId ?? '')) continue;
            if (item.handshakeType !== undefined && item.handshakeType !== handshakeType) continue;
            const live = toLiveHandshake(item, handshakeType);
            if (query.statuses && live.status && !query.statuses.includes(live.status)) continue;
            items.push(live);
          }
        }
      }
      return items;
    },

    async createServicePeriodHandshake({ handshakeType = 'START_SERVICE_PERIOD', catalog, programManagementAccountIdentifier, relationshipId, terms, clientToken }) {
      const note = terms.note ? { note: terms.note } : {};
      const payload =
        handshakeType === 'REVOKE_SERVICE_PERIOD'
          ? { revokeServicePeriodPayload: { programManagementAccountIdentifier, ...note } }
          : {
              startServicePeriodPayload: {
                programManagementAccountIdentifier,
                servicePeriodType: terms.servicePeriodType as 'MINIMUM_NOTICE_PERIOD' | 'FIXED_COMMITMENT_PERIOD',
                ...(terms.minimumNoticeDays ? { minimumNoticeDays: terms.minimumNoticeDays } : {}),
                ...(terms.endDate ? { endDate: new Date(terms.endDate) } : {}),
                ...note,
              },
            };
      // One attempt: a retry after a lost answer could send a second request once the token is forgotten, so
      // the caller reads back before it tries again (apply-service-period.ts).
      const out = await call('CreateChannelHandshake', 'write', () =>
        onceClient.send(new CreateChannelHandshakeCommand({ handshakeType, catalog, associatedResourceIdentifier: relationshipId, clientToken, payload })),
      );
      const id = out.channelHandshakeDetail?.id;
      return id ? { id } : {};
    },

    async cancelHandshake(catalog, handshakeId) {
      await call('CancelChannelHandshake', 'write', () => client.send(new CancelChannelHandshakeCommand({ catalog, identifier: handshakeId })));
    },

    async untagResource(arn, keys) {
      await call('UntagResource', 'write', () => client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: keys })));
    },
  };
}
