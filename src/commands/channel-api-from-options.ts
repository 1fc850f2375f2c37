import { sanitizeForTerminal } from '../io/sanitize.js';
import type { CacheTarget } from '../live/refresh-cache-file.js';
import type { SdkChannelApi } from '../live/sdk-channel-api.js';
import type { CommandContext } from './context.js';
import type { GlobalOptions } from './global-options.js';

type Env = Readonly<Record<string, string | undefined>>;

// An empty variable is unset, as the AWS CLI treats it.
const regionOf = (options: GlobalOptions, env: Env) => options.region ?? (env.AWS_REGION || undefined) ?? (env.AWS_DEFAULT_REGION || undefined) ?? 'us-east-1';

/**
 * The API a command talks to, as the refresh cache names it: the endpoint the options or the SDK's endpoint
 * variables give, else the profile whose config may name one (`profile:NAME`), else `default` (the SDK's own
 * resolution); and the region. Two profiles never share a cache: one may be the emulator, the other AWS.
 */
export function cacheTargetOf(options: GlobalOptions, env: Env): CacheTarget {
  const profile = options.profile ?? (env.AWS_PROFILE || undefined);
  const endpoint = options.endpointUrl ?? env.AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL ?? env.AWS_ENDPOINT_URL ?? (profile ? `profile:${profile}` : 'default');
  return { endpoint, region: regionOf(options, env) };
}

/**
 * The real API client for a command, from the global options. `--profile NAME` means what AWS_PROFILE=NAME
 * means to the SDK (cli.ts sets AWS_PROFILE from it): credentials, `endpoint_url` and `services` sections, and
 * the region all come from the SDK's own loaders. `--endpoint-url` overrides the endpoint. The SDK is loaded
 * here, on first use, so commands that never call the API (validate, fmt, --help) start without it.
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured (proxy-agent.ts).
 * A region other than us-east-1 is allowed (it picks the partition) but said: the service signs in us-east-1.
 */
export async function channelApiFromOptions(options: GlobalOptions, ctx: Pick<CommandContext, 'env' | 'sink'>): Promise<SdkChannelApi> {
  const [{ createSdkChannelApi }, { resolveRegion, SIGNING_REGION }, { proxyAgentFromEnv }] = await Promise.all([
    import('../live/sdk-channel-api.js'),
    import('../live/resolve-region.js'),
    import('../live/proxy-agent.js'),
  ]);
  const agent = proxyAgentFromEnv(ctx.env);
  const profile = options.profile ?? (ctx.env.AWS_PROFILE || undefined);
  const { region, from } = await resolveRegion(options.region, profile, ctx.env);
  if (region !== SIGNING_REGION) {
    ctx.sink.err(
      `pcc: warning: region "${sanitizeForTerminal(region)}" (from ${sanitizeForTerminal(from)}) is not ${SIGNING_REGION}: the Partner Central Channel API has one global endpoint that signs in ${SIGNING_REGION}; an endpoint that checks signatures refuses requests signed for another region (a typo passes only against the emulator). Use --region ${SIGNING_REGION} or leave it out\n`,
    );
  }
  return await createSdkChannelApi({
    region,
    ...(profile ? { profile, namedProfile: profile } : {}),
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    ...(agent ? { agent } : {}),
    ...(options.debug ? { debug: (line: string) => ctx.sink.err(line) } : {}),
    parallelism: options.parallelism,
    readRate: options.readRate,
    writeRate: options.writeRate,
  });
}
