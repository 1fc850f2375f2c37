import type { Problem } from '../diagnostics/diagnostic.js';
import { planBlockers } from '../plan/applyable.js';
import type { Plan } from '../plan/plan-types.js';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What to do about each kind of blocker that is not a plan error (those are one sentence together). */
const ADVICE: Readonly<Record<string, (n: number) => string>> = {
  'replace-blocked-no-allow': (n) =>
    `${count(n, 'replacement is', 'replacements are')} blocked: re-plan with --allow-replace to delete and re-create, or change the file`,
  'replace-blocked-unmanaged': (n) =>
    `${count(n, 'replacement is', 'replacements are')} blocked for good: pcc never deletes a relationship it does not manage, even with --allow-replace; delete it by hand or change the file back`,
  'replace-not-allowed': () => 'the plan replaces relationships but was not made with --allow-replace',
  'delete-not-allowed': () => 'the plan deletes relationships but was not made with --prune',
};

const refusal = (code: string, message: string): Problem => ({ code, severity: 'error', message });

/**
 * Why a plan must not be applied at all, one problem per kind of blocker, each one sentence (empty: it may be).
 * Mutating calls are made only from a valid plan, refused whole rather than applied in part. Reads the plan's own
 * `applyable` and, to say why, its blockers (src/plan/applyable.ts decides both); a plan whose `applyable`
 * disagrees with them is refused too. Codes: `plan-has-errors`, a blocker's code, `plan-not-applyable`.
 */
export function planRefusals(plan: Plan): Problem[] {
  const codes = planBlockers(plan).map((blocker) => blocker.code);
  const errors = plan.errors.length;
  const refusals = errors > 0 ? [refusal('plan-has-errors', `the plan has ${count(errors, 'error', 'errors')}: fix them and plan again`)] : [];
  for (const [code, advice] of Object.entries(ADVICE)) {
    const n = codes.filter((c) => c === code).length;
    if (n > 0) refusals.push(refusal(code, advice(n)));
  }
  if (!plan.applyable && refusals.length === 0) refusals.push(refusal('plan-not-applyable', 'the plan says it cannot be applied: plan again'));
  return refusals;
}

/** The sentences of {@link planRefusals}. */
export function refusalsOf(plan: Plan): string[] {
  return planRefusals(plan).map((problem) => problem.message);
}
