import type { ChannelApi, RelationshipRef, UpdateRelationshipRequest } from '../live/channel-api.js';
import { liveAddressOf } from '../live/live-state.js';
import { MANAGED_TAG, MANAGED_TAG_VALUE } from '../model/ownership-tags.js';
import type { PlannedChange } from '../plan/plan-types.js';
import { isApiError, MalformedChangeError, refOf, requireDesired, STALE_MESSAGE } from './change-context.js';
import { tagWritesForUpdate, USER_TAG_FIELD } from './tag-changes.js';

export interface Updated {
  /** The update's 409 came after an SDK retry and a re-read showed the first attempt had landed. */
  confirmedAfterRetry?: boolean;
}

/** A change that failed because live state moved after the plan: never overwritten. */
export class StaleChangeError extends Error {
  constructor(detail?: string) {
    super(detail ? `${STALE_MESSAGE} (${detail})` : STALE_MESSAGE);
  }
}

/**
 * Update or adopt one relationship. It is first read to make sure it is the one at the change's address. Tags carry no revision, so the user tags the plan changes are re-read first
 * and must still hold what the plan saw. Adopt then writes `pcc:managed`, claiming ownership before anything
 * else changes. UpdateRelationship (only when displayName or the support plan changed) carries the plan's
 * revision; tags follow it, so the support-plan fingerprint is written only once the plan it describes was
 * accepted. Removals go before additions so a resource near the 50-tag limit never goes over it in between.
 */
export async function updateRelationship(api: ChannelApi, change: PlannedChange): Promise<Updated> {
  const desired = requireDesired(change);
  const ref = refOf(change);
  const arn = await verifiedArn(api, ref, change);
  await checkTagsUnchanged(api, arn, change);
  if (change.action === 'adopt') await api.tagResource(arn, { [MANAGED_TAG]: MANAGED_TAG_VALUE });

  const changed = new Set(change.fields.map((f) => f.name));
  const request: UpdateRelationshipRequest = { ...ref };
  if (changed.has('displayName')) request.displayName = desired.displayName;
  if (changed.has('requestedSupportPlan') && desired.requestedSupportPlan) request.requestedSupportPlan = desired.requestedSupportPlan;
  let result: Updated = {};
  if (request.displayName !== undefined || request.requestedSupportPlan !== undefined) {
    if (change.revision === undefined) throw new MalformedChangeError('the plan gives no revision for the update');
    request.revision = change.revision;
    result = await sendUpdate(api, ref, request, change.revision);
  }

  const { set, remove } = tagWritesForUpdate(change, request.requestedSupportPlan !== undefined);
  if (remove.length > 0) await api.untagResource(arn, remove);
  if (Object.keys(set).length > 0) await api.tagResource(arn, set);
  return result;
}

/**
 * The relationship the change names must be the one at its address: a saved plan's id is never trusted to
 * point where the address says (a corrupted or edited id would otherwise change another relationship).
 */
async function verifiedArn(api: ChannelApi, ref: RelationshipRef, change: PlannedChange): Promise<string> {
  const live = await api.getRelationship(ref);
  const address = liveAddressOf(live);
  if (address !== change.address) {
    throw new MalformedChangeError(`${change.id ?? ref.identifier} is the relationship at ${address}, not at ${change.address}`);
  }
  return live.arn;
}

/**
 * Every user tag the plan changes must still have the value the plan saw (`before`), or already the planned
 * one (`after`: a re-run); anything else is someone else's change, which apply must not overwrite.
 */
async function checkTagsUnchanged(api: ChannelApi, arn: string, change: PlannedChange): Promise<void> {
  const tagFields = change.fields.filter((f) => f.name.startsWith(USER_TAG_FIELD));
  if (tagFields.length === 0) return;
  const live = await api.listTags(arn);
  for (const field of tagFields) {
    const value = live[field.name.slice(USER_TAG_FIELD.length)];
    if (value !== field.before && value !== field.after) {
      throw new StaleChangeError(`tag ${field.name.slice(USER_TAG_FIELD.length)} changed`);
    }
  }
}

async function sendUpdate(
  api: ChannelApi,
  ref: RelationshipRef,
  request: UpdateRelationshipRequest,
  planRevision: string,
): Promise<Updated> {
  try {
    await api.updateRelationship(request);
    return {};
  } catch (error) {
    if (!isApiError(error, 'conflict')) throw error;
    // A 409 on the first attempt is a stale revision. After a retry it may be our own first attempt, which
    // landed but whose answer was lost: UpdateRelationship is not idempotent, so look before judging.
    if (error.attempts <= 1) throw new StaleChangeError(`revision ${planRevision} is no longer current`);
    if (await landedEarlier(api, ref, request, planRevision)) return { confirmedAfterRetry: true };
    throw new StaleChangeError('the service reports a conflict and live state does not match the plan');
  }
}

/**
 * Live matches what was sent: the displayName is the one asked for, and, when a support plan was sent (no
 * read returns it), the revision moved by exactly one, i.e. our write and nobody else's.
 */
async function landedEarlier(
  api: ChannelApi,
  ref: RelationshipRef,
  request: UpdateRelationshipRequest,
  planRevision: string,
): Promise<boolean> {
  const live = await api.getRelationship(ref);
  const nameMatches = request.displayName === undefined || live.displayName === request.displayName;
  const movedByOne = /^\d+$/.test(planRevision) && live.revision === String(BigInt(planRevision) + 1n);
  return nameMatches && (request.requestedSupportPlan === undefined || movedByOne);
}
