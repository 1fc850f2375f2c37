/**
 * What the PROGRAM_MANAGEMENT_ACCOUNT handshakes of a PMA say: the latest one, how many were sent, and the token a
 * next one is sent with. PURE.
 */
import { clientTokenOf } from '../../apply/idempotency-token.js';
import type { LivePmaHandshake } from './pma-live-state.js';

/** Later first: by createdAt, then updatedAt, then id (an answer may lack the times). */
const keyOf = (h: LivePmaHandshake) => `${h.createdAt ?? ''}\u0000${h.updatedAt ?? ''}\u0000${h.id}`;

/** The handshakes about `pmaId` in `catalog`, oldest first. */
export function handshakesOf(all: readonly LivePmaHandshake[] | undefined, catalog: string, pmaId: string): LivePmaHandshake[] {
  return (all ?? []).filter((h) => h.catalog === catalog && h.pmaId === pmaId).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

/**
 * The idempotency token of the handshake sent after `sent` earlier ones about the PMA: the first after a create,
 * then one per resend; retries and reruns of the same send carry the same token.
 */
export function pmaHandshakeToken(catalog: string, pmaId: string, sent: number): string {
  return clientTokenOf('pcc-pmah-', { catalog, pmaId, sent });
}

/** The idempotency token of a create: one apply run creates the PMA at an address at most once, across retries. */
export function pmaCreateToken(address: string, runId: string): string {
  return clientTokenOf('pcc-pma-', { address, runId });
}
