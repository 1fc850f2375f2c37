/**
 * A partial plan (`--target`), pure: buildPlan keeps only what is about the targets (errors of other addresses
 * too), counts only those in its guards, and records the targets; an edited partial plan that changes another
 * address is not applyable.
 */
import { describe, expect, it } from 'vitest';
import { isApplyable } from '../../src/plan/applyable.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { LiveRelationshipState } from '../../src/live/live-state.js';
import { addressFor, desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

const accounts = ['111111111111', '222222222222', '333333333333'];
const desired = desiredState(accounts.map((account) => desiredEntry(account, { displayName: 'New' })));
const live: { relationships: LiveRelationshipState[] } = {
  relationships: [
    liveEntry(accounts[0]!, 'rs-1', { displayName: 'Old', tags: { ...MANAGED } }),
    // Two live relationships at one address: an error about that address only.
    liveEntry(accounts[1]!, 'rs-2', { tags: { ...MANAGED } }),
    liveEntry(accounts[1]!, 'rs-3', { tags: { ...MANAGED } }),
  ],
};

describe('buildPlan with targets', () => {
  it('holds only the targets; errors about other addresses are left out with them', () => {
    const whole = buildPlan(desired, live, { prune: false, allowReplace: false, dir: 'r' });
    expect(whole.errors.map((e) => e.code)).toEqual(['ambiguous-address']);
    const partial = buildPlan(desired, live, { prune: false, allowReplace: false, dir: 'r', targets: [addressFor(accounts[0]!)] });
    expect(partial.errors).toEqual([]);
    expect(partial.applyable).toBe(true);
    expect(partial.changes.map((c) => [c.address, c.action])).toEqual([[addressFor(accounts[0]!), 'update']]);
    expect(partial.options).toEqual({ prune: false, allowReplace: false, targets: [addressFor(accounts[0]!)] });
  });

  it('the delete guard counts only targeted replacements', () => {
    const many = Array.from({ length: 12 }, (_, i) => String(400000000000 + i));
    const files = desiredState(many.map((account) => desiredEntry(account, { associationType: 'END_CUSTOMER' })));
    const state = { relationships: many.map((account, i) => liveEntry(account, `rs-${i}`, { associationType: 'DOWNSTREAM_SELLER', tags: { ...MANAGED } })) };
    expect(buildPlan(files, state, { prune: false, allowReplace: true, dir: 'r' }).errors.map((e) => e.code)).toContain('delete-guard');
    const one = buildPlan(files, state, { prune: false, allowReplace: true, dir: 'r', targets: [addressFor(many[0]!)] });
    expect(one.errors).toEqual([]);
    expect(one.summary.replace).toBe(1);
  });

  it('an edited partial plan that changes an address it does not target is not applyable', () => {
    const whole = buildPlan(desired, { relationships: [live.relationships[0]!] }, { prune: false, allowReplace: false, dir: 'r' });
    const edited = { ...whole, options: { ...whole.options, targets: [addressFor(accounts[0]!)] } };
    expect(isApplyable(whole)).toBe(true);
    expect(isApplyable(edited)).toBe(false);
  });

  it('--replace of a declared relationship that is not live plans a create, and says so', () => {
    const plan = buildPlan(desired, { relationships: [] }, { prune: false, allowReplace: false, dir: 'r', replace: [addressFor(accounts[2]!)] });
    const change = plan.changes.find((c) => c.address === addressFor(accounts[2]!));
    expect(change).toMatchObject({ action: 'create', warnings: ['--replace: nothing live to replace; it is created'] });
    expect(plan.applyable).toBe(true);
  });
});
