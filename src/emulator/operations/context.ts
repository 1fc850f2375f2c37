/**
 * What every operation handler gets, and the lookups they share: PMA and relationship identifiers may be
 * bare ids or ARNs, and a resource in another catalog, PMA or account is simply not found.
 */
import type { Envelope } from '../envelope.js';
import { notFound } from '../errors.js';
import type { EmulatorState } from '../state.js';
import { idOfIdentifier, pmaArnOf, type PmaRecord, type RelationshipRecord } from '../state-records.js';

interface OperationSettings {
  /** Caps every page below maxResults (a documented deviation: tiny pages surface paging bugs). */
  maxPageSize?: number;
  /** Create a PMA the first time a request names an unknown one (a documented deviation for demos). */
  autoCreatePmas: boolean;
  relationshipQuotaPerPma: number;
  /** The service quota of PMAs per account. */
  pmaQuota: number;
  /** A PENDING handshake older than this becomes EXPIRED (default 15 days: an emulator assumption). */
  handshakeExpiryMs: number;
  /** START/REVOKE handshakes of one type to one receiver per rolling 24 hours (the documented 5). */
  handshakesPerReceiverPerDay: number;
  /** PENDING handshakes of one type per sender (the documented 200 for START_ and REVOKE_SERVICE_PERIOD). */
  activeHandshakeQuota: number;
  /** PENDING PROGRAM_MANAGEMENT_ACCOUNT handshakes per sender (the documented 100). */
  activePmaHandshakeQuota: number;
  /** CreateRelationship under a PENDING PMA: created, or refused (the service does not document which). */
  pendingPmaRelationships: PendingPmaRelationships;
  /** DeleteProgramManagementAccount on a PMA that still has relationships. */
  pmaDeleteWithRelationships: PmaDeleteWithRelationships;
  /** Behaviours the model allows that are off by default (envelope.ts). */
  envelope: Envelope;
}

/** What CreateRelationship does under a PENDING PMA (EMULATOR.md "Program management accounts"). */
export type PendingPmaRelationships = 'accept' | 'refuse';
/** What DeleteProgramManagementAccount does to a PMA with relationships: 409, or delete them with it. */
export type PmaDeleteWithRelationships = 'refuse' | 'cascade';

export interface OperationContext {
  state: EmulatorState;
  settings: OperationSettings;
}

/**
 * A handler gets the validated request body and the account the request acts as (server.ts
 * `callerAccountOf`), and returns the response body.
 */
export type OperationHandler = (input: Record<string, unknown>, ctx: OperationContext, callerAccountId: string) => unknown;

const isArn = (identifier: string): boolean => identifier.startsWith('arn:');

export function resolvePma(ctx: OperationContext, catalog: string, identifier: string): PmaRecord {
  const { state, settings } = ctx;
  const id = idOfIdentifier(identifier);
  const pma = state.pmaRecord(id);
  if (pma) {
    if (pma.catalog === catalog && (!isArn(identifier) || pma.arn === identifier)) return pma;
    throw notFound('ProgramManagementAccount', identifier);
  }
  const ownArn = pmaArnOf(state.accountId, catalog, id);
  if (settings.autoCreatePmas && (!isArn(identifier) || identifier === ownArn)) {
    return state.addPma({ id, catalog });
  }
  throw notFound('ProgramManagementAccount', identifier);
}

export function resolveRelationship(ctx: OperationContext, pma: PmaRecord, identifier: string): RelationshipRecord {
  const record = ctx.state.relationshipRecord(idOfIdentifier(identifier));
  if (record && record.programManagementAccountId === pma.id && (!isArn(identifier) || record.arn === identifier)) return record;
  throw notFound('Relationship', identifier);
}

/** JSON with object keys sorted at every depth, so equal requests always compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Removes undefined members, so optional fields are absent from the JSON rather than null. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
