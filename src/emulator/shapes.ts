/**
 * Input shapes of the implemented operations, transcribed from the service model
 * (partnercentral-channel 2024-03-18): lengths, patterns, enums, ranges, required members, unions.
 * Deliberately independent of `src/model/`'s types and constraints: the emulator checks the product, so it must not
 * share its mistakes. Only which relationship input carries which member comes from the field table, itself
 * checked against the SDK's model.
 */
import { travelOf, type FieldsOn } from '../model/relationship-fields.js';

export type Shape =
  | { type: 'string'; min?: number; max?: number; pattern?: RegExp }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'integer'; min?: number; max?: number }
  /** A `date-time` timestamp: an RFC 3339 string on the wire. */
  | { type: 'timestamp' }
  | { type: 'list'; member: Shape }
  | { type: 'structure'; members: Record<string, Member> }
  /** Exactly one member set. */
  | { type: 'union'; members: Record<string, Shape> };

export interface Member {
  shape: Shape;
  required?: boolean;
}

const str = (min: number | undefined, max: number | undefined, pattern?: RegExp): Shape => ({ type: 'string', min, max, pattern });
const enumOf = (...values: string[]): Shape => ({ type: 'enum', values });
const listOf = (member: Shape): Shape => ({ type: 'list', member });
const req = (shape: Shape): Member => ({ shape, required: true });
const opt = (shape: Shape): Member => ({ shape });
const struct = (members: Record<string, Member>): Shape => ({ type: 'structure', members });

const ASSOCIATION_TYPE_VALUES = ['DOWNSTREAM_SELLER', 'END_CUSTOMER', 'INTERNAL'] as const;
const SECTOR_VALUES = ['COMMERCIAL', 'GOVERNMENT', 'GOVERNMENT_EXCEPTION'] as const;
const RESALE_ACCOUNT_MODEL_VALUES = ['DISTRIBUTOR', 'END_CUSTOMER', 'SOLUTION_PROVIDER'] as const;
const PROGRAM_VALUES = ['SOLUTION_PROVIDER', 'DISTRIBUTION', 'DISTRIBUTION_SELLER'] as const;
const PMA_STATUS_VALUES = ['PENDING', 'ACTIVE', 'INACTIVE'] as const;

const Catalog = str(1, 64, /^[a-zA-Z]*$/);
const AccountId = str(12, 12, /^[0-9]*$/);
const DisplayName = str(1, 30, /^[^\x00-\x1F\x7F]*$/);
const ClientToken = str(1, 64, /^[!-~]*$/);
const Revision = str(1, 10, /^[0-9]*$/);
const NextToken = str(1, 2048, /^[^\x00-\x1F\x7F\x20]*$/);
const PmaIdentifier = str(17, 1011, /^(arn:[a-z-]+:partnercentral:[a-z0-9-]+:[0-9]{12}:catalog\/[a-zA-Z]+\/program-management-account\/)?pma-[a-z0-9]{13}$/);
const RelationshipIdentifier = str(
  16,
  1011,
  /^(arn:[a-z-]+:partnercentral:[a-z0-9-]+:[0-9]{12}:catalog\/[a-zA-Z]+\/program-management-account\/pma-[a-z0-9]{13}\/relationship\/)?rs-[a-z0-9]{13}$/,
);
const TaggableArn = str(
  1,
  1011,
  /^arn:[a-z-]+:partnercentral:[a-z0-9-]+:[0-9]{12}:catalog\/[a-zA-Z]+\/(program-management-account\/pma-[a-z0-9]{13}(\/relationship\/rs-[a-z0-9]{13})?|channel-handshake\/ch-[a-z0-9]{13})$/,
);
const TagKey = str(1, 128, /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u);
const TagValue = str(undefined, 256, /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u);
const TagList = listOf(struct({ key: req(TagKey), value: req(TagValue) }));
const Coverage = enumOf('ENTIRE_ORGANIZATION', 'MANAGEMENT_ACCOUNT_ONLY');
const ResoldSupport = struct({ coverage: req(Coverage), tamLocation: req(str(undefined, undefined)), chargeAccountId: opt(AccountId) });
const SupportPlan: Shape = {
  type: 'union',
  members: {
    resoldEnterprise: ResoldSupport,
    partnerLedSupport: struct({
      coverage: req(Coverage),
      provider: opt(enumOf('DISTRIBUTOR', 'DISTRIBUTION_SELLER')),
      tamLocation: req(str(undefined, undefined)),
    }),
    resoldUnifiedOperations: ResoldSupport,
  },
};
const MaxResults: Shape = { type: 'integer', min: 1, max: 100 };
const Sort = struct({ sortOrder: req(enumOf('Ascending', 'Descending')), sortBy: req(enumOf('UpdatedAt')) });

const HANDSHAKE_TYPE_VALUES = ['START_SERVICE_PERIOD', 'REVOKE_SERVICE_PERIOD', 'PROGRAM_MANAGEMENT_ACCOUNT'] as const;
const HANDSHAKE_STATUS_VALUES = ['PENDING', 'ACCEPTED', 'REJECTED', 'CANCELED', 'EXPIRED'] as const;
const ServicePeriodType = enumOf('MINIMUM_NOTICE_PERIOD', 'FIXED_COMMITMENT_PERIOD');
const Note = str(1, 300, /^[^\x00-\x1F\x7F]*$/);
const AssociatedResourceIdentifier = str(
  16,
  1011,
  /^((arn:[a-z-]+:partnercentral:[a-z0-9-]+:[0-9]{12}:catalog\/[a-zA-Z]+\/program-management-account\/pma-[a-z0-9]{13}(\/relationship\/rs-[a-z0-9]{13})?)|(pma|rs)-[a-z0-9]{13})$/,
);
const HandshakeIdentifier = str(16, 1011, /^(arn:[a-z-]+:partnercentral:[a-z0-9-]+:[0-9]{12}:catalog\/[a-zA-Z]+\/channel-handshake\/)?ch-[a-z0-9]{13}$/);
const HandshakePayload: Shape = {
  type: 'union',
  members: {
    startServicePeriodPayload: struct({
      programManagementAccountIdentifier: req(PmaIdentifier),
      note: opt(Note),
      servicePeriodType: req(ServicePeriodType),
      minimumNoticeDays: opt(str(1, 10, /^[0-9]*$/)),
      endDate: opt({ type: 'timestamp' }),
    }),
    revokeServicePeriodPayload: struct({ programManagementAccountIdentifier: req(PmaIdentifier), note: opt(Note) }),
  },
};
const PeriodTypeFilter = struct({ servicePeriodTypes: opt(listOf(ServicePeriodType)) });
const HandshakeSort = (sortBy: string): Shape => struct({ sortOrder: req(enumOf('Ascending', 'Descending')), sortBy: req(enumOf(sortBy)) });
const HandshakeRef = struct({ catalog: req(Catalog), identifier: req(HandshakeIdentifier) });

/**
 * The model's constraints on every member CreateRelationship and UpdateRelationship take, in the model's order.
 * Which input carries a member, and whether it is required, comes from the field table (src/model/
 * relationship-fields.ts), which test/model checks against the SDK's model, as it checks the inputs built here.
 */
const RELATIONSHIP_INPUT_MEMBERS: Record<FieldsOn<'create' | 'update'> | 'clientToken' | 'identifier' | 'revision', Shape> = {
  catalog: Catalog,
  associationType: enumOf(...ASSOCIATION_TYPE_VALUES),
  identifier: RelationshipIdentifier,
  programManagementAccountIdentifier: PmaIdentifier,
  associatedAccountId: AccountId,
  revision: Revision,
  displayName: DisplayName,
  resaleAccountModel: enumOf(...RESALE_ACCOUNT_MODEL_VALUES),
  sector: enumOf(...SECTOR_VALUES),
  clientToken: ClientToken,
  tags: TagList,
  requestedSupportPlan: SupportPlan,
};

function relationshipInput(carrier: 'create' | 'update'): Shape {
  const members = Object.entries(RELATIONSHIP_INPUT_MEMBERS).flatMap(([name, shape]): [string, Member][] => {
    const travel = travelOf(name, carrier);
    return travel.travels ? [[name, travel.required ? req(shape) : opt(shape)]] : [];
  });
  return struct(Object.fromEntries(members));
}

/** Request shapes by operation name. */
export const INPUT_SHAPES: Record<string, Shape> = {
  CreateRelationship: relationshipInput('create'),
  GetRelationship: struct({ catalog: req(Catalog), programManagementAccountIdentifier: req(PmaIdentifier), identifier: req(RelationshipIdentifier) }),
  UpdateRelationship: relationshipInput('update'),
  DeleteRelationship: struct({
    catalog: req(Catalog),
    identifier: req(RelationshipIdentifier),
    programManagementAccountIdentifier: req(PmaIdentifier),
    clientToken: opt(ClientToken),
  }),
  ListRelationships: struct({
    catalog: req(Catalog),
    maxResults: opt(MaxResults),
    associatedAccountIds: opt(listOf(AccountId)),
    associationTypes: opt(listOf(enumOf(...ASSOCIATION_TYPE_VALUES))),
    displayNames: opt(listOf(DisplayName)),
    programManagementAccountIdentifiers: opt(listOf(PmaIdentifier)),
    sort: opt(Sort),
    nextToken: opt(NextToken),
  }),
  ListTagsForResource: struct({ resourceArn: req(TaggableArn) }),
  TagResource: struct({ resourceArn: req(TaggableArn), tags: req(TagList) }),
  UntagResource: struct({ resourceArn: req(TaggableArn), tagKeys: req(listOf(TagKey)) }),
  ListProgramManagementAccounts: struct({
    catalog: req(Catalog),
    maxResults: opt(MaxResults),
    displayNames: opt(listOf(DisplayName)),
    programs: opt(listOf(enumOf(...PROGRAM_VALUES))),
    accountIds: opt(listOf(AccountId)),
    statuses: opt(listOf(enumOf(...PMA_STATUS_VALUES))),
    sort: opt(Sort),
    nextToken: opt(NextToken),
  }),
  CreateProgramManagementAccount: struct({
    catalog: req(Catalog),
    program: req(enumOf(...PROGRAM_VALUES)),
    displayName: req(DisplayName),
    accountId: req(AccountId),
    clientToken: opt(ClientToken),
    tags: opt(TagList),
  }),
  UpdateProgramManagementAccount: struct({
    catalog: req(Catalog),
    identifier: req(PmaIdentifier),
    revision: opt(Revision),
    displayName: opt(DisplayName),
  }),
  DeleteProgramManagementAccount: struct({ catalog: req(Catalog), identifier: req(PmaIdentifier), clientToken: opt(ClientToken) }),
  CreateChannelHandshake: struct({
    handshakeType: req(enumOf(...HANDSHAKE_TYPE_VALUES)),
    catalog: req(Catalog),
    associatedResourceIdentifier: req(AssociatedResourceIdentifier),
    payload: opt(HandshakePayload),
    clientToken: opt(ClientToken),
    tags: opt(TagList),
  }),
  ListChannelHandshakes: struct({
    handshakeType: req(enumOf(...HANDSHAKE_TYPE_VALUES)),
    catalog: req(Catalog),
    participantType: req(enumOf('SENDER', 'RECEIVER')),
    maxResults: opt(MaxResults),
    statuses: opt(listOf(enumOf(...HANDSHAKE_STATUS_VALUES))),
    associatedResourceIdentifiers: opt(listOf(AssociatedResourceIdentifier)),
    handshakeTypeFilters: opt({
      type: 'union',
      members: {
        startServicePeriodTypeFilters: PeriodTypeFilter,
        revokeServicePeriodTypeFilters: PeriodTypeFilter,
        programManagementAccountTypeFilters: struct({ programs: opt(listOf(enumOf(...PROGRAM_VALUES))) }),
      },
    }),
    handshakeTypeSort: opt({
      type: 'union',
      members: {
        startServicePeriodTypeSort: HandshakeSort('UpdatedAt'),
        revokeServicePeriodTypeSort: HandshakeSort('UpdatedAt'),
        programManagementAccountTypeSort: HandshakeSort('UpdatedAt'),
      },
    }),
    nextToken: opt(NextToken),
  }),
  CancelChannelHandshake: HandshakeRef,
  AcceptChannelHandshake: HandshakeRef,
  RejectChannelHandshake: HandshakeRef,
};
