import { isManaged, liveAddressOf, managedTagOf, type LiveRelationshipState } from '../../live/live-state.js';
import { DELETE_NOT_IN_FILES } from '../../plan/change-reasons.js';
import { NO_REVISION_WARNING, sortedRecord } from './diff-fields.js';
import type { PruneCandidate, UnmanagedRelationship } from '../../plan/plan-types.js';
import type { RelationshipChange } from './relationship-change.js';

/**
 * Live relationships no file entry refers to. Managed ones (`pcc:managed=true`) are deleted with --prune and listed
 * as prune candidates without it; the rest (any other value of `pcc:managed` too) are unmanaged: reported, never
 * touched. All lists sorted by address, id.
 */
export function planUnmatched(
  unmatched: readonly LiveRelationshipState[],
  prune: boolean,
): { deletes: RelationshipChange[]; unmanaged: UnmanagedRelationship[]; pruneCandidates: PruneCandidate[] } {
  const deletes: RelationshipChange[] = [];
  const unmanaged: UnmanagedRelationship[] = [];
  const pruneCandidates: PruneCandidate[] = [];
  const sorted = [...unmatched].sort((a, b) => {
    const ka = `${liveAddressOf(a)}\u0000${a.id}`;
    const kb = `${liveAddressOf(b)}\u0000${b.id}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  for (const live of sorted) {
    const address = liveAddressOf(live);
    if (!isManaged(live)) {
      const managedTag = managedTagOf(live);
      unmanaged.push({ address, id: live.id, displayName: live.displayName, ...(managedTag === undefined ? {} : { managedTag }) });
    } else if (!prune) {
      pruneCandidates.push({ address, id: live.id, displayName: live.displayName });
    } else {
      deletes.push({
        kind: 'relationship',
        address,
        action: 'delete',
        id: live.id,
        arn: live.arn,
        revision: live.revision,
        reason: DELETE_NOT_IN_FILES,
        reasonCode: 'delete-not-in-files',
        // What goes away, for the reviewer: the fields a person recognises the relationship by.
        fields: [
          { name: 'displayName', before: live.displayName },
          { name: 'associationType', before: live.associationType },
          { name: 'sector', before: live.sector },
        ],
        liveTags: sortedRecord(live.tags),
        ...(live.revision === undefined ? { warnings: [NO_REVISION_WARNING] } : {}),
      });
    }
  }
  return { deletes, unmanaged, pruneCandidates };
}
