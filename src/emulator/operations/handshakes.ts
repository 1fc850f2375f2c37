/**
 * CreateChannelHandshake (START_SERVICE_PERIOD and REVOKE_SERVICE_PERIOD about a relationship), and Accept,
 * Reject and Cancel. The sender is the calling account, the receiver the relationship's associated account.
 * At most one PENDING handshake of a type per relationship (409 naming it); a revoke needs an accepted period.
 */
import { conflict, quotaExceeded, validationError } from '../errors.js';
import { handshakeArnOf, idOfIdentifier, type HandshakeRecord } from '../state-records.js';
import { compact, resolvePma, resolveRelationship, type OperationContext, type OperationHandler } from './context.js';
import { currentHandshakes, pendingHandshakeFor, startDetailOf, type StartPayload } from './handshake-rules.js';
import { runIdempotent } from './idempotency.js';

const DAY_MS = 24 * 60 * 60 * 1000;
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
  const { handshakesPerReceiverPerDay: perDay, activeHandshakeQuota: active } = ctx.settings;
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

export const createChannelHandshake: OperationHandler = (input, ctx, caller) =>
  runIdempotent(ctx, 'CreateChannelHandshake', 'ChannelHandshake', input, () => {
    const request = input as unknown as CreateInput;
    const member = PAYLOAD_MEMBER[request.handshakeType];
    if (member === undefined) throw validationError(`The pcc emulator does not emulate ${request.handshakeType} handshakes.`, [], 'BUSINESS_VALIDATION_FAILED');
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
    const all = currentHandshakes(ctx);
    const pending = all.find((h) => h.associatedResourceId === relationship.id && h.handshakeType === request.handshakeType && h.status === 'PENDING');
    if (pending && !ctx.settings.envelope.duplicateHandshakes)
      throw conflict(`Relationship ${relationship.id} already has a PENDING ${request.handshakeType} handshake.`, 'ChannelHandshake', pending.id);
    const detail: HandshakeRecord['detail'] =
      request.handshakeType === 'START_SERVICE_PERIOD'
        ? { startServicePeriodHandshakeDetail: startDetailOf(payload as unknown as StartPayload, Date.now()) }
        : { revokeServicePeriodHandshakeDetail: revokeDetailOf(all, relationship.id, payload.note) };
    checkQuotas(ctx, request.catalog, request.handshakeType, caller, relationship.associatedAccountId, all);
    const id = ctx.state.newId('ch');
    const at = ctx.state.nextTimestamp();
    const record: HandshakeRecord = {
      id,
      arn: handshakeArnOf(caller, request.catalog, id),
      catalog: request.catalog,
      handshakeType: request.handshakeType,
      ownerAccountId: caller,
      senderAccountId: caller,
      receiverAccountId: relationship.associatedAccountId,
      associatedResourceId: relationship.id,
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
    ctx.state.changed();
    return { channelHandshakeDetail: { id: record.id, arn: record.arn, status } };
  };
}

export const acceptChannelHandshake = settle('AcceptChannelHandshake', 'receiver', 'ACCEPTED');
export const rejectChannelHandshake = settle('RejectChannelHandshake', 'receiver', 'REJECTED');
export const cancelChannelHandshake = settle('CancelChannelHandshake', 'sender', 'CANCELED');
