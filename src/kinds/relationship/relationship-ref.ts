import type { RelationshipRef } from '../../live/channel-api.js';
import { MalformedChangeError } from '../../apply/change-context.js';
import type { RelationshipChange } from './relationship-change.js';

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
