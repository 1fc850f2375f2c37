/**
 * Every constraint of the schema, good and bad, through loadDesired: the code, the line and column the
 * problem points at, and the words a person reads. Each runs with the fast reader on and off: positions
 * must not depend on which reader read the file.
 */
import { describe, expect, it } from 'vitest';
import { briefs, entry, HEADER, load } from './helpers.js';

/** Column of the value after `    key: ` (an entry field at 4 spaces). */
const valueColumn = (key: string) => 4 + key.length + 2 + 1;
const PLAN = (member: string, fields: string) => `\n      ${member}:\n${fields.replace(/^/gm, '        ')}`;

interface Case {
  name: string;
  yaml: string;
  /** `code@line:column` of every diagnostic, in order; [] for valid input. */
  expected: string[];
  /** Fragments the first diagnostic's message (and hint) must contain. */
  message?: string[];
  hint?: string[];
}

const accountIds: Case[] = [
  { name: 'a quoted 12-digit account id', yaml: HEADER + entry(), expected: [] },
  {
    name: '11 digits',
    yaml: HEADER + entry({ associatedAccountId: '"11112222333"' }),
    expected: ['schema-length@4:26'],
    message: ['associatedAccountId "11112222333" is not a 12-digit AWS account id'],
  },
  { name: '13 digits', yaml: HEADER + entry({ associatedAccountId: '"1111222233334"' }), expected: ['schema-length@4:26'] },
  { name: 'a letter among 12 characters', yaml: HEADER + entry({ associatedAccountId: '"11112222333a"' }), expected: ['schema-pattern@4:26'] },
  {
    name: 'an unquoted account id',
    yaml: HEADER + entry({ associatedAccountId: '111122223333' }),
    expected: ['schema-unquoted-number@4:26'],
    message: ['associatedAccountId is not in quotes, so YAML read 111122223333 as a number'],
    hint: ['quote it: associatedAccountId: "111122223333"'],
  },
  {
    name: 'an unquoted account id with a leading zero',
    yaml: HEADER + entry({ associatedAccountId: '011122223333' }),
    expected: ['schema-unquoted-number@4:26'],
    message: ['drops the leading zero (11122223333)'],
    hint: ['"011122223333"'],
  },
  {
    name: 'a chargeAccountId that is too short',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('resoldEnterprise', 'coverage: ENTIRE_ORGANIZATION\ntamLocation: us-east-1\nchargeAccountId: "123"') }),
    expected: ['schema-length@12:26'],
    message: ['chargeAccountId "123" is not a 12-digit AWS account id'],
  },
  {
    name: 'an unquoted chargeAccountId',
    yaml:
      HEADER + entry({ requestedSupportPlan: PLAN('resoldUnifiedOperations', 'coverage: ENTIRE_ORGANIZATION\ntamLocation: us-east-1\nchargeAccountId: 011122223333') }),
    expected: ['schema-unquoted-number@12:26'],
    message: ['leading zero'],
  },
];

const identifiers: Case[] = [
  {
    name: 'a PMA ARN as the default',
    yaml: HEADER.replace('pma-u8ic702rtzng8', 'arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/program-management-account/pma-u8ic702rtzng8') + entry(),
    expected: [],
  },
  {
    name: 'a short PMA id',
    yaml: HEADER.replace('pma-u8ic702rtzng8', 'pma-u8ic702') + entry(),
    expected: ['schema-length@2:37'],
    message: ['programManagementAccountIdentifier "pma-u8ic702" is not a program management account id (pma-…) or ARN'],
    hint: ['pma-u8ic702rtzng8'],
  },
  { name: 'an upper-case PMA id', yaml: HEADER.replace('pma-u8ic702rtzng8', 'pma-U8IC702RTZNG8') + entry(), expected: ['schema-pattern@2:37'] },
  {
    name: 'an ARN of another service',
    yaml: HEADER.replace('pma-u8ic702rtzng8', 'arn:aws:iam:us-east-1:123456789012:catalog/AWS/program-management-account/pma-u8ic702rtzng8') + entry(),
    expected: ['schema-pattern@2:37'],
  },
  { name: 'an entry overriding the PMA with a bad one', yaml: HEADER + entry({ programManagementAccountIdentifier: 'pma-x' }), expected: ['schema-length@8:41'] },
  { name: 'catalog Sandbox', yaml: HEADER.replace('AWS', 'Sandbox') + entry(), expected: [] },
  { name: 'a catalog with a digit', yaml: HEADER.replace('AWS', 'AWS1') + entry(), expected: ['schema-pattern@1:10'], message: ['catalog "AWS1" is not a catalog name'] },
  { name: 'an empty catalog', yaml: HEADER.replace('AWS', '""') + entry(), expected: ['schema-length@1:10'] },
  { name: 'a catalog of 65 letters', yaml: HEADER.replace('AWS', 'A'.repeat(65)) + entry(), expected: ['schema-length@1:10'] },
  { name: 'an entry catalog override', yaml: HEADER + entry({ catalog: 'Sandbox' }), expected: [] },
  { name: 'an id pin', yaml: HEADER + entry({ id: 'rs-l9o4fj3b5zb91' }), expected: [] },
  {
    name: 'a malformed id',
    yaml: HEADER + entry({ id: 'rs-L9O4FJ3B5ZB91' }),
    expected: ['schema-pattern@8:9'],
    message: ['id "rs-L9O4FJ3B5ZB91" is not a relationship id (rs-…)'],
  },
  { name: 'a PMA id as the id', yaml: HEADER + entry({ id: 'pma-u8ic702rtzng8' }), expected: ['schema-length@8:9'] },
];

const displayNames: Case[] = [
  { name: 'a display name of 30 characters', yaml: HEADER + entry({ displayName: 'x'.repeat(30) }), expected: [] },
  { name: '30 emoji (length counts characters, not UTF-16 units)', yaml: HEADER + entry({ displayName: '"' + '🚀'.repeat(30) + '"' }), expected: [] },
  {
    name: 'a display name of 31 characters',
    yaml: HEADER + entry({ displayName: 'x'.repeat(31) }),
    expected: ['schema-length@6:18'],
    message: ['is 31 characters; the limit is 30'],
    hint: ['shorten it'],
  },
  { name: 'an empty display name', yaml: HEADER + entry({ displayName: '""' }), expected: ['schema-length@6:18'], message: ['displayName is empty'] },
  {
    name: 'a tab in the display name',
    yaml: HEADER + entry({ displayName: '"Acme\\tCorp"' }),
    expected: ['schema-pattern@6:18'],
    message: ['displayName contains a tab'],
  },
  { name: 'a BEL in the display name', yaml: HEADER + entry({ displayName: '"Acme\\aCorp"' }), expected: ['schema-pattern@6:18'], message: ['U+0007'] },
  { name: 'a DEL in the display name', yaml: HEADER + entry({ displayName: '"Acme\\x7fCorp"' }), expected: ['schema-pattern@6:18'], message: ['U+007F'] },
  {
    name: 'a display name that YAML reads as a number',
    yaml: HEADER + entry({ displayName: '2024' }),
    expected: ['schema-unquoted-number@6:18'],
    message: ['displayName must be text, but YAML read 2024 as a number'],
    hint: ['quote it: displayName: "2024"'],
  },
  {
    name: 'a display name that YAML reads as true',
    yaml: HEADER + entry({ displayName: 'true' }),
    expected: ['schema-unquoted-number@6:18'],
    message: ['true (a yes/no value)'],
  },
  {
    name: 'an empty display name value',
    yaml: HEADER + entry({ displayName: '' }).replace('displayName: \n', 'displayName:\n'),
    expected: ['schema-type@6:5'],
    message: ['displayName has no value'],
  },
  {
    name: 'a display name that is a list',
    yaml: HEADER + entry({ displayName: '[a, b]' }),
    expected: ['schema-type@6:18'],
    message: ['displayName must be text, not a list'],
  },
];

const enums: Case[] = [
  ...['DOWNSTREAM_SELLER', 'END_CUSTOMER', 'INTERNAL'].map((value) => ({
    name: `associationType ${value}`,
    yaml: HEADER + entry({ associationType: value }),
    expected: [],
  })),
  ...['COMMERCIAL', 'GOVERNMENT', 'GOVERNMENT_EXCEPTION'].map((value) => ({ name: `sector ${value}`, yaml: HEADER + entry({ sector: value }), expected: [] })),
  ...['DISTRIBUTOR', 'END_CUSTOMER', 'SOLUTION_PROVIDER'].map((value) => ({
    name: `resaleAccountModel ${value}`,
    yaml: HEADER + entry({ resaleAccountModel: value }),
    expected: [],
  })),
  {
    name: 'a misspelt associationType',
    yaml: HEADER + entry({ associationType: 'END_CUSTOMR' }),
    expected: ['schema-enum@5:22'],
    message: ['associationType "END_CUSTOMR" is not one of DOWNSTREAM_SELLER, END_CUSTOMER, INTERNAL'],
    hint: ['did you mean END_CUSTOMER?'],
  },
  { name: 'a lower-case sector', yaml: HEADER + entry({ sector: 'commercial' }), expected: ['schema-enum@7:13'], hint: ['did you mean COMMERCIAL?'] },
  { name: 'an unrelated sector', yaml: HEADER + entry({ sector: 'RETAIL' }), expected: ['schema-enum@7:13'] },
  { name: 'a numeric sector', yaml: HEADER + entry({ sector: '5' }), expected: ['schema-unquoted-number@7:13'] },
  { name: 'a bad resaleAccountModel', yaml: HEADER + entry({ resaleAccountModel: 'RESELLER' }), expected: [`schema-enum@8:${valueColumn('resaleAccountModel')}`] },
  {
    name: 'a cut-short coverage',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('resoldEnterprise', 'coverage: ENTIRE_ORG\ntamLocation: us-east-1') }),
    expected: ['schema-enum@10:19'],
    hint: ['did you mean ENTIRE_ORGANIZATION?'],
  },
  {
    name: 'a bad coverage',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('partnerLedSupport', 'coverage: EVERYTHING\ntamLocation: us-east-1') }),
    expected: ['schema-enum@10:19'],
  },
  {
    name: 'a bad provider',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('partnerLedSupport', 'coverage: ENTIRE_ORGANIZATION\ntamLocation: us-east-1\nprovider: DISTRIBUTER') }),
    expected: ['schema-enum@12:19'],
    hint: ['did you mean DISTRIBUTOR?'],
  },
];

const supportPlans: Case[] = [
  {
    name: 'resoldEnterprise with chargeAccountId',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('resoldEnterprise', 'coverage: ENTIRE_ORGANIZATION\ntamLocation: us-east-1\nchargeAccountId: "111122223333"') }),
    expected: [],
  },
  {
    name: 'resoldUnifiedOperations without chargeAccountId',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('resoldUnifiedOperations', 'coverage: MANAGEMENT_ACCOUNT_ONLY\ntamLocation: eu-west-1') }),
    expected: [],
  },
  {
    name: 'partnerLedSupport with provider',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('partnerLedSupport', 'coverage: ENTIRE_ORGANIZATION\ntamLocation: us-east-1\nprovider: DISTRIBUTION_SELLER') }),
    expected: [],
  },
  {
    name: 'resoldBusiness (removed from the API)',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('resoldBusiness', 'coverage: ENTIRE_ORGANIZATION\ntamLocation: us-east-1') }),
    expected: ['removed-support-plan@9:7'],
    message: ['resoldBusiness was removed from the Partner Central Channel API on 2026-03-03'],
    hint: ['resoldUnifiedOperations', 'tamLocation'],
  },
  {
    name: 'no plan in requestedSupportPlan',
    yaml: HEADER + entry({ requestedSupportPlan: '{}' }),
    expected: [`schema-support-plan@8:${valueColumn('requestedSupportPlan')}`],
    message: ['names no support plan'],
  },
  {
    name: 'two plans',
    yaml:
      HEADER +
      entry({
        requestedSupportPlan:
          PLAN('resoldEnterprise', 'coverage: ENTIRE_ORGANIZATION\ntamLocation: us-east-1') +
          PLAN('partnerLedSupport', 'coverage: ENTIRE_ORGANIZATION\ntamLocation: us-east-1'),
      }),
    expected: ['schema-support-plan@9:7'],
    message: ['names 2 support plans (resoldEnterprise, partnerLedSupport); the API takes exactly one'],
  },
  {
    name: 'a plan without coverage',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('resoldEnterprise', 'tamLocation: us-east-1') }),
    expected: ['schema-required@10:9'],
    message: ['resoldEnterprise has no coverage'],
    hint: ['add coverage: one of ENTIRE_ORGANIZATION, MANAGEMENT_ACCOUNT_ONLY'],
  },
  {
    name: 'a plan without tamLocation',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('partnerLedSupport', 'coverage: ENTIRE_ORGANIZATION') }),
    expected: ['schema-required@10:9'],
    hint: ['add tamLocation: us-east-1'],
  },
  {
    name: 'a misspelt plan',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('resoldEnterprize', 'coverage: ENTIRE_ORGANIZATION\ntamLocation: us-east-1') }),
    expected: ['schema-unknown-field@9:7'],
    message: ['unknown support plan "resoldEnterprize"'],
    hint: ['did you mean resoldEnterprise?'],
  },
  {
    name: 'chargeAccountId on partnerLedSupport',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('partnerLedSupport', 'coverage: ENTIRE_ORGANIZATION\ntamLocation: us-east-1\nchargeAccountId: "111122223333"') }),
    expected: ['schema-unknown-field@12:9'],
    hint: ['coverage, tamLocation, provider'],
  },
  {
    name: 'provider on resoldEnterprise',
    yaml: HEADER + entry({ requestedSupportPlan: PLAN('resoldEnterprise', 'coverage: ENTIRE_ORGANIZATION\ntamLocation: us-east-1\nprovider: DISTRIBUTOR') }),
    expected: ['schema-unknown-field@12:9'],
  },
  {
    name: 'a plan that is text',
    yaml: HEADER + entry({ requestedSupportPlan: 'enterprise' }),
    expected: [`schema-type@8:${valueColumn('requestedSupportPlan')}`],
    message: ['requestedSupportPlan must be a mapping'],
  },
];

const tags: Case[] = [
  { name: 'tags with every allowed character', yaml: HEADER + entry({ tags: '\n      "Kostenstelle Ü_.:/=+-@1": "Wert ß 12_.:/=+-@"\n      empty: ""' }), expected: [] },
  { name: 'a tag key of 128 characters', yaml: HEADER + entry({ tags: `\n      ${'k'.repeat(128)}: v` }), expected: [] },
  {
    name: 'a tag key of 129 characters',
    yaml: HEADER + entry({ tags: `\n      ${'k'.repeat(129)}: v` }),
    expected: ['schema-length@9:7'],
    message: ['is 129 characters; the limit is 128'],
  },
  { name: 'an empty tag key', yaml: HEADER + entry({ tags: '\n      "": v' }), expected: ['schema-length@9:7'], message: ['a tag key is empty'] },
  {
    name: 'a tag key with "!"',
    yaml: HEADER + entry({ tags: '\n      "bad!": v' }),
    expected: ['schema-pattern@9:7'],
    message: ['tag key "bad!" contains "!", which tags cannot hold'],
    hint: ['_ . : / = + - @'],
  },
  { name: 'a tag value of 256 characters', yaml: HEADER + entry({ tags: `\n      k: ${'v'.repeat(256)}` }), expected: [] },
  {
    name: 'a tag value of 257 characters',
    yaml: HEADER + entry({ tags: `\n      k: ${'v'.repeat(257)}` }),
    expected: ['schema-length@9:10'],
    message: ['tag "k" has a value of 257 characters; the limit is 256'],
  },
  { name: 'a tag value with "*"', yaml: HEADER + entry({ tags: '\n      k: "a*b"' }), expected: ['schema-pattern@9:10'], message: ['tag "k" has a value with "*"'] },
  {
    name: 'a numeric tag value',
    yaml: HEADER + entry({ tags: '\n      cost-center: 4711' }),
    expected: ['schema-unquoted-number@9:20'],
    hint: ['quote it: cost-center: "4711"'],
  },
  {
    name: 'an empty tag value',
    yaml: HEADER + entry({ tags: '\n      owner:' }),
    expected: ['schema-type@9:7'],
    message: ['tag "owner" has no value'],
    hint: ['owner: ""'],
  },
  { name: 'tags as a list', yaml: HEADER + entry({ tags: '\n      - a' }), expected: ['schema-type@9:7'], message: ['tags must be a mapping'] },
];

const shape: Case[] = [
  ...['associatedAccountId', 'associationType', 'displayName', 'sector'].map((field) => ({
    name: `a missing ${field}`,
    yaml: HEADER + entry({ [field]: null }),
    expected: ['schema-required@4:5'],
    message: [`this relationship has no ${field}`],
  })),
  { name: 'a document without relationships', yaml: 'catalog: AWS\n', expected: ['schema-required@1:1'], message: ['this document has no relationships'] },
  { name: 'relationships: [] (declares none)', yaml: 'relationships: []\n', expected: [] },
  { name: 'relationships without a value', yaml: 'catalog: AWS\nrelationships:\n', expected: ['schema-type@2:1'], hint: ['relationships: []'] },
  { name: 'relationships as a mapping', yaml: 'relationships:\n  a: 1\n', expected: ['schema-type@2:3'], message: ['relationships must be a list'] },
  { name: 'an entry that is text', yaml: `${HEADER}  - Acme Corp\n`, expected: ['schema-type@4:5'], message: ['entry 1 of relationships must be a mapping'] },
  {
    name: 'a misspelt field',
    yaml: HEADER + entry({ dispalyName: 'x' }),
    expected: ['schema-unknown-field@8:5'],
    message: ['unknown field "dispalyName"'],
    hint: ['did you mean displayName?'],
  },
  {
    name: 'a misspelt top-level field',
    yaml: HEADER.replace('relationships:', 'relationship:\nrelationships:') + entry(),
    expected: ['schema-unknown-field@3:1'],
    hint: ['did you mean relationships?'],
  },
  {
    name: 'an entry field at the top',
    yaml: `sector: COMMERCIAL\n${HEADER}${entry()}`,
    expected: ['schema-unknown-field@1:1'],
    hint: ['sector belongs to each entry under relationships:'],
  },
  {
    name: 'a support plan without requestedSupportPlan',
    yaml: HEADER + entry({ resoldEnterprise: '\n      coverage: ENTIRE_ORGANIZATION\n      tamLocation: us-east-1' }),
    expected: ['schema-unknown-field@8:5'],
    hint: ['support plans go under requestedSupportPlan:'],
  },
  { name: 'an unrelated unknown field', yaml: HEADER + entry({ notes: 'hello' }), expected: ['schema-unknown-field@8:5'], hint: ['the fields here are id, catalog'] },
];

describe.each([
  ['fast reader', true],
  ['yaml only', false],
])('schema constraints (%s)', (_label, fastPath) => {
  for (const [group, cases] of Object.entries({ accountIds, identifiers, displayNames, enums, supportPlans, tags, shape })) {
    describe(group, () => {
      it.each(cases)('$name', async ({ yaml, expected, message, hint }) => {
        const { desired, diagnostics } = await load({ 'a.yaml': yaml }, { fastPath });
        expect(briefs(diagnostics)).toEqual(expected);
        for (const fragment of message ?? []) expect(diagnostics[0]?.message).toContain(fragment);
        for (const fragment of hint ?? []) expect(diagnostics[0]?.hint).toContain(fragment);
        // Valid input loads every entry; an entry with an error of its own is left out.
        const entries = (yaml.match(/^ {2}- /gm) ?? []).length;
        const entryProblems = diagnostics.filter((d) => d.path?.startsWith('/relationships/0') || /^\/(catalog|programManagementAccountIdentifier)$/.test(d.path ?? ''));
        expect(desired.relationships).toHaveLength(expected.length === 0 || entryProblems.length > 0 ? (expected.length === 0 ? entries : 0) : entries);
      });
    });
  }
});
