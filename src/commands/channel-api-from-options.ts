import type { CacheTarget } from '../live/refresh-cache-file.js';
import type { SdkChannelApi } from '../live/sdk-channel-api.js';
import type { GlobalOptions } from './global-options.js';

type Env = Readonly<Record<string, string | undefined>>;

// An empty variable is unset, as the AWS CLI treats it.
const regionOf = (options: GlobalOptions, env: Env) => options.region ?? (env.AWS_REGION || undefined) ?? (env.AWS_DEFAULT_REGION || undefined) ?? 'us-east-1';

/**
 * The API a command talks to, as the refresh cache names it: the endpoint the options or the SDK's endpoint
 * variables give (`default` when the SDK resolves it itself) and the signing region.
 */
export function cacheTargetOf(options: GlobalOptions, env: Env): CacheTarget {
  const endpoint = options.endpointUrl ?? env.AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL ?? env.AWS_ENDPOINT_URL ?? 'default';
  return { endpoint, region: regionOf(options, env) };
}

/**
 * The real API client for a command, from the global options. Credentials come from the SDK's standard chain;
 * the endpoint from `--endpoint-url`, else the SDK's own resolution (AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL).
 * The SDK is loaded here, on first use, so commands that never call the API (validate, fmt, --help) start
 * without it.
 */
export async function channelApiFromOptions(options: GlobalOptions, env: Env): Promise<SdkChannelApi> {
  const { createSdkChannelApi } = await import('../live/sdk-channel-api.js');
  return createSdkChannelApi({
    region: regionOf(options, env),
    ...(options.profile ? { profile: options.profile } : {}),
    ...((options.profile ?? env.AWS_PROFILE) ? { namedProfile: options.profile ?? env.AWS_PROFILE } : {}),
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    parallelism: options.parallelism,
    readRate: options.readRate,
    writeRate: options.writeRate,
  });
}
