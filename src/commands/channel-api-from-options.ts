import type { SdkChannelApi } from '../live/sdk-channel-api.js';
import type { GlobalOptions } from './global-options.js';

/**
 * The real API client for a command, from the global options. Credentials come from the SDK's standard chain;
 * the endpoint from `--endpoint-url`, else the SDK's own resolution (AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL).
 * The SDK is loaded here, on first use, so commands that never call the API (validate, fmt, --help) start
 * without it.
 */
export async function channelApiFromOptions(
  options: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<SdkChannelApi> {
  const { createSdkChannelApi } = await import('../live/sdk-channel-api.js');
  return createSdkChannelApi({
    // An empty variable is unset, as the AWS CLI treats it.
    region: options.region ?? (env.AWS_REGION || undefined) ?? (env.AWS_DEFAULT_REGION || undefined) ?? 'us-east-1',
    ...(options.profile ? { profile: options.profile } : {}),
    ...((options.profile ?? env.AWS_PROFILE) ? { namedProfile: options.profile ?? env.AWS_PROFILE } : {}),
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    parallelism: options.parallelism,
    readRate: options.readRate,
    writeRate: options.writeRate,
  });
}
