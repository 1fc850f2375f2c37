/**
 * A relationship's address is `<catalog>/<pma-id>/<associatedAccountId>`: the key that matches a file entry
 * to a live relationship. The PMA part is always the bare `pma-…` id, even when a file names the PMA by ARN.
 */

const PMA_ID = /pma-[a-z0-9]{13}$/;

/** The bare `pma-…` id of a PMA identifier (an id or an ARN ending in one). */
export function pmaIdOf(identifier: string): string {
  const match = PMA_ID.exec(identifier);
  return match ? match[0] : identifier;
}

export function addressOf(catalog: string, pmaIdentifier: string, associatedAccountId: string): string {
  return `${catalog}/${pmaIdOf(pmaIdentifier)}/${associatedAccountId}`;
}
