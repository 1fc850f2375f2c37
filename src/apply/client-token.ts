import { createHash } from 'node:crypto';
import type { RelationshipSpec } from '../model/relationship.js';
import type { ServicePeriodTerms } from '../model/service-period.js';
import { canonicalJson } from '../model/ownership-tags.js';

/** ClientToken is 1-64 printable ASCII (`^[!-~]*$`): a short prefix plus hex digits always fits. */
const MAX_TOKEN_LENGTH = 64;

function tokenOf(prefix: string, value: unknown): string {
  const digest = createHash('sha256').update(canonicalJson(value)).digest('hex');
  return `${prefix}${digest}`.slice(0, MAX_TOKEN_LENGTH);
}

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

/**
 * The idempotency token of a service-period request: one relationship, one set of terms, after one earlier
 * handshake (the latest seen at plan time, or none), is requested at most once, across retries and reruns.
 */
export function servicePeriodClientToken(address: string, relationshipId: string, terms: ServicePeriodTerms, after: string | undefined): string {
  return tokenOf('pcc-sp-', { address, relationshipId, terms, after: after ?? null });
}

/**
 * The idempotency token of a revoke: one accepted period of one relationship is revoked at most once, and sent
 * again (`--revoke --resend`) at most once after each rejected or expired revoke (`after`).
 */
export function revokeClientToken(address: string, relationshipId: string, acceptedHandshakeId: string, after?: string): string {
  return tokenOf(
    'pcc-spr-',
    after === undefined ? { address, relationshipId, revokes: acceptedHandshakeId } : { address, relationshipId, revokes: acceptedHandshakeId, after },
  );
}
