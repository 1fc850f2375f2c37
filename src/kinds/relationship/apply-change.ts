import { randomUUID } from 'node:crypto';
import type { ChannelApi } from '../../live/channel-api.js';
import { APPLY_RUN_TAG } from '../../model/ownership-tags.js';
import type { RelationshipChange } from './relationship-change.js';
import { createRelationship, CreateOutcomeUnknownError, type Created } from './apply-create.js';
import { deleteRelationship } from './apply-delete.js';
import { releaseRelationship } from './apply-release.js';
import { updateRelationship } from './apply-update.js';
import { describeError, failed } from '../../apply/change-context.js';
import { requireDesired } from './relationship-ref.js';
import type { RelationshipOutcome } from './relationship-outcome.js';
import { READ_LAG_DELAYS_MS } from '../../apply/read-lag.js';

/**
 * Apply one planned change and say what happened. Never throws: every failure becomes a failed outcome, so
 * one failure never stops the others.
 */
export async function applyChange(
  api: ChannelApi,
  change: RelationshipChange,
  lag: readonly number[] = READ_LAG_DELAYS_MS,
  runId: string = randomUUID(),
  read: { tagsReadNow?: boolean } = {},
): Promise<RelationshipOutcome> {
  const base = { kind: change.kind, address: change.address, action: change.action as RelationshipOutcome['action'] };
  try {
    switch (change.action) {
      case 'create': {
        const created = await createRelationship(api, change.address, requireDesired(change), undefined, lag, runId);
        // Only a create this apply made is reported created: one another apply made first is found, not created.
        if (created.by !== 'mine') return { ...base, ...notMadeHere(created) };
        return { ...base, status: 'succeeded', id: created.id, ...noteOf(created) };
      }
      case 'update':
      case 'adopt': {
        const updated = await updateRelationship(api, change, read);
        return { ...base, status: 'succeeded', id: change.id, ...(updated.confirmedAfterRetry ? { note: CONFIRMED_NOTE } : {}) };
      }
      case 'delete': {
        const deleted = await deleteRelationship(api, change);
        if (deleted.alreadyGone) return { ...base, status: 'skipped', id: change.id, note: 'already deleted' };
        return { ...base, status: 'succeeded', id: change.id };
      }
      case 'replace':
        return await replaceRelationship(api, change, lag, runId);
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

function outcomeUnknown(change: RelationshipChange, error: CreateOutcomeUnknownError): RelationshipOutcome {
  return {
    ...failed(change, error.cause),
    status: 'unknown',
    id: error.id,
    error: `outcome unknown: CreateRelationship answered with ${error.id}, but reading it back failed: ${describeError(error.cause)}; run pcc plan to see whether it landed (apply again is safe: the same clientToken never makes a second)`,
  };
}

/**
 * The outcome of a create answered with a relationship this apply did not make: skipped (this apply changed
 * nothing), and counted apart as created by another apply when another run's tag proves it.
 */
function notMadeHere(created: Created): Pick<RelationshipOutcome, 'status' | 'id' | 'note' | 'createdByAnother'> {
  if (created.by === 'another') return { status: 'skipped', id: created.id, createdByAnother: true, note: CREATED_BY_ANOTHER_NOTE };
  return { status: 'skipped', id: created.id, note: NO_RUN_TAG_NOTE };
}

const CREATED_BY_ANOTHER_NOTE = `already created by another apply (a concurrent or earlier run): the service answered this apply's create with it, and its ${APPLY_RUN_TAG} tag names that run`;
const NO_RUN_TAG_NOTE = `already there: the service answered this apply's create with it, and it carries no ${APPLY_RUN_TAG} tag of this apply, so this apply does not report it created`;

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
async function replaceRelationship(api: ChannelApi, change: RelationshipChange, lag: readonly number[], runId: string): Promise<RelationshipOutcome> {
  const desired = requireDesired(change);
  const oldId = change.id;
  await deleteRelationship(api, change);
  try {
    const created = await createRelationship(api, change.address, desired, oldId, lag, runId);
    // The old one is gone, but the new one is another apply's: this apply replaced nothing it can show.
    if (created.by !== 'mine') return { kind: change.kind, address: change.address, action: 'replace', ...(oldId ? { replacedId: oldId } : {}), ...notMadeHere(created) };
    return {
      kind: change.kind,
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
