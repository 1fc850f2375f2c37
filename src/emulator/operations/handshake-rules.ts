/**
 * The business rules of service-period handshakes that no shape expresses: the terms of a period, expiry of
 * PENDING requests, and who may see and act on a handshake. Assumptions beyond the model are in EMULATOR.md.
 */
import { accessDenied, notFound, validationError, type ServiceError } from '../errors.js';
import type { HandshakeRecord } from '../state-records.js';
import { idOfIdentifier } from '../state-records.js';
import type { OperationContext } from './context.js';
import { FIXED_COMMITMENT_DAYS, utcDaysBetween } from '../../model/service-period.js';

const MINIMUM_NOTICE_DAYS = ['14', '30', '60'] as const;

export interface StartPayload {
  programManagementAccountIdentifier: string;
  servicePeriodType: 'MINIMUM_NOTICE_PERIOD' | 'FIXED_COMMITMENT_PERIOD';
  minimumNoticeDays?: string;
  endDate?: string | number;
  note?: string;
}

function businessError(name: string, message: string): ServiceError {
  return validationError(message, [{ name, code: 'INVALID_VALUE', message }], 'BUSINESS_VALIDATION_FAILED');
}

/** The detail a START_SERVICE_PERIOD request records, or the ValidationException its terms deserve. */
export function startDetailOf(payload: StartPayload, nowMs: number): Record<string, unknown> {
  const path = 'payload.startServicePeriodPayload';
  const note = payload.note === undefined ? {} : { note: payload.note };
  if (payload.servicePeriodType === 'MINIMUM_NOTICE_PERIOD') {
    if (payload.endDate !== undefined) throw businessError(`${path}.endDate`, 'endDate is only for FIXED_COMMITMENT_PERIOD');
    if (!MINIMUM_NOTICE_DAYS.includes(payload.minimumNoticeDays as (typeof MINIMUM_NOTICE_DAYS)[number])) {
      throw businessError(`${path}.minimumNoticeDays`, `minimumNoticeDays must be one of ${MINIMUM_NOTICE_DAYS.join(', ')} for MINIMUM_NOTICE_PERIOD`);
    }
    return { servicePeriodType: payload.servicePeriodType, minimumNoticeDays: payload.minimumNoticeDays, ...note };
  }
  if (payload.minimumNoticeDays !== undefined) throw businessError(`${path}.minimumNoticeDays`, 'minimumNoticeDays is only for MINIMUM_NOTICE_PERIOD');
  if (payload.endDate === undefined) throw businessError(`${path}.endDate`, 'endDate is required for FIXED_COMMITMENT_PERIOD');
  const endMs = typeof payload.endDate === 'number' ? payload.endDate * 1000 : Date.parse(payload.endDate);
  // Whole UTC days (assumed): the day of the request to the end's day.
  const days = utcDaysBetween(nowMs, endMs);
  if (!(days >= FIXED_COMMITMENT_DAYS.min && days <= FIXED_COMMITMENT_DAYS.max)) {
    throw businessError(`${path}.endDate`, `endDate must be ${FIXED_COMMITMENT_DAYS.min} to ${FIXED_COMMITMENT_DAYS.max} days (UTC days) from today`);
  }
  return { servicePeriodType: payload.servicePeriodType, endDate: new Date(endMs).toISOString(), ...note };
}

/** Marks a PENDING handshake older than `handshakeExpiryMs` EXPIRED (done lazily, whenever one is looked at). */
function expireIfDue(ctx: OperationContext, record: HandshakeRecord): HandshakeRecord {
  if (record.status === 'PENDING' && Date.now() - Date.parse(record.createdAt) > ctx.settings.handshakeExpiryMs) {
    record.status = 'EXPIRED';
    record.updatedAt = ctx.state.nextTimestamp();
    ctx.state.changed();
  }
  return record;
}

/** Every handshake, expired where due. */
export function currentHandshakes(ctx: OperationContext): HandshakeRecord[] {
  return [...ctx.state.liveHandshakes()].map((record) => expireIfDue(ctx, record));
}

/**
 * The handshake `identifier` names in `catalog`, as `caller` may act on it as `role`: one the caller takes no
 * part in is not found; one where the caller plays the other part is AccessDenied; one no longer PENDING is a
 * ValidationException (the model gives Accept, Reject and Cancel no ConflictException).
 */
export function pendingHandshakeFor(
  ctx: OperationContext,
  operation: string,
  input: { catalog: string; identifier: string },
  caller: string,
  role: 'sender' | 'receiver',
): HandshakeRecord {
  const record = ctx.state.handshakeRecord(idOfIdentifier(input.identifier));
  const named = record && record.catalog === input.catalog && (!input.identifier.startsWith('arn:') || record.arn === input.identifier);
  if (!record || !named || (record.senderAccountId !== caller && record.receiverAccountId !== caller)) {
    throw notFound('ChannelHandshake', input.identifier);
  }
  const party = role === 'sender' ? record.senderAccountId : record.receiverAccountId;
  if (party !== caller) throw accessDenied(operation, `Only the handshake's ${role} may do this.`);
  expireIfDue(ctx, record);
  if (record.status !== 'PENDING') {
    throw validationError(`Handshake ${record.id} is ${record.status}, not PENDING.`, [], 'BUSINESS_VALIDATION_FAILED');
  }
  return record;
}
