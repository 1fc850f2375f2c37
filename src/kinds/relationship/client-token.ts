import type { RelationshipSpec } from '../../model/relationship.js';
import { clientTokenOf as tokenOf } from '../../apply/idempotency-token.js';

/**
 * The idempotency token of a create: the same address and desired fields always give the same token, so an
 * SDK retry after a lost response, or re-applying a saved plan after a crash, is answered with the relationship
 * the first attempt made instead of a second one. `after` names a relationship this address had before (the
 * one a replace deletes, or one a replayed token pointed at), so a new generation gets a new token while
 * staying deterministic.
 */
export function createClientToken(address: string, desired: RelationshipSpec, after?: string): string {
  return tokenOf('pcc-', after === undefined ? { address, desired } : { address, desired, after });
}

/** The idempotency token of a delete: one relationship at one revision is deleted at most once. */
export function deleteClientToken(address: string, id: string, revision: string | undefined): string {
  return tokenOf('pcc-del-', { address, id, revision: revision ?? null });
}
