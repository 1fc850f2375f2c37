/**
 * ListProgramManagementAccounts and CreateProgramManagementAccount, enough to discover and make the PMAs
 * that relationships hang from. One PMA per catalog, program and account; at most `pmaQuota` (50) PMAs.
 * A new PMA is ACTIVE at once (the real service may keep it PENDING for a while).
 */
import { conflict, quotaExceeded } from '../errors.js';
import type { PmaRecord } from '../state-records.js';
import { compact, type OperationHandler } from './context.js';
import { runIdempotent } from './idempotency.js';
import { matchesFilter, paginate, type PageRequest } from './paging.js';
import { mergeTags, type WireTag } from './tag-list.js';

interface ListPmasInput extends PageRequest {
  catalog: string;
  displayNames?: string[];
  programs?: string[];
  accountIds?: string[];
  statuses?: string[];
}

function pmaSummaryOf(pma: PmaRecord): Record<string, unknown> {
  const { tags: _tags, ...summary } = pma;
  return compact(summary);
}

export const listProgramManagementAccounts: OperationHandler = (input, ctx) => {
  const request = input as unknown as ListPmasInput;
  const selected = [...ctx.state.livePmas()].filter(
    (pma) =>
      pma.catalog === request.catalog &&
      matchesFilter(request.displayNames, pma.displayName) &&
      matchesFilter(request.programs, pma.program) &&
      matchesFilter(request.accountIds, pma.accountId) &&
      matchesFilter(request.statuses, pma.status),
  );
  const { maxResults: _m, nextToken: _n, ...query } = input;
  const page = paginate(selected, request, { operation: 'ListProgramManagementAccounts', ...query }, ctx.settings);
  return { items: page.items.map(pmaSummaryOf), ...(page.nextToken !== undefined && { nextToken: page.nextToken }) };
};

export const createProgramManagementAccount: OperationHandler = (input, ctx) =>
  runIdempotent(ctx, 'CreateProgramManagementAccount', 'ProgramManagementAccount', input, () => {
    const { state, settings } = ctx;
    const { catalog, program, displayName, accountId } = input as Record<string, string>;
    const pmas = [...state.livePmas()];
    const same = pmas.find((pma) => pma.catalog === catalog && pma.program === program && pma.accountId === accountId);
    if (same) {
      throw conflict(`Account ${accountId} already has program management account ${same.id} for ${program}.`, 'ProgramManagementAccount', same.id);
    }
    const tags = mergeTags((input.tags as WireTag[] | undefined) ?? []);
    if (pmas.length >= settings.pmaQuota) {
      throw quotaExceeded(
        `This account has reached its quota of ${settings.pmaQuota} program management accounts.`,
        'program-management-accounts-per-account',
        'ProgramManagementAccount',
        state.accountId,
      );
    }
    const pma = state.addPma({ catalog, program, displayName, accountId, tags });
    return { resourceId: pma.id, response: { programManagementAccountDetail: { id: pma.id, arn: pma.arn } } };
  });
