/**
 * "No credentials" is the SDK's answer to several different mistakes. When a profile was named, pcc looks in the
 * shared config files (through the SDK's own parser, @smithy/shared-ini-file-loader, so AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE count) to tell a mistyped profile from an SSO session that needs a login.
 */
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { ApiError } from './api-error.js';
import { ownValue } from '../model/string-keyed.js';

/** ApiError codes for credential problems pcc can name; describeApiError words each. */
export const PROFILE_NOT_FOUND = 'ProfileNotFound';
export const SSO_LOGIN_NEEDED = 'SsoLoginNeeded';
export const CREDENTIAL_PROCESS_FAILED = 'CredentialProcessFailed';

/** Profiles listed in a message at most; an organisation's config can hold hundreds. */
const MAX_LISTED = 10;

/**
 * A credentials ApiError, made specific when `profile` is missing from both files (code ProfileNotFound, the
 * message lists the profiles there are) or is an SSO profile (code SsoLoginNeeded, the message is the profile's
 * name). Any other error, or a profile that looks fine, is returned unchanged. Never throws.
 */
export async function explainCredentialsError(error: ApiError, profile: string | undefined): Promise<ApiError> {
  if (error.category !== 'credentials' || !profile) return error;
  const named = withProfile(error, profile);
  // The service answered: it refused credentials the profile gave (expired, revoked), so the profile is there.
  if (error.status !== undefined) return named;
  let files;
  try {
    files = await loadSharedConfigFiles({ ignoreCache: true });
  } catch {
    return named;
  }
  // A profile is the user's string: `constructor` is no profile, whatever Object's prototype holds.
  const config = ownValue(files.configFile, profile);
  if (config === undefined && ownValue(files.credentialsFile, profile) === undefined) {
    const known = [...new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)])].filter((name) => !name.includes('.')).sort();
    const listed = known.length === 0 ? 'there are none' : `there are ${known.slice(0, MAX_LISTED).join(', ')}${known.length > MAX_LISTED ? ', …' : ''}`;
    return new ApiError(
      error.operation,
      'credentials',
      `profile "${profile}" is in neither the AWS config nor the credentials file (${listed})`,
      undefined,
      error.attempts,
      PROFILE_NOT_FOUND,
    );
  }
  if (config && (config.sso_session !== undefined || config.sso_start_url !== undefined)) {
    return new ApiError(error.operation, 'credentials', profile, undefined, error.attempts, SSO_LOGIN_NEEDED);
  }
  // The SDK's chain says only "could not load credentials": the profile's own program failed or printed no
  // usable credentials. Its output is not repeated (it may hold secrets); the user runs it to see.
  if (config && config.credential_process !== undefined) {
    return new ApiError(error.operation, 'credentials', profile, undefined, error.attempts, CREDENTIAL_PROCESS_FAILED);
  }
  return named;
}

const withProfile = (error: ApiError, profile: string) =>
  new ApiError(error.operation, error.category, error.message, error.status, error.attempts, error.code, error.resourceId, profile);
