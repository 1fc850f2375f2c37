/** Whose create made a relationship (issue 19 fault 10, "two concurrent applies both report 6 created"). */
import { describe, expect, it } from 'vitest';
import { createdBy } from '../../src/model/created-by.js';
import { APPLY_RUN_TAG, MANAGED_TAG } from '../../src/model/ownership-tags.js';

describe('createdBy', () => {
  it("this run's tag → this apply; another run's → another apply; none → unproven", () => {
    expect(createdBy({ [MANAGED_TAG]: 'true', [APPLY_RUN_TAG]: 'run-1' }, 'run-1')).toBe('mine');
    expect(createdBy({ [MANAGED_TAG]: 'true', [APPLY_RUN_TAG]: 'run-2' }, 'run-1')).toBe('another');
    expect(createdBy({ [MANAGED_TAG]: 'true' }, 'run-1')).toBe('unproven');
    expect(createdBy({}, 'run-1')).toBe('unproven');
  });

  it('compares the value exactly, and reads the tag only as an own key', () => {
    expect(createdBy({ [APPLY_RUN_TAG]: 'RUN-1' }, 'run-1')).toBe('another');
    expect(createdBy({ [APPLY_RUN_TAG]: '' }, 'run-1')).toBe('another');
    expect(createdBy({ 'pcc:apply-run ': 'run-1' }, 'run-1')).toBe('unproven');
    const inherited = Object.create({ [APPLY_RUN_TAG]: 'run-1' }) as Record<string, string>;
    expect(createdBy(inherited, 'run-1')).toBe('unproven');
  });
});
