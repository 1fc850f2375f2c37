/**
 * The shared vocabulary of a Partner Central Channel relationship, as the API names it.
 * Enum values come from the service model (partnercentral-channel 2024-03-18).
 * The JSON Schema in `schema/` must agree with these lists; `test/model` checks that it does.
 */

export const ASSOCIATION_TYPES = ['DOWNSTREAM_SELLER', 'END_CUSTOMER', 'INTERNAL'] as const;
export type AssociationType = (typeof ASSOCIATION_TYPES)[number];

export const SECTORS = ['COMMERCIAL', 'GOVERNMENT', 'GOVERNMENT_EXCEPTION'] as const;
type Sector = (typeof SECTORS)[number];

export const RESALE_ACCOUNT_MODELS = ['DISTRIBUTOR', 'END_CUSTOMER', 'SOLUTION_PROVIDER'] as const;
type ResaleAccountModel = (typeof RESALE_ACCOUNT_MODELS)[number];

export const COVERAGES = ['ENTIRE_ORGANIZATION', 'MANAGEMENT_ACCOUNT_ONLY'] as const;
type Coverage = (typeof COVERAGES)[number];

export const PROVIDERS = ['DISTRIBUTOR', 'DISTRIBUTION_SELLER'] as const;
type Provider = (typeof PROVIDERS)[number];

/** resoldEnterprise and resoldUnifiedOperations share this shape. */
export interface ResoldSupport {
  coverage: Coverage;
  tamLocation: string;
  /** 12 digits. */
  chargeAccountId?: string;
}

export interface PartnerLedSupport {
  coverage: Coverage;
  tamLocation: string;
  provider?: Provider;
}

/** The API's SupportPlan union: exactly one member is set. It is write-only: no read returns it. */
export type SupportPlan = { resoldEnterprise: ResoldSupport } | { partnerLedSupport: PartnerLedSupport } | { resoldUnifiedOperations: ResoldSupport };

export const SUPPORT_PLAN_VARIANTS = ['resoldEnterprise', 'partnerLedSupport', 'resoldUnifiedOperations'] as const;
export type SupportPlanVariant = (typeof SUPPORT_PLAN_VARIANTS)[number];

/** Which fields are immutable after create, and which UpdateRelationship changes: see the field table. */
export { IMMUTABLE_FIELDS, UPDATE_FIELDS as UPDATABLE_FIELDS } from './relationship-fields.js';

/**
 * Everything needed to create a relationship, after file defaults are applied.
 * `tags` holds user tags only (never a `pcc:` key); it is a map here and a {key, value} list on the wire.
 */
export interface RelationshipSpec {
  catalog: string;
  /** As written in the file: a `pma-…` id or a PMA ARN. */
  programManagementAccountIdentifier: string;
  /** 12 digits, a string. */
  associatedAccountId: string;
  associationType: AssociationType;
  /** 1-30 characters, no control characters. */
  displayName: string;
  sector: Sector;
  resaleAccountModel?: ResaleAccountModel;
  requestedSupportPlan?: SupportPlan;
  tags: Record<string, string>;
}
