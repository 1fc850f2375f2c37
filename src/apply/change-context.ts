import type { RelationshipRef } from '../live/channel-api.js';
import { ApiError } from '../live/api-error.js';
import { describeApiError } from '../live/describe-api-error.js';
import { sanitizeForTerminal } from '../io/sanitize.js';
import { HANDSHAKE_QUOTAS } from '../model/service-period.js';
import type { PlannedChange } from '../plan/plan-types.js';
import type { RelationshipChange } from '../kinds/relationship/relationship-change.js';
import type { ApplyOutcome } from './outcome.js';

/** The message a change fails with when live state moved after the plan was made. */
export const STALE_MESSAGE = 'changed since the plan; plan again';

/** A change the plan describes badly (hand-edited or truncated file): it fails without any call. */
export class MalformedChangeError extends Error {}

/** Names the live relationship of a change: catalog and PMA come from the address (`<catalog>/<pma-id>/<account>`). */
export function refOf(change: RelationshipChange, identifier = change.id): RelationshipRef {
  const [catalog, pmaId] = change.address.split('/');
  if (!catalog || !pmaId || !identifier) throw new MalformedChangeError(`the plan gives no relationship id for ${change.action}`);
  return {
    catalog: change.desired?.catalog ?? catalog,
    programManagementAccountIdentifier: change.desired?.programManagementAccountIdentifier ?? pmaId,
    identifier,
  };
}

/**
 * The revision a change is checked against. Absent when the service returned none (every output member is
 * optional in the model; the plan warns) or a plan file lacks it: nothing can then be checked, so nothing is written.
 */
export function requireRevision(change: RelationshipChange): string {
  if (change.revision !== undefined) return change.revision;
  throw new Error(
    `no revision is known for it (the service returned none, or the plan file lacks it), so the ${change.action} cannot be checked against the plan; not changed`,
  );
}

export function requireDesired(change: RelationshipChange): NonNullable<RelationshipChange['desired']> {
  if (!change.desired) throw new MalformedChangeError(`the plan gives no desired fields for ${change.action}`);
  return change.desired;
}

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

export function failed(change: PlannedChange, error: unknown, extra: Partial<ApplyOutcome> = {}): ApplyOutcome {
  return {
    address: change.address,
    action: change.action as ApplyOutcome['action'],
    status: 'failed',
    ...(change.id ? { id: change.id } : {}),
    ...extra,
    error: typeof error === 'string' ? error : describeError(error),
  };
}
