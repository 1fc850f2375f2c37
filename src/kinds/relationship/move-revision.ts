import type { ChannelApi, LiveRelationship, RelationshipRef, UpdateRelationshipRequest } from '../../live/channel-api.js';
import { fieldRow, UPDATE_FIELDS, type UpdateField } from '../../model/relationship-fields.js';
import { isApiError } from '../../apply/change-context.js';

/** A 409 on moveRevision's update means someone moved the revision between its read and its write: try again. */
const MOVE_ATTEMPTS = 3;

/**
 * Moves the revision around pcc's tag writes on a relationship: an UpdateRelationship that changes nothing (the
 * displayName just read, carrying the revision just read, so it never overwrites anyone's change). Tag writes move
 * neither revision nor updatedAt, and those two are all a list shows, so they are what every refresh cache (this
 * runner's or any other's) keys cached tags on. Every path that writes a relationship's tags (update and adopt:
 * apply-update.ts; release: apply-release.ts) calls this after its last tag write, so that no cache anywhere reuses
 * tags read before those writes; a path with no revision-moving write of its own before its first tag write calls
 * it before too (`before`), so that even a run that dies between the tag write and the move after leaves the tags
 * read before it void.
 */
export async function moveRevision(api: ChannelApi, ref: RelationshipRef, when: 'before' | 'after' = 'after'): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const live = await api.getRelationship(ref);
      if (live.revision === undefined) throw new Error('GetRelationship returned no revision');
      await api.updateRelationship({ ...ref, revision: live.revision, ...unchangedFields(live) });
      return;
    } catch (error) {
      if (isApiError(error, 'conflict') && attempt < MOVE_ATTEMPTS) continue;
      const said = error instanceof Error ? error.message : String(error);
      if (when === 'before') throw new Error(`moving the revision before writing the tags failed (${said}); nothing was written: apply again`);
      throw new Error(
        `the tags were written, but moving the revision after them failed (${said}); refresh caches of other runners may still show the old tags until the relationship changes: plan with --refresh full there`,
      );
    }
  }
}

/** The readable fields UpdateRelationship carries, as they are live: an update that changes nothing but the revision. */
export function unchangedFields(live: LiveRelationship): Partial<Pick<UpdateRelationshipRequest, UpdateField>> {
  const values = live as Partial<Record<UpdateField, unknown>>;
  return Object.fromEntries(UPDATE_FIELDS.filter((name) => fieldRow(name).role !== 'writeOnly' && values[name] !== undefined).map((name) => [name, values[name]]));
}
