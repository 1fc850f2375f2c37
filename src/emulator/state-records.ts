/**
 * What the emulator stores, and the JSON form of it (`--data FILE`). Timestamps are ISO-8601 strings, the
 * wire form of the model's `date-time` timestamps.
 */
import { fieldsWhere, type FieldsOn } from '../model/relationship-fields.js';
import type { RelationshipSpec } from '../model/relationship.js';

/** A program management account. */
export interface PmaRecord {
  id: string;
  arn: string;
  catalog: string;
  program: string;
  displayName: string;
  /** The AWS account the PMA is for (not the account in its ARN, which is the emulator's own). */
  accountId: string;
  /** PENDING (created through the API, until its account accepts the handshake), ACTIVE or INACTIVE. */
  status: string;
  /** Digits; grows by one on every change. */
  revision: string;
  createdAt: string;
  updatedAt: string;
  /** When it became ACTIVE; absent while it never was. */
  startDate?: string;
  tags: Record<string, string>;
}

/** A relationship. `requestedSupportPlan` is stored but no read operation returns it. */
export interface RelationshipRecord extends Omit<RelationshipFields, 'tags' | 'requestedSupportPlan'> {
  id: string;
  arn: string;
  catalog: string;
  programManagementAccountId: string;
  /** The last plan sent (create or update), exactly as sent: one of the SupportPlan union members. */
  requestedSupportPlan?: Record<string, unknown>;
  /** Digits; grows by one on every UpdateRelationship (tag changes do not touch it). */
  revision: string;
  createdAt: string;
  updatedAt: string;
  startDate: string;
  tags: Record<string, string>;
}

/** The first successful answer to a request that carried a clientToken. */
export interface IdempotencyRecord {
  operation: string;
  clientToken: string;
  /** Canonical JSON of the request without its clientToken: a later request must match it. */
  fingerprint: string;
  /** The id of the resource the first request acted on (for the ConflictException on a mismatch). */
  resourceId: string;
  response: unknown;
  /** When it was first answered (ms since the epoch), for `clientTokenTtlMs`; absent in older data files. */
  at?: number;
}

/**
 * A channel handshake: START_SERVICE_PERIOD or REVOKE_SERVICE_PERIOD about one relationship (the receiver is its
 * associated account), or PROGRAM_MANAGEMENT_ACCOUNT about one PMA (the receiver is the PMA's account). The
 * sender is the account that called CreateChannelHandshake.
 */
export interface HandshakeRecord {
  id: string;
  arn: string;
  catalog: string;
  handshakeType: string;
  ownerAccountId: string;
  senderAccountId: string;
  receiverAccountId: string;
  /** The relationship's `rs-…` id, or the PMA's `pma-…` id. */
  associatedResourceId: string;
  /** The HandshakeDetail union, e.g. `{startServicePeriodHandshakeDetail: {servicePeriodType, …}}` or
   * `{programManagementAccountHandshakeDetail: {program}}`. */
  detail: Record<string, Record<string, unknown>>;
  status: string;
  createdAt: string;
  updatedAt: string;
}

/** The `--data` file. */
export interface EmulatorStateJson {
  formatVersion: 1;
  accountId: string;
  pmas: PmaRecord[];
  relationships: RelationshipRecord[];
  idempotency: IdempotencyRecord[];
  /** Absent in data files written before handshakes were emulated. */
  handshakes?: HandshakeRecord[];
}

const ARN_REGION = 'us-east-1';

export function pmaArnOf(accountId: string, catalog: string, pmaId: string): string {
  return `arn:aws:partnercentral:${ARN_REGION}:${accountId}:catalog/${catalog}/program-management-account/${pmaId}`;
}

/** Relationship ARNs nest their PMA's ARN. */
function relationshipArnOf(pmaArn: string, relationshipId: string): string {
  return `${pmaArn}/relationship/${relationshipId}`;
}

export function handshakeArnOf(accountId: string, catalog: string, handshakeId: string): string {
  return `arn:aws:partnercentral:${ARN_REGION}:${accountId}:catalog/${catalog}/channel-handshake/${handshakeId}`;
}

/** The bare id at the end of an id-or-ARN identifier. */
export function idOfIdentifier(identifier: string): string {
  return identifier.slice(identifier.lastIndexOf('/') + 1);
}

export function isEmulatorStateJson(value: unknown): value is EmulatorStateJson {
  const v = value as Partial<EmulatorStateJson> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.formatVersion === 1 &&
    typeof v.accountId === 'string' &&
    Array.isArray(v.pmas) &&
    Array.isArray(v.relationships) &&
    Array.isArray(v.idempotency)
  );
}

/** The fields CreateRelationship stores on the relationship itself (the catalog and PMA name where it goes). */
type StoredField = Exclude<FieldsOn<'create'>, 'catalog' | 'programManagementAccountIdentifier'>;
/** Unchecked wire values: strings, the tag map, the support plan union as sent. */
type WireValue<T> = T extends string ? string : T extends Record<string, string> ? Record<string, string> : Record<string, unknown>;

/**
 * The members a new relationship takes from its request (or from a test's seed): every field the field table says
 * CreateRelationship carries, required where the model requires it.
 */
export type RelationshipFields = {
  [K in StoredField as undefined extends RelationshipSpec[K] ? never : K extends 'tags' ? never : K]: WireValue<RelationshipSpec[K]>;
} & {
  [K in StoredField as undefined extends RelationshipSpec[K] ? K : K extends 'tags' ? K : never]?: WireValue<NonNullable<RelationshipSpec[K]>>;
};

const STORED_FIELDS = fieldsWhere((row, name) => row.travels.includes('create') && row.normalise !== 'documentDefault' && name !== 'tags') as StoredField[];

/** The stored fields a request (or seed) carries, copied; absent ones left out. Tags are the caller's. */
export function storedFieldsOf(input: Readonly<Record<string, unknown>>): Omit<RelationshipFields, 'tags'> {
  const present = STORED_FIELDS.filter((name) => input[name] !== undefined);
  return Object.fromEntries(present.map((name) => [name, structuredClone(input[name])])) as Omit<RelationshipFields, 'tags'>;
}

/** A relationship under `pma`, created at `at`, revision `revision`. Optional members absent when unset. */
export function buildRelationshipRecord(pma: PmaRecord, id: string, at: string, fields: RelationshipFields, revision = '1'): RelationshipRecord {
  return {
    id,
    arn: relationshipArnOf(pma.arn, id),
    catalog: pma.catalog,
    programManagementAccountId: pma.id,
    ...storedFieldsOf(fields),
    revision,
    createdAt: at,
    updatedAt: at,
    startDate: at,
    tags: { ...fields.tags },
  };
}
