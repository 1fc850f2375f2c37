/**
 * ListRelationships: filters (each list is "any of"; several filters must all hold), optional sort by
 * UpdatedAt, cursor paging. A PMA named in the filter must exist (ResourceNotFoundException otherwise).
 */
import { isVisible } from '../envelope.js';
import { resolvePma, type OperationHandler } from './context.js';
import { matchesFilter, paginate, type PageRequest } from './paging.js';
import { relationshipSummaryOf } from './relationships.js';

interface ListRelationshipsInput extends PageRequest {
  catalog: string;
  associatedAccountIds?: string[];
  associationTypes?: string[];
  displayNames?: string[];
  programManagementAccountIdentifiers?: string[];
}

export const listRelationships: OperationHandler = (input, ctx) => {
  const request = input as unknown as ListRelationshipsInput;
  const pmaIds = request.programManagementAccountIdentifiers?.map((identifier) => resolvePma(ctx, request.catalog, identifier).id);
  const selected = [...ctx.state.liveRelationships()].filter(
    (r) =>
      r.catalog === request.catalog &&
      isVisible(ctx.settings.envelope, r.id) &&
      matchesFilter(pmaIds, r.programManagementAccountId) &&
      matchesFilter(request.associatedAccountIds, r.associatedAccountId) &&
      matchesFilter(request.associationTypes, r.associationType) &&
      matchesFilter(request.displayNames, r.displayName),
  );
  const { maxResults: _m, nextToken: _n, ...query } = input;
  const page = paginate(selected, request, { operation: 'ListRelationships', ...query }, ctx.settings);
  return { items: page.items.map((r) => relationshipSummaryOf(r, ctx.settings.envelope)), ...(page.nextToken !== undefined && { nextToken: page.nextToken }) };
};
