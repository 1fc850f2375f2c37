import type { ChannelApi } from '../live/channel-api.js';
import type { PlannedChange } from '../plan/plan-types.js';
import { createRelationship, CreateOutcomeUnknownError, type Created } from './apply-create.js';
import { deleteRelationship } from './apply-delete.js';
import { releaseRelationship } from './apply-release.js';
import { updateRelationship } from './apply-update.js';
import { describeError, failed, requireDesired } from './change-context.js';
import type { ApplyOutcome } from './outcome.js';
import { READ_LAG_DELAYS_MS } from './read-lag.js';

/**
 * Apply one planned change and say what happened. Never throws: every failure becomes a failed outcome, so
 * one failure never stops the others.
 */
export async function applyChange(api: ChannelApi, change: PlannedChange, lag: readonly number[] = READ_LAG_DELAYS_MS): Promise<ApplyOutcome> {
  const base = { address: change.address, action: change.action as ApplyOutcome['action'] };
  try {
    switch (change.action) {
      case 'create': {
        const created = await createRelationship(api, change.address, requireDesired(change), undefined, lag);
        return { ...base, status: 'succeeded', id: created.id, ...noteOf(created) };
      }
      case 'update':
      case 'adopt': {
        const updated = await updateRelationship(api, change);
        return { ...base, status: 'succeeded', id: change.id, ...(updated.confirmedAfterRetry ? { note: CONFIRMED_NOTE } : {}) };
      }
      case 'delete': {
        const deleted = await deleteRelationship(api, change);
        if (deleted.alreadyGone) return { ...base, status: 'skipped', id: change.id, note: 'already deleted' };
        return { ...base, status: 'succeeded', id: change.id };
      }
      case 'replace':
        return await replaceRelationship(api, change, lag);
      case 'release': {
        const released = await releaseRelationship(api, change, lag);
        if ('alreadyGone' in released) return { ...base, status: 'skipped', id: change.id, note: 'no longer exists: nothing to release' };
        if ('alreadyReleased' in released) return { ...base, status: 'skipped', id: change.id, note: 'carries no pcc: tags any more: already released' };
        return { ...base, status: 'succeeded', id: change.id, note: `removed ${released.removed.join(', ')}; the relationship is no longer managed by pcc` };
      }
      case 'no-op':
        return { ...base, status: 'skipped', id: change.id };
    }
  } catch (error) {
    if (error instanceof CreateOutcomeUnknownError) return outcomeUnknown(change, error);
    return failed(change, error);
  }
}

function outcomeUnknown(change: PlannedChange, error: CreateOutcomeUnknownError): ApplyOutcome {
  return {
    ...failed(change, error.cause),
    status: 'unknown',
    id: error.id,
    error: `outcome unknown: CreateRelationship answered with ${error.id}, but reading it back failed: ${describeError(error.cause)}; run pcc plan to see whether it landed (apply again is safe: the same clientToken never makes a second)`,
  };
}

const FOUND_NOTE = 'the create answered 409; the relationship there matches and is managed by pcc';
const CONFIRMED_NOTE = 'confirmed by a re-read after the SDK retried';
const NOT_VISIBLE_NOTE = 'not yet shown by reads; the service names it as the relationship at the address';

function noteOf(created: Created): { note?: string } {
  if (created.foundAfterConflict) return { note: FOUND_NOTE };
  if (created.notYetVisible) return { note: NOT_VISIBLE_NOTE };
  if (created.replayedId) return { note: `its first clientToken named ${created.replayedId}, deleted since; created anew` };
  return {};
}

/** Delete, then create: the relationship gets a new id. A failed create leaves the address empty until re-run. */
async function replaceRelationship(api: ChannelApi, change: PlannedChange, lag: readonly number[]): Promise<ApplyOutcome> {
  const desired = requireDesired(change);
  const oldId = change.id;
  await deleteRelationship(api, change);
  try {
    const created = await createRelationship(api, change.address, desired, oldId, lag);
    return {
      address: change.address,
      action: 'replace',
      status: 'succeeded',
      id: created.id,
      ...(oldId ? { replacedId: oldId } : {}),
      ...noteOf(created),
    };
  } catch (error) {
    if (error instanceof CreateOutcomeUnknownError) return { ...outcomeUnknown(change, error), ...(oldId ? { replacedId: oldId } : {}) };
    const { id: _deleted, ...outcome } = failed(change, error, oldId ? { replacedId: oldId } : {});
    const what = oldId ?? 'the old relationship';
    return { ...outcome, error: `deleted ${what} but the create failed: ${outcome.error}; run apply again to create it` };
  }
}
