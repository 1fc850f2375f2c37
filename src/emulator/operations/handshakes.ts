/**
 * CreateChannelHandshake (START_SERVICE_PERIOD and REVOKE_SERVICE_PERIOD about a relationship, PROGRAM_MANAGEMENT_ACCOUNT
 * about a PENDING PMA), and Accept, Reject and Cancel. The sender is the calling account, the receiver the
 * relationship's associated account or the PMA's account. At most one PENDING handshake of a type per resource
 * (409 naming it); a revoke needs an accepted period; accepting a PMA's handshake makes the PMA ACTIVE.
 */
import { conflict, quotaExceeded, validationError } from '../errors.js';
import { handshakeArnOf, idOfIdentifier, type HandshakeRecord, type PmaRecord } from '../state-records.js';
import { compact, resolvePma, resolveRelationship, type OperationContext, type OperationHandler } from './context.js';
import { currentHandshakes, pendingHandshakeFor, startDetailOf, type StartPayload } from './handshake-rules.js';
import { runIdempotent } from './idempotency.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const PMA_HANDSHAKE = 'PROGRAM_MANAGEMENT_ACCOUNT';
const PAYLOAD_MEMBER: Record<string, string> = {
  START_SERVICE_PERIOD: 'startServicePeriodPayload',
  REVOKE_SERVICE_PERIOD: 'revokeServicePeriodPayload',
};

interface CreateInput {
  handshakeType: string;
  catalog: string;
  associatedResourceIdentifier: string;
  payload?: Record<string, Record<string, unknown> | undefined>;
}

/** The wire form of a handshake (ChannelHandshakeSummary). */
export function handshakeSummaryOf(record: HandshakeRecord): Record<string, unknown> {
  return compact({ ...structuredClone(record) });
}

function checkQuotas(ctx: OperationContext, catalog: string, type: string, sender: string, receiver: string, all: HandshakeRecord[]): void {
  const { handshakesPerReceiverPerDay: perDay } = ctx.settings;
  const active = type === PMA_HANDSHAKE ? ctx.settings.activePmaHandshakeQuota : ctx.settings.activeHandshakeQuota;
  // Per catalog (AWS and Sandbox are counted apart), about any relationship under any of the sender's PMAs.
  const sameType = all.filter((h) => h.catalog === catalog && h.handshakeType === type && h.senderAccountId === sender);
  const today = sameType.filter((h) => h.receiverAccountId === receiver && Date.now() - Date.parse(h.createdAt) < DAY_MS);
  if (today.length >= perDay) {
    throw quotaExceeded(`At most ${perDay} ${type} handshakes per day to account ${receiver}.`, 'handshakes-per-receiver-per-day', 'ChannelHandshake', receiver);
  }
  if (sameType.filter((h) => h.status === 'PENDING').length >= active) {
    throw quotaExceeded(`At most ${active} active ${type} handshakes.`, 'active-handshakes-per-type', 'ChannelHandshake', sender);
  }
}

/** A revoke carries the terms of the accepted period it ends. */
function revokeDetailOf(all: HandshakeRecord[], relationshipId: string, note: unknown): Record<string, unknown> {
  const accepted = all
    .filter((h) => h.associatedResourceId === relationshipId && h.status === 'ACCEPTED')
    .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1))
    .at(-1);
  if (accepted?.handshakeType !== 'START_SERVICE_PERIOD') {
    throw validationError(`Relationship ${relationshipId} has no accepted service period to revoke.`, [], 'BUSINESS_VALIDATION_FAILED');
  }
  return { ...accepted.detail.startServicePeriodHandshakeDetail, ...(typeof note === 'string' ? { note } : {}) };
}

/** What a handshake is about: the resource it names, who receives it, and what its detail records. */
interface Subject {
  resourceId: string;
  receiver: string;
  detail: () => HandshakeRecord['detail'];
}

function pmaSubject(ctx: OperationContext, request: CreateInput): Subject {
  if (request.payload !== undefined) {
    throw validationError(`${PMA_HANDSHAKE} handshakes take no payload.`, [{ name: 'payload', code: 'INVALID_VALUE', message: `omit payload for ${PMA_HANDSHAKE}` }]);
  }
  if (!idOfIdentifier(request.associatedResourceIdentifier).startsWith('pma-')) {
    throw validationError(`associatedResourceIdentifier must name a program management account for ${PMA_HANDSHAKE} handshakes.`, [], 'BUSINESS_VALIDATION_FAILED');
  }
  const pma: PmaRecord = resolvePma(ctx, request.catalog, request.associatedResourceIdentifier);
  // Assumed: only a PENDING PMA awaits its account's acceptance.
  if (pma.status !== 'PENDING') {
    throw validationError(`Program management account ${pma.id} is ${pma.status}, not PENDING: it needs no handshake.`, [], 'BUSINESS_VALIDATION_FAILED');
  }
  return { resourceId: pma.id, receiver: pma.accountId, detail: () => ({ programManagementAccountHandshakeDetail: { program: pma.program } }) };
}

function servicePeriodSubject(ctx: OperationContext, request: CreateInput, all: () => HandshakeRecord[]): Subject {
  const member = PAYLOAD_MEMBER[request.handshakeType] ?? '';
  const payload = request.payload?.[member];
  if (payload === undefined) {
    const name = `payload.${member}`;
    throw validationError(`${name} is required for ${request.handshakeType}`, [{ name, code: 'REQUIRED_FIELD_MISSING', message: `${name} is required` }]);
  }
  const pma = resolvePma(ctx, request.catalog, payload.programManagementAccountIdentifier as string);
  if (!idOfIdentifier(request.associatedResourceIdentifier).startsWith('rs-')) {
    throw validationError('associatedResourceIdentifier must name a relationship for service-period handshakes.', [], 'BUSINESS_VALIDATION_FAILED');
  }
  const relationship = resolveRelationship(ctx, pma, request.associatedResourceIdentifier);
  return {
    resourceId: relationship.id,
    receiver: relationship.associatedAccountId,
    detail: (): HandshakeRecord['detail'] =>
      request.handshakeType === 'START_SERVICE_PERIOD'
        ? { startServicePeriodHandshakeDetail: startDetailOf(payload as unknown as StartPayload, Date.now()) }
        : { revokeServicePeriodHandshakeDetail: revokeDetailOf(all(), relationship.id, payload.note) },
  };
}

export const createChannelHandshake: OperationHandler = (input, ctx, caller) =>
  runIdempotent(ctx, 'CreateChannelHandshake', 'ChannelHandshake', input, () => {
    const request = input as unknown as CreateInput;
    const all = currentHandshakes(ctx);
    const subject = request.handshakeType === PMA_HANDSHAKE ? pmaSubject(ctx, request) : servicePeriodSubject(ctx, request, () => all);
    const pending = all.find((h) => h.associatedResourceId === subject.resourceId && h.handshakeType === request.handshakeType && h.status === 'PENDING');
    if (pending && !ctx.settings.envelope.duplicateHandshakes) {
      const what = subject.resourceId.startsWith('pma-') ? 'Program management account' : 'Relationship';
      throw conflict(`${what} ${subject.resourceId} already has a PENDING ${request.handshakeType} handshake.`, 'ChannelHandshake', pending.id);
    }
    const detail = subject.detail();
    checkQuotas(ctx, request.catalog, request.handshakeType, caller, subject.receiver, all);
    const id = ctx.state.newId('ch');
    const at = ctx.state.nextTimestamp();
    const record: HandshakeRecord = {
      id,
      arn: handshakeArnOf(caller, request.catalog, id),
      catalog: request.catalog,
      handshakeType: request.handshakeType,
      ownerAccountId: caller,
      senderAccountId: caller,
      receiverAccountId: subject.receiver,
      associatedResourceId: subject.resourceId,
      detail,
      status: 'PENDING',
      createdAt: at,
      updatedAt: at,
    };
    ctx.state.addHandshake(record);
    return { resourceId: id, response: { channelHandshakeDetail: { id, arn: record.arn } } };
  });

function settle(operation: string, role: 'sender' | 'receiver', status: string): OperationHandler {
  return (input, ctx, caller) => {
    const record = pendingHandshakeFor(ctx, operation, input as { catalog: string; identifier: string }, caller, role);
    record.status = status;
    record.updatedAt = ctx.state.nextTimestamp();
    const detail = record.detail.startServicePeriodHandshakeDetail;
    if (status === 'ACCEPTED' && detail) detail.startDate = record.updatedAt;
    // The PMA's account accepted: the PMA is ACTIVE (unless it has gone, or is no longer PENDING).
    const pma = record.handshakeType === PMA_HANDSHAKE ? ctx.state.pmaRecord(record.associatedResourceId) : undefined;
    if (status === 'ACCEPTED' && pma?.status === 'PENDING') ctx.state.changePmaStatus(pma, 'ACTIVE');
    ctx.state.changed();
    return { channelHandshakeDetail: { id: record.id, arn: record.arn, status } };
  };
}

export const acceptChannelHandshake = settle('AcceptChannelHandshake', 'receiver', 'ACCEPTED');
export const rejectChannelHandshake = settle('RejectChannelHandshake', 'receiver', 'REJECTED');
export const cancelChannelHandshake = settle('CancelChannelHandshake', 'sender', 'CANCELED');
