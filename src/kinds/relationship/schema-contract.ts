/**
 * The TypeScript side of the contract between `src/model/relationship.ts` and the JSON Schema. Each map
 * below lists every field of a model type and whether it is required; `satisfies` (for the relationship's own
 * fields: the field table's `satisfies` and FIELD_PRESENCE_AGREES) makes the compiler check the map against
 * the type (a field added, removed or made optional in the type breaks the build), and
 * test/desired/schema-contract.test.ts checks the same maps against the schema. Together: no drift.
 */
import type { PartnerLedSupport, RelationshipSpec, ResoldSupport, SupportPlan } from '../../model/relationship.js';
import { FIELD_ROWS, fieldsWhere, isRequiredInSpec } from '../../model/relationship-fields.js';
import type { DesiredRelationship } from '../../desired/types.js';

type Presence = 'required' | 'optional';
/** For each field of T: 'required' or 'optional', exactly as T declares it. */
type FieldsOf<T> = { [K in keyof T]-?: undefined extends T[K] ? 'optional' : 'required' };
/** Every key of every member of a union. */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** From the field table, whose rows the compiler checks against RelationshipSpec (see FIELD_PRESENCE_AGREES). */
export const RELATIONSHIP_SPEC_FIELDS = Object.fromEntries(
  FIELD_ROWS.map(([name, row]) => [name, isRequiredInSpec(row) ? 'required' : 'optional']),
) as FieldsOf<RelationshipSpec>;

/** What DesiredRelationship adds to the spec that comes from the file (`address`, `pmaId`, `source` are derived). */
export const DESIRED_FILE_FIELDS = { id: 'optional', programManagementAccount: 'optional', servicePeriod: 'optional' } as const satisfies Pick<
  FieldsOf<DesiredRelationship>,
  'id' | 'programManagementAccount' | 'servicePeriod'
>;

export const RESOLD_SUPPORT_FIELDS = {
  coverage: 'required',
  tamLocation: 'required',
  chargeAccountId: 'optional',
} as const satisfies FieldsOf<ResoldSupport>;

export const PARTNER_LED_SUPPORT_FIELDS = {
  coverage: 'required',
  tamLocation: 'required',
  provider: 'optional',
} as const satisfies FieldsOf<PartnerLedSupport>;

/** The members of the SupportPlan union. */
export const SUPPORT_PLAN_MEMBERS = {
  resoldEnterprise: 'optional',
  partnerLedSupport: 'optional',
  resoldUnifiedOperations: 'optional',
} as const satisfies Record<KeysOfUnion<SupportPlan>, Presence>;

/**
 * How an entry in a file differs from the spec: these spec fields may come from the document's defaults,
 * and `tags` may be left out (it becomes `{}`).
 */
export const OPTIONAL_IN_FILE: ReadonlyArray<keyof RelationshipSpec> = fieldsWhere((row) => row.normalise === 'documentDefault' || row.normalise === 'tagMap');
