/**
 * Loading a service period: it is declared as a relationship entry's `servicePeriod:` member (the schema nests it
 * there), so the relationship loader calls these for each of its entries; this kind owns the rule and the shape.
 */
import type { Problem } from '../../diagnostics/diagnostic.js';
import { isPlainObject, type CheckedDocument } from '../../desired/check-documents.js';
import { quote } from '../../desired/describe-value.js';
import { toPointer } from '../../desired/locate-node.js';
import type { ServicePeriod } from '../../model/service-period.js';

/** An entry that may declare `servicePeriod:` (structurally the relationship loader's entry record). */
export interface ServicePeriodHolder {
  document: CheckedDocument;
  entry: Record<string, unknown>;
  /** False once a rule found a problem that keeps the entry out of the desired state. */
  usable: boolean;
}

/**
 * `servicePeriod.endDate` must be a day of the calendar: the schema's pattern lets 2027-02-29 or 2026-04-31
 * through, which the SDK would send as the next month's day, so the pending request would never show the
 * declared terms and every plan would cancel and request it again. `entryAt`: the entry's segments in its document.
 */
export function checkEndDateIsADay(record: ServicePeriodHolder, entryAt: ReadonlyArray<string | number>): Problem[] {
  const period = record.entry.servicePeriod;
  const endDate = isPlainObject(period) ? period.endDate : undefined;
  const segments = [...entryAt, 'servicePeriod', 'endDate'];
  if (typeof endDate !== 'string' || record.document.dirty.has(toPointer(segments)) || isCalendarDay(endDate)) return [];
  record.usable = false;
  const { source, docIndex } = record.document;
  return [
    {
      code: 'service-period-end-date-invalid',
      severity: 'error',
      message: `servicePeriod.endDate ${quote(endDate)} is not a day of the calendar`,
      hint: 'write a day that exists (YYYY-MM-DD, UTC; February has 29 days only in leap years)',
      file: source.file,
      ...source.valueAt(docIndex, segments),
      path: toPointer(segments),
    },
  ];
}

/** Whether `YYYY-MM-DD` names a real day (Date.parse rolls 02-30 over into March instead of refusing it). */
function isCalendarDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/** A `servicePeriod:` that passed the schema and the rules: the schema guarantees the type's own member and no other. */
export function servicePeriodOf(value: Record<string, unknown>): ServicePeriod {
  const note = typeof value.note === 'string' ? { note: value.note } : {};
  return value.type === 'MINIMUM_NOTICE_PERIOD'
    ? { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: value.minimumNoticeDays as 14 | 30 | 60, ...note }
    : { type: 'FIXED_COMMITMENT_PERIOD', endDate: value.endDate as string, ...note };
}
