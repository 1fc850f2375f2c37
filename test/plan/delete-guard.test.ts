import { describe, expect, it } from 'vitest';
import type { LiveRelationshipState } from '../../src/live/live-state.js';
import { checkDeleteGuard } from '../../src/kinds/relationship/delete-guard.js';
import type { PlannedChange } from '../../src/plan/plan-types.js';

const PMA_A = 'pma-aaaaaaaaaaaaa';
const PMA_B = 'pma-bbbbbbbbbbbbb';

function live(pma: string, count: number, managed = true): LiveRelationshipState[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `rs-${pma.slice(4, 8)}${String(i).padStart(9, '0')}`,
    arn: `arn:${pma}:${i}`,
    catalog: 'AWS',
    programManagementAccountId: pma,
    associatedAccountId: String(100000000000 + i),
    associationType: 'END_CUSTOMER',
    displayName: `C ${i}`,
    sector: 'COMMERCIAL',
    revision: '1',
    tags: managed ? { 'pcc:managed': 'true' } : {},
  })) as LiveRelationshipState[];
}

const deletesOf = (items: readonly LiveRelationshipState[]): PlannedChange[] =>
  items.map((item) => ({
    kind: 'relationship',
    address: `AWS/${item.programManagementAccountId}/${item.associatedAccountId}`,
    action: 'delete',
    id: item.id,
    fields: [],
  }));

describe('checkDeleteGuard', () => {
  it('allows 10 deletes spread so no PMA loses more than half, refuses the 11th', () => {
    const a = live(PMA_A, 12);
    const b = live(PMA_B, 12);
    const ten = deletesOf([...a.slice(0, 5), ...b.slice(0, 5)]);
    expect(checkDeleteGuard(ten, [...a, ...b], undefined)).toEqual([]);
    const eleven = deletesOf([...a.slice(0, 6), ...b.slice(0, 5)]);
    expect(checkDeleteGuard(eleven, [...a, ...b], undefined).map((e) => e.message)).toEqual([
      'the plan deletes 11 relationships, more than the 10 allowed per run without --max-deletes',
    ]);
  });

  it('counts only managed relationships toward a PMA’s half', () => {
    const managed = live(PMA_A, 5);
    const unmanaged = live(PMA_B, 20, false).map((r) => ({ ...r, programManagementAccountId: PMA_A, associatedAccountId: `2${r.associatedAccountId.slice(1)}` }));
    const errors = checkDeleteGuard(deletesOf(managed.slice(0, 3)), [...managed, ...unmanaged], undefined);
    expect(errors.map((e) => e.code)).toEqual(['delete-guard']);
    expect(errors[0]?.message).toBe(`the plan deletes 3 of the 5 managed relationships in AWS/${PMA_A}, more than half, which needs --max-deletes`);
    expect(errors[0]?.hint).toContain('--max-deletes 3');
  });

  it('--max-deletes N replaces both limits', () => {
    const a = live(PMA_A, 30);
    expect(checkDeleteGuard(deletesOf(a.slice(0, 25)), a, 25)).toEqual([]);
    expect(checkDeleteGuard(deletesOf(a.slice(0, 26)), a, 25)).toHaveLength(1);
    expect(checkDeleteGuard(deletesOf(a.slice(0, 1)), a, 0).map((e) => e.message)).toEqual(['the plan deletes 1 relationship, more than --max-deletes 0 allows']);
  });
});
