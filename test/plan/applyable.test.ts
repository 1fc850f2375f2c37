/**
 * Applyability is decided once, in src/plan (planBlockers → `applyable`, `reasonCode`): apply's refusals, the
 * exit code and the renderers read it. These build plans with the real planner and check each reader agrees.
 */
import { describe, expect, it } from 'vitest';
import { refusalsOf } from '../../src/apply/refusals.js';
import { planBlockers } from '../../src/plan/applyable.js';
import { buildPlan, type PlanOptions } from '../../src/plan/build-plan.js';
import type { LiveState } from '../../src/live/live-state.js';
import { renderPlan } from '../../src/render/index.js';
import { desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

const rs = (n: number) => `rs-${String(n).padStart(13, '0')}`;
const live = (...relationships: LiveState['relationships']): LiveState => ({ relationships });
const OPTIONS: PlanOptions = { prune: false, allowReplace: false, dir: 'relationships' };

/** Two entries whose sector changed: one relationship pcc manages, one it does not. */
function replacePlan(allowReplace: boolean, managedToo = true) {
  const entries = [desiredEntry('111111111111', { sector: 'GOVERNMENT' }), desiredEntry('222222222222', { sector: 'GOVERNMENT' })];
  const lives = [liveEntry('222222222222', rs(2), { tags: {} }), ...(managedToo ? [liveEntry('111111111111', rs(1), { tags: { ...MANAGED } })] : [])];
  return buildPlan(desiredState(managedToo ? entries : [entries[1]!]), live(...lives), { ...OPTIONS, allowReplace });
}

describe('applyable and reason codes', () => {
  it('gives each replace and delete a stable reason code beside its sentence', () => {
    const plan = replacePlan(true);
    expect(plan.changes.map((c) => [c.action, c.reasonCode, c.blocked === true])).toEqual([
      ['replace', 'replace-allowed', false],
      ['replace', 'replace-blocked-unmanaged', true],
    ]);
    expect(replacePlan(false).changes.map((c) => c.reasonCode)).toEqual(['replace-blocked-no-allow', 'replace-blocked-unmanaged']);
    const pruned = buildPlan(desiredState([]), live(liveEntry('333333333333', rs(3), { tags: { ...MANAGED } })), { ...OPTIONS, prune: true });
    expect(pruned.changes).toEqual([expect.objectContaining({ kind: 'relationship', action: 'delete', reasonCode: 'delete-not-in-files' })]);
    expect(pruned.applyable).toBe(true);
  });

  it('is applyable without errors and blocked changes, including a plan with nothing to do', () => {
    expect(buildPlan(desiredState([]), live(), OPTIONS).applyable).toBe(true);
    const creates = buildPlan(desiredState([desiredEntry('111111111111')]), live(), OPTIONS);
    expect(creates.applyable).toBe(true);
    expect(refusalsOf(creates)).toEqual([]);
  });

  it('is not applyable with a plan error, and apply refuses saying why', () => {
    const pinned = desiredEntry('111111111111', { id: rs(9) });
    const plan = buildPlan(desiredState([pinned]), live(), OPTIONS);
    expect(plan.applyable).toBe(false);
    expect(planBlockers(plan).map((b) => b.code)).toEqual(['pin-not-found']);
    expect(refusalsOf(plan)).toEqual(['the plan has 1 error: fix them and plan again']);
  });

  it('an unmanaged replacement: never suggests --allow-replace, which cannot help', () => {
    const plan = replacePlan(true, false);
    expect(plan.applyable).toBe(false);
    expect(planBlockers(plan).map((b) => b.code)).toEqual(['replace-blocked-unmanaged']);
    const [refusal] = refusalsOf(plan);
    expect(refusal).toMatch(/blocked for good: pcc never deletes a relationship it does not manage, even with --allow-replace/);
    expect(refusal).not.toMatch(/re-plan with --allow-replace/);
    const markdown = renderPlan(plan, 'markdown', { color: false });
    expect(markdown).toContain('pcc never deletes a relationship it does not manage, even with `--allow-replace`: delete by hand');
    expect(markdown).not.toContain('re-run with `--allow-replace` to allow that');
  });

  it('blocked replacements of both kinds: the advice says which one --allow-replace helps', () => {
    const plan = replacePlan(false);
    expect(refusalsOf(plan)).toEqual([
      expect.stringMatching(/^1 replacement is blocked: re-plan with --allow-replace/),
      expect.stringMatching(/^1 replacement is blocked for good: pcc never deletes/),
    ]);
    expect(renderPlan(plan, 'markdown', { color: false })).toContain(
      '`--allow-replace` allows that for the relationships pcc manages, but pcc never deletes a relationship it does not manage',
    );
  });

  it('refuses a plan whose recorded applyable disagrees with its changes, either way', () => {
    const blocked = replacePlan(false);
    expect(refusalsOf({ ...blocked, applyable: true })).not.toEqual([]);
    const fine = buildPlan(desiredState([desiredEntry('111111111111')]), live(), OPTIONS);
    expect(refusalsOf({ ...fine, applyable: false })).toEqual(['the plan says it cannot be applied: plan again']);
  });

  it('refuses replaces and deletes the plan options did not allow (a hand-made plan)', () => {
    const plan = replacePlan(true, false);
    const unblocked = {
      ...plan,
      changes: plan.changes.map((c) => ({ ...c, blocked: false, reasonCode: 'replace-allowed' as const })),
      options: { ...plan.options, allowReplace: false },
    };
    expect(planBlockers(unblocked).map((b) => b.code)).toEqual(['replace-not-allowed']);
    expect(refusalsOf(unblocked)).toEqual(['the plan replaces relationships but was not made with --allow-replace']);
  });
});
