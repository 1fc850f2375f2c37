/**
 * Program management accounts (PMAs), the parents of every relationship: what `pcc pmas` lists so that users can
 * find their own `pma-…` ids.
 */

/** One PMA as ListProgramManagementAccounts returns it. Every member is optional in the service model. */
export interface LivePma {
  id?: string;
  catalog: string;
  displayName?: string;
  /** e.g. SOLUTION_PROVIDER, DISTRIBUTION, DISTRIBUTION_SELLER. */
  program?: string;
  /** The AWS account that holds the PMA (12 digits). */
  accountId?: string;
  /** PENDING, ACTIVE or INACTIVE. */
  status?: string;
  arn?: string;
}

/** The port for PMA discovery; the SDK adapter implements it beside ChannelApi. */
export interface PmaDirectory {
  /** Every page of ListProgramManagementAccounts for one catalog (`AWS` or `Sandbox`). */
  listProgramManagementAccounts(catalog: string): Promise<LivePma[]>;
}

/** Catalogs a partner may have PMAs in (service model: Catalog, pattern `^[a-zA-Z]+$`; AWS docs name these two). */
export const CATALOGS = ['AWS', 'Sandbox'] as const;
