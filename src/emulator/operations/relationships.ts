/**
 * CreateRelationship, GetRelationship, UpdateRelationship, DeleteRelationship. Behaviour the service
 * documents: one relationship per PMA and associated account, a quota per PMA, revisions for optimistic
 * concurrency, a write-only support plan, clientToken idempotency on create and delete.
 */
import { asServed, isVisible, noteCreated, RACE_DISPLAY_NAME, type Envelope } from '../envelope.js';
import { conflict, internalError, notFound, quotaExceeded, validationError } from '../errors.js';
import { FIELD_ROWS, MEMBER_ROWS, readNameOf, UPDATE_FIELDS } from '../../model/relationship-fields.js';
import { buildRelationshipRecord, storedFieldsOf, type RelationshipRecord } from '../state-records.js';
import { compact, resolvePma, resolveRelationship, type OperationContext, type OperationHandler } from './context.js';
import { runIdempotent } from './idempotency.js';
import { mergeTags, type WireTag } from './tag-list.js';

interface RelationshipAddress {
  catalog: string;
  programManagementAccountIdentifier: string;
  identifier: string;
}

function find(ctx: OperationContext, input: Record<string, unknown>): RelationshipRecord {
  const { catalog, programManagementAccountIdentifier, identifier } = input as unknown as RelationshipAddress;
  return resolveRelationship(ctx, resolvePma(ctx, catalog, programManagementAccountIdentifier), identifier);
}

/** A read answer: every member the field table says it carries, from the record (absent when unset). */
function readAnswer(r: RelationshipRecord, carrier: 'list' | 'get'): Record<string, unknown> {
  const record = r as unknown as Record<string, unknown>;
  const names = [...FIELD_ROWS, ...MEMBER_ROWS].filter(([, row]) => row.travels.includes(carrier)).map(([name]) => readNameOf(name));
  return compact(Object.fromEntries(names.map((name) => [name, record[name]])));
}

/** RelationshipDetail (GetRelationship): everything but the support plan and the tags. */
function relationshipDetailOf(r: RelationshipRecord, envelope?: Envelope): Record<string, unknown> {
  const detail = readAnswer(r, 'get');
  return envelope ? asServed(envelope, 'detail', detail) : detail;
}

/** RelationshipSummary (ListRelationships): the detail without resaleAccountModel. */
export function relationshipSummaryOf(r: RelationshipRecord, envelope?: Envelope): Record<string, unknown> {
  const summary = readAnswer(r, 'list');
  return envelope ? asServed(envelope, 'summary', summary) : summary;
}

export const createRelationship: OperationHandler = (input, ctx) =>
  runIdempotent(ctx, 'CreateRelationship', 'Relationship', input, () => {
    const { state, settings } = ctx;
    const pma = resolvePma(ctx, input.catalog as string, input.programManagementAccountIdentifier as string);
    // Undocumented: whether a PENDING PMA takes relationships is the `pendingPmaRelationships` setting; an
    // INACTIVE one never does (assumed).
    if (pma.status === 'INACTIVE' || (pma.status === 'PENDING' && settings.pendingPmaRelationships === 'refuse')) {
      const name = 'programManagementAccountIdentifier';
      const message = `Program management account ${pma.id} is ${pma.status}: relationships need an ACTIVE program management account.`;
      throw validationError(message, [{ name, code: 'INVALID_VALUE', message }], 'BUSINESS_VALIDATION_FAILED');
    }
    const associatedAccountId = input.associatedAccountId as string;
    const existing = state.findByAccount(pma.id, associatedAccountId);
    if (existing) {
      throw conflict(`Program management account ${pma.id} already has relationship ${existing.id} with account ${associatedAccountId}.`, 'Relationship', existing.id);
    }
    const tags = mergeTags((input.tags as WireTag[] | undefined) ?? []);
    if (state.countRelationships(pma.id) >= settings.relationshipQuotaPerPma) {
      throw quotaExceeded(
        `Program management account ${pma.id} has reached its quota of ${settings.relationshipQuotaPerPma} relationships.`,
        'relationships-per-program-management-account',
        'ProgramManagementAccount',
        pma.id,
      );
    }
    const record = buildRelationshipRecord(pma, state.newId('rs'), state.nextTimestamp(), { ...storedFieldsOf(input), tags });
    state.addRelationship(record);
    noteCreated(settings.envelope, record.id);
    return { resourceId: record.id, response: { relationshipDetail: { arn: record.arn, id: record.id } } };
  });

export const getRelationship: OperationHandler = (input, ctx) => {
  const record = find(ctx, input);
  // Eventual consistency: a new relationship is not found until its visibility delay has passed.
  if (!isVisible(ctx.settings.envelope, record.id)) throw notFound('Relationship', input.identifier as string);
  return { relationshipDetail: relationshipDetailOf(record, ctx.settings.envelope) };
};

export const updateRelationship: OperationHandler = (input, ctx) => {
  const record = find(ctx, input);
  const { envelope } = ctx.settings;
  if (envelope.raceArmed) {
    // Someone else's update lands first, and this request fails before doing anything (500): the SDK retries.
    envelope.raceArmed = false;
    record.displayName = RACE_DISPLAY_NAME;
    ctx.state.touch(record);
    throw internalError("An internal error occurred (the emulator's one-shot update race).");
  }
  const revision = input.revision as string | undefined;
  // Compared as numbers: "007" and "7" name the same revision.
  if (revision !== undefined && Number(revision) !== Number(record.revision)) {
    throw conflict(`Relationship ${record.id} is at revision ${record.revision}, not ${revision}: it changed since you read it.`, 'Relationship', record.id);
  }
  for (const name of UPDATE_FIELDS) {
    if (input[name] !== undefined) (record as unknown as Record<string, unknown>)[name] = structuredClone(input[name]);
  }
  ctx.state.touch(record);
  return { relationshipDetail: { arn: record.arn, id: record.id, revision: record.revision, displayName: record.displayName } };
};

export const deleteRelationship: OperationHandler = (input, ctx) =>
  runIdempotent(ctx, 'DeleteRelationship', 'Relationship', input, () => {
    const record = find(ctx, input);
    ctx.state.deleteRelationship(record.id);
    return { resourceId: record.id, response: {} };
  });
