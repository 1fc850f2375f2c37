import type { ServicePeriodTerms } from '../../model/service-period.js';
import { clientTokenOf as tokenOf } from '../../apply/idempotency-token.js';

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
