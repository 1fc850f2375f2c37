import type { ChannelApi, LiveRelationship, RelationshipRef, UpdateRelationshipRequest } from '../../live/channel-api.js';
import { liveAddressOf } from '../../live/live-state.js';
import { CACHED_DETAIL_FIELDS, fieldRow, type CachedDetailField, UPDATE_FIELDS, type UpdateField } from '../../model/relationship-fields.js';
import type { RelationshipChange } from './relationship-change.js';
import { isApiError, MalformedChangeError, STALE_MESSAGE } from '../../apply/change-context.js';
import { refOf, requireDesired, requireRevision } from './relationship-ref.js';
import { tagWritesForUpdate } from './tag-changes.js';
import { ownValue, sameData } from '../../model/string-keyed.js';
import { moveRevision, unchangedFields } from './move-revision.js';

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
 * Update or adopt one relationship, in an order that leaves no trace of a refused change and records only
 * what landed:
 * 1. read it: it must be the one at the change's address, still at the plan's revision, with the cached detail
 *    fields the plan assumed (checkCachedDetails), and its tags must be exactly those the plan saw (tags carry no
 *    revision, and the plan may have them from the refresh cache: verifyTags; skipped when the plan read them now,
 *    `read.tagsReadNow`) — all before any write;
 * 2. UpdateRelationship, carrying the plan's revision: with the changed displayName or support plan, or, when
 *    only tags change, the live displayName unchanged (it moves the revision: see 4);
 * 3. tags: removals first, then additions in one call — user tags, the support-plan fingerprint (only when
 *    the plan it describes was accepted) and, for an adopt, `pcc:managed` last of all, so ownership is
 *    claimed only once everything else landed. Removals first keep a relationship at 50 tags within the cap;
 * 4. after tags were written, the revision is moved again (move-revision.ts moveRevision).
 * Why the revision moves around tag writes: tag writes move neither revision nor updatedAt, and those two are
 * all a list shows that pcc can change, so they are what every refresh cache (this runner's or any other's)
 * keys cached tags on. Moving the revision after the last tag write voids the tags any cache read before it;
 * moving it before the first (step 2) voids them even when step 4 never happens (a crash, a failure). Tag
 * writes come after the revision-checked update, so a service whose tag writes bump the revision (undocumented
 * either way) cannot make our own update stale.
 */
export async function updateRelationship(api: ChannelApi, change: RelationshipChange, read: { tagsReadNow?: boolean } = {}): Promise<Updated> {
  const desired = requireDesired(change);
  const ref = refOf(change);
  const revision = requireRevision(change);
  const live = await checkedLive(api, ref, change, revision);
  checkCachedDetails(live, change);
  // Tags this run's plan read now (not from the refresh cache) were planned on as a full refresh plans on them.
  if (!read.tagsReadNow) await verifyTags(api, live.arn, change);

  const changed = new Set(change.fields.map((f) => f.name));
  const request: UpdateRelationshipRequest = { ...ref };
  const fields = request as Record<UpdateField, unknown>;
  // Every field the table says UpdateRelationship carries, when the plan changes it.
  for (const name of UPDATE_FIELDS) if (changed.has(name) && desired[name] !== undefined) fields[name] = desired[name];
  const { set, remove } = tagWritesForUpdate(change, request.requestedSupportPlan !== undefined);
  const writesTags = remove.length > 0 || Object.keys(set).length > 0;
  let result: Updated = {};
  if (sentFields(request).length > 0 || writesTags) {
    if (sentFields(request).length === 0) Object.assign(request, unchangedFields(live));
    request.revision = revision;
    result = await sendUpdate(api, ref, request, revision);
  }

  if (remove.length > 0) await api.untagResource(live.arn, remove);
  if (Object.keys(set).length > 0) await api.tagResource(live.arn, set);
  if (writesTags) await moveRevision(api, ref);
  return result;
}

/**
 * The relationship the change names must be the one at its address (a saved plan's id is never trusted to
 * point where the address says), and still at the revision the plan saw: anything else is someone else's
 * change, found before pcc writes anything.
 */
async function checkedLive(api: ChannelApi, ref: RelationshipRef, change: RelationshipChange, planRevision: string): Promise<LiveRelationship> {
  const live = await api.getRelationship(ref);
  const address = liveAddressOf(live);
  if (address !== change.address) {
    throw new MalformedChangeError(`${change.id ?? ref.identifier} is the relationship at ${address}, not at ${change.address}`);
  }
  if (live.revision === undefined) throw new Error('GetRelationship returned no revision, so the change cannot be checked against the plan; not changed');
  if (live.revision !== planRevision) throw new StaleChangeError(`revision ${planRevision} in the plan, ${live.revision} now`);
  return live;
}

/**
 * The detail fields a plan may take from the refresh cache (CACHED_DETAIL_FIELDS: they force a replace) must read
 * back as the plan took them: an update planned where the files declare one keeps it (else it would be a replace),
 * so live must hold the files' value. A wrong cache (hand-edited, foreign) is caught here, by the read made anyway.
 */
function checkCachedDetails(live: LiveRelationship, change: RelationshipChange): void {
  const desired = requireDesired(change) as Partial<Record<CachedDetailField, unknown>>;
  const values = live as Partial<Record<CachedDetailField, unknown>>;
  const changed = new Set<string>(change.fields.map((f) => f.name));
  for (const name of CACHED_DETAIL_FIELDS) {
    if (changed.has(name) || desired[name] === undefined || values[name] === undefined || sameData(desired[name], values[name])) continue;
    throw new StaleChangeError(`${name} is ${JSON.stringify(values[name])} now, not ${JSON.stringify(desired[name])} as planned`);
  }
}

/**
 * The relationship's tags, read now, must be exactly those the plan saw (`liveTags`: user and `pcc:` tags alike), or
 * the change fails as stale before anything is written. The plan may have taken them from the refresh cache, and
 * tag edits move no revision, so only this read proves that what the plan decided on them (ownership from
 * `pcc:managed`, the support plan's fingerprint in `pcc:support-plan`, which user tags to write or remove) still
 * holds. Update and adopt make it; delete (so a replace's first half too) and release decide on tags they read
 * themselves just before writing (`pcc:managed`; the `pcc:` keys there now: apply-delete.ts, apply-release.ts).
 */
async function verifyTags(api: ChannelApi, arn: string, change: RelationshipChange): Promise<void> {
  const live = await api.listTags(arn);
  const seen = change.liveTags ?? {};
  const keys = [...new Set([...Object.keys(seen), ...Object.keys(live)])].filter((key) => ownValue(seen, key) !== ownValue(live, key)).sort();
  if (keys.length === 0) return;
  const named = keys.length > 3 ? `${keys.slice(0, 3).join(', ')} and ${keys.length - 3} more` : keys.join(', ');
  throw new StaleChangeError(`tags changed: ${named}`);
}

async function sendUpdate(api: ChannelApi, ref: RelationshipRef, request: UpdateRelationshipRequest, planRevision: string): Promise<Updated> {
  try {
    await api.updateRelationship(request);
    return {};
  } catch (error) {
    if (!isApiError(error, 'conflict')) throw error;
    // A 409 on the first attempt is a stale revision. After a retry it may be our own first attempt, which
    // landed but whose answer was lost, or someone else's write between the attempts: UpdateRelationship is
    // not idempotent, so only what can be read back can prove it. The support plan is write-only: a request
    // carrying one is never proven, so it is stale and its fingerprint is not written.
    if (error.attempts <= 1) throw new StaleChangeError(`revision ${planRevision} is no longer current`);
    const writeOnly = sentFields(request).filter((name) => fieldRow(name).role === 'writeOnly');
    if (writeOnly.length > 0) {
      throw new StaleChangeError(`the SDK retried and met a conflict; whether ${writeOnly.join(', ')} landed cannot be read back`);
    }
    if (await requestLanded(api, ref, request)) return { confirmedAfterRetry: true };
    throw new StaleChangeError('the service reports a conflict and live state does not match the plan');
  }
}

/** The fields this request carries (table order). */
function sentFields(request: UpdateRelationshipRequest): UpdateField[] {
  return UPDATE_FIELDS.filter((name) => request[name] !== undefined);
}

/** Every (readable) field this request carries reads back as asked: live state already matches. */
async function requestLanded(api: ChannelApi, ref: RelationshipRef, request: UpdateRelationshipRequest): Promise<boolean> {
  const live = (await api.getRelationship(ref)) as Partial<Record<UpdateField, unknown>>;
  const sent = sentFields(request);
  return sent.length > 0 && sent.every((name) => sameData(live[name], request[name]));
}
