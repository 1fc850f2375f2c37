/**
 * Every failure of a ChannelApi call, as one error type the rest of pcc can reason about without the SDK.
 */
import { ownValue } from '../model/string-keyed.js';
export type ApiErrorCategory =
  'validation' | 'access-denied' | 'not-found' | 'conflict' | 'quota-exceeded' | 'throttling' | 'internal' | 'credentials' | 'network' | 'unknown';

const CATEGORY_BY_NAME: Readonly<Record<string, ApiErrorCategory>> = {
  ValidationException: 'validation',
  AccessDeniedException: 'access-denied',
  ResourceNotFoundException: 'not-found',
  ConflictException: 'conflict',
  ServiceQuotaExceededException: 'quota-exceeded',
  ThrottlingException: 'throttling',
  InternalServerException: 'internal',
  CredentialsProviderError: 'credentials',
  // The service refused the credentials it was sent (expired session, revoked or unknown key, bad signature).
  ExpiredTokenException: 'credentials',
  ExpiredToken: 'credentials',
  RequestExpired: 'credentials',
  UnrecognizedClientException: 'credentials',
  InvalidClientTokenId: 'credentials',
  InvalidSignatureException: 'credentials',
  SignatureDoesNotMatch: 'credentials',
  IncompleteSignatureException: 'credentials',
  TimeoutError: 'network',
  RequestTimeout: 'network',
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly operation: string,
    readonly category: ApiErrorCategory,
    message: string,
    /** HTTP status, when the service answered. */
    readonly status: number | undefined,
    /** How many attempts the SDK made (more than 1 means it retried). */
    readonly attempts: number,
    /** The service's error name, e.g. `ConflictException`. */
    readonly code: string,
    /** The resource a ConflictException names (`resourceId`, required in the model), when the answer has it. */
    readonly resourceId?: string,
    /** For credential errors: the profile the credentials came from (`--profile` or AWS_PROFILE), if any. */
    readonly profile?: string,
  ) {
    super(message);
  }
}

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  resourceId?: unknown;
}

/** Turns whatever the SDK threw into an ApiError. The message is the server's: sanitise before printing. */
export function toApiError(operation: string, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const e = (error ?? {}) as SdkLikeError;
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const category =
    ownValue(CATEGORY_BY_NAME, name) ??
    (e.code && NETWORK_CODES.has(e.code) ? 'network' : undefined) ??
    // An endpoint (from AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL or a profile's endpoint_url) that is no URL.
    (e.code === 'ERR_INVALID_URL' ? 'network' : undefined) ??
    (status === 429 ? 'throttling' : status !== undefined && status >= 500 ? 'internal' : 'unknown');
  const resourceId = typeof e.resourceId === 'string' ? e.resourceId : undefined;
  // A proxy (HTTPS_PROXY, HTTP_PROXY) that wants credentials answers 407 itself: the service was never reached.
  if (status === 407) {
    const message = 'the proxy answered 407 Proxy Authentication Required: give its user and password in the proxy variable (http://user:password@proxy:port)';
    return new ApiError(operation, 'network', message, status, e.$metadata?.attempts ?? 1, name);
  }
  return new ApiError(operation, category, e.message || name, status, e.$metadata?.attempts ?? 1, name, resourceId);
}
