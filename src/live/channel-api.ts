import type { KindApis } from '../kinds/registry.js';
import type { AssociationType, RelationshipSpec } from '../model/relationship.js';
import { fieldsWhere, type ReadField, type UpdateField } from '../model/relationship-fields.js';
import type { HandshakeStatus, ServicePeriodTerms } from '../model/service-period.js';

/**
 * The narrow port between pcc and Partner Central Channel (ChannelApi, below). The planner and apply see only
 * this; the AWS SDK adapter (sdk-channel-api.ts, with each kind's part) implements it with paging, rate limits and
 * retries.
 *
 * The model marks every member of RelationshipSummary and RelationshipDetail optional. `catalog` and the PMA
 * come from the request when the answer lacks them (a Get or a List names them); `id`, `arn` and
 * `associatedAccountId` make the address, and an answer without them is an error. Every other member may be
 * absent, which means "unknown", never "empty": see `UNKNOWABLE_MEMBERS`.
 */
export interface LiveRelationship extends Partial<Pick<RelationshipSpec, ReadField>> {
  id: string;
  arn: string;
  /** Digit string; grows on every update. */
  revision?: string;
  catalog: string;
  programManagementAccountId: string;
  associatedAccountId: string;
  createdAt?: string;
  updatedAt?: string;
}

/**
 * Members a read may leave out that pcc compares: read again with GetRelationship, else treated as unknown. The
 * revision, then every field the table compares `whenReturned` (ListRelationships carries them all).
 */
const UNKNOWABLE_MEMBERS: readonly ('revision' | ReadField)[] = ['revision', ...(fieldsWhere((row) => row.compare === 'whenReturned') as ReadField[])];

/** The compared members this answer lacks. */
export function missingMembers(live: LiveRelationship): ('revision' | ReadField)[] {
  return UNKNOWABLE_MEMBERS.filter((name) => live[name] === undefined);
}

export interface ListRelationshipsFilter {
  catalog: string;
  programManagementAccountIdentifiers?: string[];
  associatedAccountIds?: string[];
  associationTypes?: AssociationType[];
  displayNames?: string[];
}

/** Names one relationship for Get/Update/Delete. */
export interface RelationshipRef {
  catalog: string;
  programManagementAccountIdentifier: string;
  /** `rs-…` id or relationship ARN. */
  identifier: string;
}

export interface CreateRelationshipRequest extends RelationshipSpec {
  /** Deterministic idempotency token (1-64 printable ASCII). */
  clientToken: string;
  /** Every tag to set at create, user and `pcc:` alike. */
  tags: Record<string, string>;
}

/** RelationshipRef plus every field the table says UpdateRelationship carries, each optional. */
export interface UpdateRelationshipRequest extends RelationshipRef, Partial<Pick<RelationshipSpec, UpdateField>> {
  /** The revision seen at plan time: a stale one fails with 409. */
  revision?: string;
}

/**
 * A service-period channel handshake pcc sent (ListChannelHandshakes, participant SENDER). Every member but
 * `id` and `relationshipId` may be absent in an answer: absent means unknown.
 */
export interface LiveServicePeriodHandshake {
  id: string;
  handshakeType: ServicePeriodHandshakeType;
  /** The relationship's `rs-…` id (associatedResourceId). */
  relationshipId: string;
  /** The account the handshake went to (the relationship's associated account), when the answer names it. */
  receiverAccountId?: string;
  status?: HandshakeStatus;
  terms: ServicePeriodTerms;
  createdAt?: string;
  updatedAt?: string;
}

/** The service-period handshake types (the model's HandshakeType, without PROGRAM_MANAGEMENT_ACCOUNT). */
export type ServicePeriodHandshakeType = 'START_SERVICE_PERIOD' | 'REVOKE_SERVICE_PERIOD';

/** What ListChannelHandshakes is asked for beside the relationships: the type (default START) and statuses (default all). */
export interface HandshakeQuery {
  handshakeType?: ServicePeriodHandshakeType;
  statuses?: HandshakeStatus[];
}

export interface CreateServicePeriodRequest {
  /** Default START_SERVICE_PERIOD. A REVOKE_SERVICE_PERIOD sends only the PMA and `terms.note` (RevokeServicePeriodPayload). */
  handshakeType?: ServicePeriodHandshakeType;
  catalog: string;
  programManagementAccountIdentifier: string;
  /** `rs-…` id. */
  relationshipId: string;
  terms: ServicePeriodTerms;
  /** Deterministic idempotency token (1-64 printable ASCII). */
  clientToken: string;
}

/** The operations every kind shares: tags on any resource ARN. */
export interface TagApi {
  listTags(arn: string): Promise<Record<string, string>>;
  tagResource(arn: string, tags: Record<string, string>): Promise<void>;
  untagResource(arn: string, keys: string[]): Promise<void>;
}

/** The port: the shared operations and each kind's (KindApis, declared in the kind's folder). */
export type ChannelApi = TagApi & KindApis;
