/**
 * Service periods: what a file declares (`servicePeriod` on an entry), what a START_SERVICE_PERIOD
 * handshake carries, and when the two mean the same terms. Shared by normalise, live reads, plan and apply.
 */

/** Statuses of a channel handshake (the model's HandshakeStatus). */
export const HANDSHAKE_STATUSES = ['PENDING', 'ACCEPTED', 'REJECTED', 'CANCELED', 'EXPIRED'] as const;
export type HandshakeStatus = (typeof HANDSHAKE_STATUSES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
/** The service's bounds on a FIXED_COMMITMENT_PERIOD's endDate, in UTC days after the day of the request. */
export const FIXED_COMMITMENT_DAYS = { min: 60, max: 365 } as const;

/**
 * The service's handshake quotas (Partner Central Channel quotas, per catalog): at most `perAccountPerDay`
 * handshakes of one type sent to one (receiving) account in any 24 hours, and at most `activePerType` active
 * (PENDING) START_SERVICE_PERIOD and as many REVOKE_SERVICE_PERIOD handshakes per sending account. The one
 * source of these numbers: the planner's checks, apply's messages and the emulator's defaults all read them here.
 */
export const HANDSHAKE_QUOTAS = { perAccountPerDay: 5, activePerType: 200 } as const;

/**
 * Whole UTC days from the day of `nowMs` to the day of `endMs` (NaN when either is NaN): the 60-365 day window
 * counts days, so a request made at 23:59 may end on the 60th day after it, as one made at 00:01 may.
 */
export function utcDaysBetween(nowMs: number, endMs: number): number {
  return Math.floor(endMs / DAY_MS) - Math.floor(nowMs / DAY_MS);
}

/** The UTC day `days` after the day of `nowMs`, as `YYYY-MM-DD`. */
export function utcDayAfter(nowMs: number, days: number): string {
  return new Date((Math.floor(nowMs / DAY_MS) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** The declared terms. `endDate` is a UTC day `YYYY-MM-DD`; `minimumNoticeDays` is 14, 30 or 60. */
export type ServicePeriod =
  { type: 'MINIMUM_NOTICE_PERIOD'; minimumNoticeDays: 14 | 30 | 60; note?: string } | { type: 'FIXED_COMMITMENT_PERIOD'; endDate: string; note?: string };

/** The terms a handshake's detail holds (StartServicePeriodHandshakeDetail); any member may be absent. */
export interface ServicePeriodTerms {
  servicePeriodType?: string;
  minimumNoticeDays?: string;
  /** ISO-8601 date-time. */
  endDate?: string;
  note?: string;
}

/** The StartServicePeriodPayload members for `period` (without the PMA): what CreateChannelHandshake sends. */
export function termsOf(period: ServicePeriod): ServicePeriodTerms {
  const note = period.note === undefined ? {} : { note: period.note };
  return period.type === 'MINIMUM_NOTICE_PERIOD'
    ? { servicePeriodType: period.type, minimumNoticeDays: String(period.minimumNoticeDays), ...note }
    : { servicePeriodType: period.type, endDate: `${period.endDate}T00:00:00.000Z`, ...note };
}

/** Whether a handshake's terms are the declared ones (type, days or end day, and note). */
export function sameTerms(period: ServicePeriod, terms: ServicePeriodTerms): boolean {
  return sameTermsAs(termsOf(period), terms);
}

/** Whether two sets of terms agree: type, notice days, end day (UTC) and note. */
export function sameTermsAs(wanted: ServicePeriodTerms, terms: ServicePeriodTerms): boolean {
  const endDay = (iso: string | undefined) => (iso === undefined ? undefined : iso.slice(0, 10));
  return (
    wanted.servicePeriodType === terms.servicePeriodType &&
    wanted.minimumNoticeDays === terms.minimumNoticeDays &&
    endDay(wanted.endDate) === endDay(terms.endDate) &&
    (wanted.note ?? '') === (terms.note ?? '')
  );
}

/** The file form of a handshake's terms, or undefined when they are not ones a file can declare. */
export function servicePeriodOfTerms(terms: ServicePeriodTerms): ServicePeriod | undefined {
  const note = terms.note === undefined ? {} : { note: terms.note };
  const days = Number(terms.minimumNoticeDays);
  if (terms.servicePeriodType === 'MINIMUM_NOTICE_PERIOD' && (days === 14 || days === 30 || days === 60)) {
    return { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: days, ...note };
  }
  if (terms.servicePeriodType === 'FIXED_COMMITMENT_PERIOD' && terms.endDate !== undefined) {
    return { type: 'FIXED_COMMITMENT_PERIOD', endDate: terms.endDate.slice(0, 10), ...note };
  }
  return undefined;
}

/** `MINIMUM_NOTICE_PERIOD 30 days` / `FIXED_COMMITMENT_PERIOD until 2027-06-30`, for plans. */
export function describeTerms(terms: ServicePeriodTerms): string {
  const type = terms.servicePeriodType ?? 'unknown type';
  if (terms.minimumNoticeDays !== undefined) return `${type}, ${terms.minimumNoticeDays} days notice`;
  if (terms.endDate !== undefined) return `${type} until ${terms.endDate.slice(0, 10)}`;
  return type;
}
