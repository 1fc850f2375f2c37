import { ListTagsForResourceCommand, PartnerCentralChannelClient, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-partnercentral-channel';
import type { Agent } from 'node:http';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { KINDS } from '../kinds/registry.js';
import type { ChannelApi, TagApi } from './channel-api.js';
import { toApiError } from './api-error.js';
import { explainCredentialsError } from './explain-credentials.js';
import { addDebugLog, onAnswerHeaders, refuseNonHttpEndpoints } from './debug-log.js';
import { toTagList, type SdkCalls } from './sdk-calls.js';

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

/** ChannelApi's listProgramManagementAccounts (the PMA kind's) is also the PmaDirectory `pcc pmas` reads. */
export interface SdkChannelApi extends ChannelApi {
  /** Requests started per operation (excluding the SDK's own retries). */
  readonly calls: Readonly<Record<string, number>>;
  /** An answer came from pcc's emulator (its `x-pcc-emulator` header): advice is for a rehearsal. */
  readonly servedByEmulator: boolean;
  destroy(): void;
}

/** The SDK's default credential chain, its nested STS and SSO clients connecting through `agent`. */
function credentialsThrough(agent: Agent) {
  return (input: Parameters<typeof defaultProvider>[0]) => defaultProvider({ ...input, clientConfig: { requestHandler: { httpAgent: agent, httpsAgent: agent } } });
}

/**
 * The ChannelApi over the AWS SDK: the shared client, limits, paging and error mapping here, with the tag and PMA
 * operations; each kind's operations come from its own part (KindReader.sdkApi), loaded with this module.
 */
export async function createSdkChannelApi(options: SdkChannelApiOptions): Promise<SdkChannelApi> {
  const kindApis = await Promise.all(KINDS.map((kind) => kind.reader.sdkApi()));
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

  const sdk: SdkCalls = { client, onceClient, call };
  const tags: TagApi = {
    async listTags(arn) {
      const out = await call('ListTagsForResource', 'read', () => client.send(new ListTagsForResourceCommand({ resourceArn: arn })));
      return Object.fromEntries((out.tags ?? []).map((t) => [t.key ?? '', t.value ?? '']));
    },

    async tagResource(arn, tags) {
      await call('TagResource', 'write', () => client.send(new TagResourceCommand({ resourceArn: arn, tags: toTagList(tags) })));
    },

    async untagResource(arn, keys) {
      await call('UntagResource', 'write', () => client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: keys })));
    },
  };
  const adapter: Omit<SdkChannelApi, keyof ChannelApi> = {
    calls: limiter.calls,
    get servedByEmulator() {
      return servedByEmulator;
    },
    destroy: () => {
      client.destroy();
      onceClient.destroy();
    },
  };
  // The getter stays a getter: the operations are copied onto the adapter, not the adapter into a new object.
  return Object.assign(adapter, tags, ...kindApis.map((kindApi) => kindApi(sdk))) as SdkChannelApi;
}
