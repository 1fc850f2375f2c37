/**
 * A checked entry → a DesiredRelationship: each field as the field table's `normalise` says (document defaults
 * applied, the support plan and tags as fresh values), in table order; the PMA reduced to its bare id for the address. Optional
 * fields that are absent stay absent, so later deep-equality comparisons are not fooled by `undefined`.
 */
import { pmaIdOf } from '../../model/address.js';
import type { PartnerLedSupport, RelationshipSpec, ResoldSupport, SupportPlan } from '../../model/relationship.js';
import { FIELD_ROWS, type DocumentField, type FieldName, type Normalising } from '../../model/relationship-fields.js';
import { servicePeriodOf } from '../service-period/load-service-period.js';
import type { DesiredRelationship, SourceRef } from '../../desired/types.js';
import { effectiveField, entryAddressOf, type EntryRecord } from './load-rules.js';

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

/** How each Normalising strategy of the field table turns an entry's value into the desired one (undefined: absent). */
const NORMALISE: Record<Normalising, (record: EntryRecord, name: FieldName) => unknown> = {
  documentDefault: (record, name) => effectiveField(record, name as DocumentField).value ?? '',
  copy: (record, name) => record.entry[name],
  supportPlan: (record, name) => (record.entry[name] === undefined ? undefined : supportPlanOf(record.entry[name] as Record<string, unknown>)),
  // Object.fromEntries defines own properties, so no key can reach a prototype.
  tagMap: (record, name) => Object.fromEntries(Object.entries((record.entry[name] ?? {}) as Record<string, string>)),
};

/** The entry's RelationshipSpec, field by field as the table says, in table order; absent optional fields left out. */
function specOfEntry(record: EntryRecord): RelationshipSpec {
  const present = FIELD_ROWS.flatMap(([name, row]) => {
    const value = NORMALISE[row.normalise](record, name);
    return value === undefined ? [] : [[name, value] as const];
  });
  return Object.fromEntries(present) as unknown as RelationshipSpec;
}

/** Only for entries that passed the schema and the rules (`record.usable`). */
export function normaliseEntry(record: EntryRecord, source: SourceRef): DesiredRelationship {
  const entry = record.entry;
  const spec = specOfEntry(record);
  const pma = effectiveField(record, 'programManagementAccountIdentifier');
  // Named, the PMA stays in name form (pmaId and address hold the name) until resolveDeclaredPmas finds its id.
  const name = pma.byName ? spec.programManagementAccountIdentifier : undefined;
  return {
    address: entryAddressOf(spec.catalog, pma, spec.associatedAccountId),
    pmaId: name ?? pmaIdOf(spec.programManagementAccountIdentifier),
    ...(name !== undefined ? { programManagementAccount: name } : {}),
    ...(typeof entry.id === 'string' ? { id: entry.id } : {}),
    ...spec,
    ...(entry.servicePeriod !== undefined ? { servicePeriod: servicePeriodOf(entry.servicePeriod as Record<string, unknown>) } : {}),
    source,
    entry: { docIndex: record.document.docIndex, index: record.index },
  };
}
