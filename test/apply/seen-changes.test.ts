import { describe, expect, it } from 'vitest';
import { comparePlans, disagreeingIds, seenChanges, withSeenRevisions } from '../../src/apply/compare-plans.js';
import type { PlannedChange } from '../../src/plan/plan-types.js';
import { createChange, makePlan } from '../support/plan-builders.js';

// pcc apply keeps only seenChanges(saved) while it plans afresh: every comparison must read it as the whole plan.
const noOp = (account: string, id: string): PlannedChange => ({ ...createChange(account), action: 'no-op', id, fields: [] }) as PlannedChange;

describe('seenChanges', () => {
  const seen = makePlan({ changes: [createChange('111111111111'), noOp('222222222222', 'rs-2'), noOp('333333333333', 'rs-3')] });
  const fresh = makePlan({ changes: [createChange('111111111111'), createChange('222222222222'), noOp('333333333333', 'rs-3')] });

  it('keeps the seen changes other than no-ops, and nothing unmanaged', () => {
    const kept = seenChanges(seen);
    expect(kept.changes.map((change) => change.action)).toEqual(['create']);
    expect(kept.unmanaged).toEqual([]);
  });

  it('compares with a fresh plan exactly as the whole seen plan does', () => {
    expect(comparePlans(seenChanges(seen), fresh)).toEqual(comparePlans(seen, fresh));
    expect(disagreeingIds(seenChanges(seen), fresh)).toEqual(disagreeingIds(seen, fresh));
    expect(withSeenRevisions(seenChanges(seen), fresh)).toEqual(withSeenRevisions(seen, fresh));
    expect(comparePlans(seen, fresh).unseen).toHaveLength(1);
  });
});
