import { sanitizeForTerminal } from '../io/sanitize.js';
import type { ApiError } from './api-error.js';
import { CREDENTIAL_PROCESS_FAILED, PROFILE_NOT_FOUND, SSO_LOGIN_NEEDED } from './explain-credentials.js';

/** Server messages are untrusted and sometimes long: one line, at most this many characters. */
const MAX_MESSAGE = 300;

function serverText(error: ApiError): string {
  const text = sanitizeForTerminal(error.message).trim();
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/** The error name: the SDK takes it from the answer, so it is untrusted too. */
const MAX_CODE = 80;
function codeOf(error: ApiError): string {
  const code = sanitizeForTerminal(error.code).trim();
  return code.length > MAX_CODE ? `${code.slice(0, MAX_CODE - 1)}…` : code;
}

const status = (error: ApiError) => (error.status === undefined ? codeOf(error) : `${error.status} ${codeOf(error)}`);
const tries = (error: ApiError) => (error.attempts > 1 ? ` after ${error.attempts} attempts` : '');

/** Credentials the service refused (it answered), or that the SDK could not load, naming the profile used. */
function describeCredentials(error: ApiError, said: string): string {
  const profile = error.profile === undefined ? undefined : sanitizeForTerminal(error.profile);
  const from = profile ? ` of profile "${profile}"` : '';
  if (error.status !== undefined) {
    const renew = profile ? `renew them (an SSO profile: aws sso login --profile ${profile}; a role: a new session)` : 'renew them';
    return `${sanitizeForTerminal(error.operation)}: the service refused the credentials${from} (${status(error)}: ${said}): they have expired or are not valid; ${renew} and run again`;
  }
  if (profile)
    return `no AWS credentials could be loaded from profile "${profile}" (${said}): check its settings (aws configure list --profile ${profile}) or renew its session`;
  return `no AWS credentials found (${said}): set AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`;
}

/**
 * One line for a failed API call: what failed, the server's (sanitised) words, and what to do about it.
 * No stack trace: these are the user's problems to fix (credentials, permissions, names), not pcc's.
 */
export function describeApiError(error: ApiError): string {
  const op = sanitizeForTerminal(error.operation);
  const said = serverText(error);
  switch (error.category) {
    case 'credentials':
      if (error.code === PROFILE_NOT_FOUND) return `no AWS credentials: ${said}: check the name in --profile or AWS_PROFILE (aws configure list-profiles)`;
      if (error.code === CREDENTIAL_PROCESS_FAILED)
        return `no AWS credentials: the credential_process of profile "${said}" failed or printed no usable credentials (JSON with Version 1, AccessKeyId and SecretAccessKey): run that command yourself to see why`;
      if (error.code === SSO_LOGIN_NEEDED)
        return `no AWS credentials: the SSO session of profile "${said}" has expired or was never started: run aws sso login --profile ${said}`;
      return describeCredentials(error, said);
    case 'access-denied':
      return `${op} was denied (${status(error)}: ${said}): allow partnercentral:${op} for these credentials, or use --profile to pick others`;
    case 'not-found':
      return `${op} found nothing (${status(error)}: ${said}): check the catalog and programManagementAccountIdentifier in the files name a PMA of this account`;
    case 'throttling':
      return `${op} was still throttled${tries(error)} (${status(error)}: ${said}): lower --read-rate/--write-rate or --parallelism, or try again later`;
    case 'network':
      return `cannot reach the Partner Central Channel API for ${op} (${said}): check --endpoint-url, AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL or the profile's endpoint_url (an http:// or https:// URL), the network and HTTPS_PROXY/HTTP_PROXY/NO_PROXY`;
    case 'internal':
      return `${op} failed on the server${tries(error)} (${status(error)}: ${said}): try again later`;
    case 'validation':
      return `${op} was rejected as invalid (${status(error)}: ${said}): this is probably a pcc bug; please report it`;
    default:
      return `${op} failed${tries(error)} (${status(error)}: ${said})`;
  }
}
