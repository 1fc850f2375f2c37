/**
 * A program management account's address is `<catalog>/<program>/<accountId>`: derivable from the file, so a
 * declared PMA is matched to a live one before its `pma-…` id is known. A PMA's name (the handle relationship
 * entries use) is never a `pma-…` id, so `<catalog>/<name>/<account>` cannot be mistaken for an id-form address.
 */

/** The programs a PMA may be in (the service model's Program). */
export const PMA_PROGRAMS = ['SOLUTION_PROVIDER', 'DISTRIBUTION', 'DISTRIBUTION_SELLER'] as const;

/** The address of the PMA of `program` held by `accountId` in `catalog`. */
export function pmaAddressOf(catalog: string, program: string, accountId: string): string {
  return `${catalog}/${program}/${accountId}`;
}
