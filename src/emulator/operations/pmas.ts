/**
 * ListProgramManagementAccounts, CreateProgramManagementAccount, UpdateProgramManagementAccount and
 * DeleteProgramManagementAccount. One PMA per catalog, program and account; at most `pmaQuota` (50) PMAs. A new
 * PMA is PENDING until its account accepts its PROGRAM_MANAGEMENT_ACCOUNT handshake (handshakes.ts), which makes
 * it ACTIVE. Update changes the display name (revision checked as UpdateRelationship's); Delete refuses a PMA
 * that still has relationships unless `pmaDeleteWithRelationships` is 'cascade'.
 */
import { conflict, quotaExceeded } from '../errors.js';
import type { PmaRecord } from '../state-records.js';
import { compact, resolvePma, type OperationHandler } from './context.js';
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
    const pma = state.addPma({ catalog, program, displayName, accountId, tags, status: 'PENDING' });
    return { resourceId: pma.id, response: { programManagementAccountDetail: { id: pma.id, arn: pma.arn } } };
  });

export const updateProgramManagementAccount: OperationHandler = (input, ctx) => {
  const { catalog, identifier, revision, displayName } = input as Record<string, string | undefined>;
  const pma = resolvePma(ctx, catalog ?? '', identifier ?? '');
  // Compared as numbers, as UpdateRelationship's: "007" and "7" name the same revision.
  if (revision !== undefined && Number(revision) !== Number(pma.revision)) {
    throw conflict(
      `Program management account ${pma.id} is at revision ${pma.revision}, not ${revision}: it changed since you read it.`,
      'ProgramManagementAccount',
      pma.id,
    );
  }
  if (displayName !== undefined) pma.displayName = displayName;
  ctx.state.touch(pma);
  return { programManagementAccountDetail: { id: pma.id, arn: pma.arn, revision: pma.revision, displayName: pma.displayName } };
};

export const deleteProgramManagementAccount: OperationHandler = (input, ctx) =>
  runIdempotent(ctx, 'DeleteProgramManagementAccount', 'ProgramManagementAccount', input, () => {
    const { state, settings } = ctx;
    const pma = resolvePma(ctx, input.catalog as string, input.identifier as string);
    const relationships = [...state.liveRelationships()].filter((r) => r.programManagementAccountId === pma.id);
    if (relationships.length > 0 && settings.pmaDeleteWithRelationships === 'refuse') {
      throw conflict(
        `Program management account ${pma.id} still has ${relationships.length} relationship${relationships.length === 1 ? '' : 's'}; delete them first.`,
        'ProgramManagementAccount',
        pma.id,
      );
    }
    for (const r of relationships) state.deleteRelationship(r.id);
    state.deletePma(pma.id);
    return { resourceId: pma.id, response: {} };
  });
