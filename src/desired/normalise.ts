/**
 * A checked entry → a DesiredRelationship: document defaults applied, the PMA reduced to its bare id for
 * the address, only the fields the API knows copied (in a fixed order), tags as a fresh map. Optional
 * fields that are absent stay absent, so later deep-equality comparisons are not fooled by `undefined`.
 */
import { addressOf, pmaIdOf } from '../model/address.js';
import type { PartnerLedSupport, ResoldSupport, SupportPlan } from '../model/relationship.js';
import type { ServicePeriod } from '../model/service-period.js';
import type { DesiredRelationship, SourceRef } from './types.js';
import { effectiveField, type EntryRecord } from './rules.js';

function resold(plan: Record<string, unknown>): ResoldSupport {
  return {
    coverage: plan.coverage as ResoldSupport['coverage'],
    tamLocation: plan.tamLocation as string,
    ...(plan.chargeAccountId !== undefined ? { chargeAccountId: plan.chargeAccountId as string } : {}),
  };
}

function partnerLed(plan: Record<string, unknown>): PartnerLedSupport {
  return {
    coverage: plan.coverage as PartnerLedSupport['coverage'],
    tamLocation: plan.tamLocation as string,
    ...(plan.provider !== undefined ? { provider: plan.provider as PartnerLedSupport['provider'] } : {}),
  };
}

/** The schema guarantees exactly one known member. */
function supportPlanOf(value: Record<string, unknown>): SupportPlan {
  if (value.resoldEnterprise) return { resoldEnterprise: resold(value.resoldEnterprise as Record<string, unknown>) };
  if (value.partnerLedSupport) return { partnerLedSupport: partnerLed(value.partnerLedSupport as Record<string, unknown>) };
  return { resoldUnifiedOperations: resold(value.resoldUnifiedOperations as Record<string, unknown>) };
}

/** The schema guarantees the type's own member and no other. */
function servicePeriodOf(value: Record<string, unknown>): ServicePeriod {
  const note = typeof value.note === 'string' ? { note: value.note } : {};
  return value.type === 'MINIMUM_NOTICE_PERIOD'
    ? { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: value.minimumNoticeDays as 14 | 30 | 60, ...note }
    : { type: 'FIXED_COMMITMENT_PERIOD', endDate: value.endDate as string, ...note };
}

/** Only for entries that passed the schema and the rules (`record.usable`). */
export function normaliseEntry(record: EntryRecord, source: SourceRef): DesiredRelationship {
  const entryAt = { docIndex: record.document.docIndex, index: record.index };
  const entry = record.entry;
  const catalog = effectiveField(record, 'catalog').value ?? '';
  const pmaIdentifier = effectiveField(record, 'programManagementAccountIdentifier').value ?? '';
  const associatedAccountId = entry.associatedAccountId as string;
  // Object.fromEntries defines own properties, so no key can reach a prototype.
  const tags = Object.fromEntries(Object.entries((entry.tags ?? {}) as Record<string, string>));
  return {
    address: addressOf(catalog, pmaIdentifier, associatedAccountId),
    pmaId: pmaIdOf(pmaIdentifier),
    ...(typeof entry.id === 'string' ? { id: entry.id } : {}),
    catalog,
    programManagementAccountIdentifier: pmaIdentifier,
    associatedAccountId,
    associationType: entry.associationType as DesiredRelationship['associationType'],
    displayName: entry.displayName as string,
    sector: entry.sector as DesiredRelationship['sector'],
    ...(entry.resaleAccountModel !== undefined ? { resaleAccountModel: entry.resaleAccountModel as DesiredRelationship['resaleAccountModel'] } : {}),
    ...(entry.requestedSupportPlan !== undefined ? { requestedSupportPlan: supportPlanOf(entry.requestedSupportPlan as Record<string, unknown>) } : {}),
    ...(entry.servicePeriod !== undefined ? { servicePeriod: servicePeriodOf(entry.servicePeriod as Record<string, unknown>) } : {}),
    tags,
    source,
    entry: entryAt,
  };
}
