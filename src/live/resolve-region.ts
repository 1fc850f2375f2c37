/**
 * The region the client is configured with, found as the SDK finds it: `--region`, then AWS_REGION (and the AWS
 * CLI's AWS_DEFAULT_REGION), then the profile's `region` through the SDK's own loader, so AWS_PROFILE, `--profile`,
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE count as they do for any AWS tool. Nothing found: us-east-1.
 */
import { loadConfig, NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';

/** The service's one global endpoint signs in us-east-1 (the service model's `implicitGlobalRegion` of `aws`). */
export const SIGNING_REGION = 'us-east-1';

export interface ResolvedRegion {
  region: string;
  /** Where it came from, for messages: `--region`, `AWS_REGION`, `profile "x"`, or `default`. */
  from: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export async function resolveRegion(flag: string | undefined, profile: string | undefined, env: Env): Promise<ResolvedRegion> {
  if (flag) return { region: flag, from: '--region' };
  // An empty variable is unset, as the AWS CLI treats it.
  if (env.AWS_REGION) return { region: env.AWS_REGION, from: 'AWS_REGION' };
  if (env.AWS_DEFAULT_REGION) return { region: env.AWS_DEFAULT_REGION, from: 'AWS_DEFAULT_REGION' };
  const fromProfile = await loadConfig<string | undefined>(
    // The SDK's own selectors, without its instance-metadata fallback (a second's wait off EC2).
    { ...NODE_REGION_CONFIG_OPTIONS, environmentVariableSelector: () => undefined, default: () => undefined },
    { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...(profile ? { profile } : {}) },
  )().catch(() => undefined);
  if (fromProfile) return { region: fromProfile, from: `profile "${profile ?? env.AWS_PROFILE ?? 'default'}"` };
  return { region: SIGNING_REGION, from: 'default' };
}
