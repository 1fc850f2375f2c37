/**
 * The schema and the TypeScript model must not drift. src/kinds/relationship/schema-contract.ts ties the maps below
 * to the model types at compile time; this test ties the same maps (and the model's `as const` enum lists)
 * to schema/relationships.schema.json. It also pins the constraints copied from the service model
 * (partnercentral-channel 2024-03-18) and checks that every field has the help text editors show.
 */
import { describe, expect, it } from 'vitest';
import type { AnySchemaObject } from 'ajv/dist/2020.js';
import {
  ASSOCIATION_TYPES,
  COVERAGES,
  IMMUTABLE_FIELDS,
  PROVIDERS,
  RESALE_ACCOUNT_MODELS,
  SECTORS,
  SUPPORT_PLAN_VARIANTS,
  UPDATABLE_FIELDS,
} from '../../src/model/relationship.js';
import {
  DESIRED_FILE_FIELDS,
  OPTIONAL_IN_FILE,
  PARTNER_LED_SUPPORT_FIELDS,
  RELATIONSHIP_SPEC_FIELDS,
  RESOLD_SUPPORT_FIELDS,
  SUPPORT_PLAN_MEMBERS,
} from '../../src/kinds/relationship/schema-contract.js';
import { DEFAULTED_FIELDS } from '../../src/kinds/relationship/load-rules.js';
import { relationshipsSchema } from '../../src/desired/schema-validate.js';

const schema = relationshipsSchema();
const defs = schema.$defs as Record<string, AnySchemaObject>;

function def(name: string): AnySchemaObject {
  const found = defs[name];
  if (!found) throw new Error(`schema has no $defs/${name}`);
  return found;
}

/** Follows `$ref: #/$defs/X` (possibly twice). */
function resolve(node: AnySchemaObject): AnySchemaObject {
  let current = node;
  while (typeof current.$ref === 'string') current = def(current.$ref.replace('#/$defs/', ''));
  return current;
}

const keys = (object: object) => Object.keys(object).sort();
const requiredOf = (fields: Record<string, string>) =>
  Object.keys(fields)
    .filter((key) => fields[key] === 'required')
    .sort();

describe('schema ↔ TypeScript model', () => {
  it('has exactly the relationship fields of the model, plus the optional id pin', () => {
    const relationship = def('Relationship');
    expect(keys(relationship.properties as object)).toEqual(keys({ ...RELATIONSHIP_SPEC_FIELDS, ...DESIRED_FILE_FIELDS }));
  });

  it('requires in each entry what the model requires, except what defaults or normalising supply', () => {
    const expected = requiredOf(RELATIONSHIP_SPEC_FIELDS).filter((field) => !OPTIONAL_IN_FILE.includes(field as never));
    expect([...(def('Relationship').required as string[])].sort()).toEqual(expected);
  });

  it('offers document defaults for exactly the fields the rules default', () => {
    const document = schema.properties as Record<string, AnySchemaObject>;
    // `released` is a list of addresses, not a default (src/kinds/relationship/load-released.ts); `programManagementAccount`
    // is the other way to name the PMA default (src/kinds/relationship/pma-reference.ts).
    // `programManagementAccounts` is the PMA kind's section (src/kinds/program-management-account/loader.ts).
    expect(keys(document)).toEqual([...DEFAULTED_FIELDS, 'programManagementAccount', 'released', 'relationships', 'programManagementAccounts'].sort());
    // A document declares relationships, PMAs or both: without PMAs, relationships is required.
    expect(schema.then).toEqual({ required: ['relationships'] });
    for (const field of DEFAULTED_FIELDS)
      expect(resolve(document[field] as AnySchemaObject)).toBe(resolve((def('Relationship').properties as Record<string, AnySchemaObject>)[field] as AnySchemaObject));
  });

  it.each([
    ['AssociationType', 'associationType', ASSOCIATION_TYPES],
    ['Sector', 'sector', SECTORS],
    ['ResaleAccountModel', 'resaleAccountModel', RESALE_ACCOUNT_MODELS],
  ] as const)('lists the same %s values as the model', (name, field, values) => {
    expect(def(name).enum).toEqual([...values]);
    expect((def('Relationship').properties as Record<string, AnySchemaObject>)[field]?.$ref).toBe(`#/$defs/${name}`);
  });

  it('lists the same Coverage and Provider values as the model', () => {
    expect(def('Coverage').enum).toEqual([...COVERAGES]);
    expect(def('Provider').enum).toEqual([...PROVIDERS]);
  });

  it('has the support plan members of the model, exactly one at a time', () => {
    const plan = def('SupportPlan');
    const members = Object.entries(plan.properties as Record<string, AnySchemaObject>).filter(([, member]) => !member.deprecated);
    expect(members.map(([name]) => name)).toEqual([...SUPPORT_PLAN_VARIANTS]);
    expect(keys(SUPPORT_PLAN_MEMBERS)).toEqual([...SUPPORT_PLAN_VARIANTS].sort());
    expect([plan.minProperties, plan.maxProperties, plan.additionalProperties]).toEqual([1, 1, false]);
  });

  it('shapes the resold plans like ResoldSupport and partner-led like PartnerLedSupport', () => {
    for (const name of ['ResoldEnterprise', 'ResoldUnifiedOperations']) {
      const resold = resolve(def(name));
      expect(keys(resold.properties as object)).toEqual(keys(RESOLD_SUPPORT_FIELDS));
      expect([...(resold.required as string[])].sort()).toEqual(requiredOf(RESOLD_SUPPORT_FIELDS));
    }
    const partnerLed = def('PartnerLedSupport');
    expect(keys(partnerLed.properties as object)).toEqual(keys(PARTNER_LED_SUPPORT_FIELDS));
    expect([...(partnerLed.required as string[])].sort()).toEqual(requiredOf(PARTNER_LED_SUPPORT_FIELDS));
  });

  it('knows every field the model calls immutable or updatable', () => {
    const fields = keys(def('Relationship').properties as object);
    for (const field of [...IMMUTABLE_FIELDS, ...UPDATABLE_FIELDS]) expect(fields).toContain(field);
  });
});

describe('schema ↔ service model constraints', () => {
  // Copied from partnercentral-channel 2024-03-18 (the tests must not read the model file itself).
  it.each([
    ['AccountId', 12, 12, '^[0-9]*$'],
    ['Catalog', 1, 64, '^[a-zA-Z]*$'],
    [
      'ProgramManagementAccountIdentifier',
      17,
      1011,
      '^(arn:[a-z-]+:partnercentral:[a-z0-9-]+:[0-9]{12}:catalog/[a-zA-Z]+/program-management-account/)?pma-[a-z0-9]{13}$',
    ],
    ['RelationshipId', 16, 16, '^rs-[a-z0-9]{13}$'],
    ['DisplayName', 1, 30, '^[^\\x00-\\x1F\\x7F]*$'],
    ['TagKey', 1, 128, '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$'],
    ['TagValue', undefined, 256, '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$'],
  ])('%s: length %s-%s, pattern %s', (name, min, max, pattern) => {
    const shape = def(name);
    expect([shape.type, shape.minLength, shape.maxLength, shape.pattern]).toEqual(['string', min, max, pattern]);
  });

  it('uses the account id shape for both account id fields', () => {
    expect((def('Relationship').properties as Record<string, AnySchemaObject>).associatedAccountId?.$ref).toBe('#/$defs/AccountId');
    expect((def('ResoldSupport').properties as Record<string, AnySchemaObject>).chargeAccountId?.$ref).toBe('#/$defs/AccountId');
  });

  it('keeps resoldBusiness only as a removed member that always fails, with the date and the replacement', () => {
    const removed = (def('SupportPlan').properties as Record<string, AnySchemaObject>).resoldBusiness as AnySchemaObject;
    expect(removed.deprecated).toBe(true);
    expect(removed.not).toEqual({});
    expect(removed.description).toContain('2026-03-03');
    expect(removed.description).toContain('resoldUnifiedOperations');
  });
});

describe('schema as editors see it', () => {
  it('is a 2020-12 schema with an $id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/^https:\/\/.+relationships\.schema\.json$/);
    expect(schema.title).toBeTruthy();
  });

  it('closes every object: unknown fields are errors', () => {
    for (const name of ['Relationship', 'ResoldSupport', 'PartnerLedSupport', 'SupportPlan']) expect(def(name).additionalProperties).toBe(false);
    expect(schema.additionalProperties).toBe(false);
  });

  it('gives every field a description, on the field or on what it refers to', () => {
    const missing: string[] = [];
    const check = (where: string, properties: Record<string, AnySchemaObject>) => {
      for (const [name, property] of Object.entries(properties)) {
        // Editors show the first description along the $ref chain.
        let current: AnySchemaObject | undefined = property;
        while (current && !current.description) current = typeof current.$ref === 'string' ? def(current.$ref.replace('#/$defs/', '')) : undefined;
        if (!current) missing.push(`${where}.${name}`);
      }
    };
    check('document', schema.properties as Record<string, AnySchemaObject>);
    for (const [name, shape] of Object.entries(defs)) if (shape.properties) check(name, shape.properties as Record<string, AnySchemaObject>);
    expect(missing).toEqual([]);
    for (const [name, shape] of Object.entries(defs)) if (name !== 'ResoldSupport') expect(shape.title ?? shape.description, name).toBeTruthy();
  });
});
