import { ApiError } from '../live/api-error.js';
import { describeApiError } from '../live/describe-api-error.js';
import { sanitizeForTerminal } from '../io/sanitize.js';
import { HANDSHAKE_QUOTAS } from '../model/service-period.js';
import type { ChangeBase } from '../plan/plan-types.js';
import type { OutcomeBase } from './outcome.js';

/** The message a change fails with when live state moved after the plan was made. */
export const STALE_MESSAGE = 'changed since the plan; plan again';

/** A change the plan describes badly (hand-edited or truncated file): it fails without any call. */
export class MalformedChangeError extends Error {}

/** One sentence for a failed change: what the service said (sanitised, shortened) and what to do about it. */
export function describeError(error: unknown): string {
  if (error instanceof MalformedChangeError) return `malformed plan: ${error.message}`;
  if (!(error instanceof ApiError)) return sanitizeForTerminal(error instanceof Error ? error.message : String(error));
  const tries = error.attempts > 1 ? ` after ${error.attempts} attempts` : '';
  const said = sanitizeForTerminal(error.message).slice(0, 300);
  switch (error.category) {
    case 'quota-exceeded':
      // The model marks ServiceQuotaExceeded retryable, so the SDK retries it: maxAttempts bounds that.
      return error.operation === 'CreateChannelHandshake'
        ? `service quota exceeded${tries} (${said}): at most ${HANDSHAKE_QUOTAS.perAccountPerDay} service-period requests of one type a day go to one account, and ${HANDSHAKE_QUOTAS.activePerType} of each type may be pending`
        : `service quota exceeded${tries} (${said}): a program management account holds at most 1,000 relationships`;
    case 'conflict':
      return `${error.operation} answered 409${tries} (${said})`;
    case 'not-found':
      if (error.operation !== 'CreateRelationship') return `${error.operation}: the relationship no longer exists (${said}): ${STALE_MESSAGE}`;
      return describeApiError(error);
    default:
      return describeApiError(error);
  }
}

export function isApiError(error: unknown, category: ApiError['category']): error is ApiError {
  return error instanceof ApiError && error.category === category;
}

/** The failed outcome of a change: its kind, address, action and id, `extra`, and the error as a sentence. */
export function failed<K extends string, X extends object = object>(change: ChangeBase<K>, error: unknown, extra?: X): OutcomeBase<K> & X {
  return {
    kind: change.kind,
    address: change.address,
    action: change.action as OutcomeBase['action'],
    status: 'failed',
    ...(change.id ? { id: change.id } : {}),
    ...(extra as X),
    error: typeof error === 'string' ? error : describeError(error),
  };
}
