import { describe, expect, it } from 'vitest';
import type { SupportPlan } from '../../src/model/relationship.js';
import { describeSupportPlan, readSupportPlanTag, supportPlanFingerprint, supportPlanTagValue } from '../../src/model/support-plan-tag.js';

const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
const plans: SupportPlan[] = [
  { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } },
  { resoldUnifiedOperations: { coverage: 'MANAGEMENT_ACCOUNT_ONLY', tamLocation: 'eu-west-1', chargeAccountId: '111122223333' } },
  { partnerLedSupport: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'ap-south-1', provider: 'DISTRIBUTION_SELLER' } },
];

describe('the pcc:support-plan tag', () => {
  it('holds the plan readably and its fingerprint, within the tag value rules, and reads back exactly', () => {
    for (const plan of plans) {
      const value = supportPlanTagValue(plan);
      expect(value).toMatch(TAG_VALUE);
      expect(value.endsWith(` ${supportPlanFingerprint(plan)}`)).toBe(true);
      expect(readSupportPlanTag(value)).toEqual({ fingerprint: supportPlanFingerprint(plan), plan });
    }
    expect(supportPlanTagValue(plans[1]!)).toBe(
      `resoldUnifiedOperations coverage=MANAGEMENT_ACCOUNT_ONLY tamLocation=eu-west-1 chargeAccountId=111122223333 ${supportPlanFingerprint(plans[1]!)}`,
    );
  });

  it('falls back to the fingerprint alone where the words cannot be stored', () => {
    const odd: SupportPlan = { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us east (1)' } };
    expect(supportPlanTagValue(odd)).toBe(supportPlanFingerprint(odd));
    const long: SupportPlan = { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'x'.repeat(200) } };
    expect(supportPlanTagValue(long)).toBe(supportPlanFingerprint(long));
  });

  it('reads pcc 0.1 values (fingerprint alone) and never trusts words the fingerprint does not vouch for', () => {
    const fingerprint = supportPlanFingerprint(plans[0]!);
    expect(readSupportPlanTag(fingerprint)).toEqual({ fingerprint });
    // Someone edited the words in the console: the fingerprint still says what was sent, the words are dropped.
    const edited = supportPlanTagValue(plans[0]!).replace('us-east-1', 'us-west-2');
    expect(readSupportPlanTag(edited)).toEqual({ fingerprint });
    for (const junk of ['', 'hello', 'resoldEnterprise sha256:xyz', `bogusPlan coverage=X ${fingerprint}`, `resoldEnterprise coverage ${fingerprint}`]) {
      expect(readSupportPlanTag(junk).plan, junk).toBeUndefined();
    }
  });

  it('describes a plan for a reviewer', () => {
    expect(plans.map(describeSupportPlan)).toEqual([
      'resoldEnterprise (ENTIRE_ORGANIZATION, TAM us-east-1)',
      'resoldUnifiedOperations (MANAGEMENT_ACCOUNT_ONLY, TAM eu-west-1, charged to 111122223333)',
      'partnerLedSupport (ENTIRE_ORGANIZATION, TAM ap-south-1, provider DISTRIBUTION_SELLER)',
    ]);
  });
});
