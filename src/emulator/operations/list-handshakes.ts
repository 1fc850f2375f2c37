/**
 * ListChannelHandshakes: the calling account's handshakes of one type, as SENDER or RECEIVER, filtered by
 * status, relationship or PMA, and service-period type or program, optionally sorted by UpdatedAt, cursor paged.
 */
import { validationError } from '../errors.js';
import { idOfIdentifier, type HandshakeRecord } from '../state-records.js';
import type { OperationHandler } from './context.js';
import { currentHandshakes } from './handshake-rules.js';
import { handshakeSummaryOf } from './handshakes.js';
import { matchesFilter, paginate, type PageRequest } from './paging.js';

type SortMember = NonNullable<PageRequest['sort']>;

interface ListHandshakesInput {
  handshakeType: string;
  catalog: string;
  participantType: 'SENDER' | 'RECEIVER';
  maxResults?: number;
  nextToken?: string;
  statuses?: string[];
  associatedResourceIdentifiers?: string[];
  handshakeTypeFilters?: Record<string, { servicePeriodTypes?: string[]; programs?: string[] }>;
  handshakeTypeSort?: Record<string, SortMember>;
}

const MEMBER_PREFIX: Record<string, string> = {
  START_SERVICE_PERIOD: 'startServicePeriod',
  REVOKE_SERVICE_PERIOD: 'revokeServicePeriod',
  PROGRAM_MANAGEMENT_ACCOUNT: 'programManagementAccount',
};

/** The one member of a filter or sort union, which must be the one for the listed handshake type. */
function unionMember<T>(union: Record<string, T> | undefined, type: string, suffix: string, field: string): T | undefined {
  if (union === undefined) return undefined;
  const [name, value] = Object.entries(union)[0] ?? [];
  const expected = `${MEMBER_PREFIX[type]}${suffix}`;
  if (name !== expected) {
    throw validationError(`${field}.${name} does not apply to ${type}; use ${field}.${expected}`, [
      { name: `${field}.${name}`, code: 'INVALID_VALUE', message: `use ${expected} for ${type}` },
    ]);
  }
  return value;
}

/** A string member of the handshake's detail (servicePeriodType, program), or ''. */
function detailOf(record: HandshakeRecord, member: string): string {
  const value = Object.values(record.detail)[0]?.[member];
  return typeof value === 'string' ? value : '';
}

export const listChannelHandshakes: OperationHandler = (input, ctx, caller) => {
  const request = input as unknown as ListHandshakesInput;
  const filter = unionMember(request.handshakeTypeFilters, request.handshakeType, 'TypeFilters', 'handshakeTypeFilters');
  const sort = unionMember(request.handshakeTypeSort, request.handshakeType, 'TypeSort', 'handshakeTypeSort');
  const resources = request.associatedResourceIdentifiers?.map(idOfIdentifier);
  const selected = currentHandshakes(ctx).filter(
    (h) =>
      h.catalog === request.catalog &&
      h.handshakeType === request.handshakeType &&
      (request.participantType === 'SENDER' ? h.senderAccountId : h.receiverAccountId) === caller &&
      matchesFilter(request.statuses, h.status) &&
      matchesFilter(resources, h.associatedResourceId) &&
      matchesFilter(filter?.servicePeriodTypes, detailOf(h, 'servicePeriodType')) &&
      matchesFilter(filter?.programs, detailOf(h, 'program')),
  );
  const { maxResults: _m, nextToken: _n, ...query } = input;
  const page = paginate(selected, { ...request, ...(sort && { sort }) }, { operation: 'ListChannelHandshakes', caller, ...query }, ctx.settings);
  return { items: page.items.map(handshakeSummaryOf), ...(page.nextToken !== undefined && { nextToken: page.nextToken }) };
};
