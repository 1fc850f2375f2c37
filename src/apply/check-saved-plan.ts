import type { LoadedDesired } from '../desired/load-desired.js';
import type { DesiredState } from '../desired/types.js';
import type { Problem } from '../diagnostics/diagnostic.js';
import { isApplyable } from '../plan/applyable.js';
import { optionDifferences, type PlanShapingValues } from '../plan/plan-options.js';
import { withDependencies } from '../plan/build-plan.js';
import { kindOf } from '../kinds/registry.js';
import { readPlanSchema } from '../io/plan-file.js';
import { parsePlanText } from '../plan/saved-plan.js';
import type { FileMatcher } from '../plan/kind-planner.js';
import type { Plan, PlannedChange } from '../plan/plan-types.js';
import { summarizePlan } from '../plan/summarize-plan.js';
import { sameData } from '../model/string-keyed.js';

/** Why a saved plan must not be applied (codes in docs/codes.md), and the problems in the files when they are why. */
export type SavedPlanCheck = { plan: Plan } | { problem: Problem; diagnostics?: Problem[] };

/** The saved plan as the command read it: its text and the name to call it by (`plan file <path>`). */
export interface SavedPlanText {
  text: string;
  name: string;
}

const refusal = (code: string, message: string): { problem: Problem } => ({ problem: { code, severity: 'error', message } });

/**
 * `given`'s --target/--replace addresses as the plan records them: an address a change answers to under another form
 * (a relationship in name form, `AWS/emea/…`, planned in id form once its PMA was live) becomes that change's address.
 */
function inPlanTerms(plan: Plan, given: PlanShapingValues): PlanShapingValues {
  if (given.targets === undefined && given.replace === undefined) return given;
  const aliases = new Map<string, string>();
  for (const change of plan.changes) for (const alias of kindOf(change).planner.addressAliases?.(change) ?? []) aliases.set(alias, change.address);
  const canonical = (addresses: readonly string[]) => [...new Set(addresses.map((address) => aliases.get(address) ?? address))];
  return {
    ...given,
    ...(given.targets !== undefined ? { targets: canonical(given.targets) } : {}),
    ...(given.replace !== undefined ? { replace: canonical(given.replace) } : {}),
  };
}

/**
 * Checks, offline and without I/O (the command reads the plan file and loads the files under its --dir), that a
 * saved plan may still be applied: a known formatVersion and shape, made with exactly the plan-shaping options
 * apply was `given` (src/plan/plan-options.ts: a flag either has and the other lacks is refused, so a plan file
 * cannot turn one on, and apply's cannot be silently ignored), files that still hash to `plan.desiredHash`
 * (`dir` is the command's --dir: the plan's recorded `dir` is never trusted to name a folder to read), and every
 * change's desired fields exactly as those files declare them, so a hand-edited plan cannot send what no
 * validated file says. Apply then checks each change against a fresh plan. PURE.
 */
export function checkSavedPlan(saved: SavedPlanText, loaded: LoadedDesired, dir: string, given: PlanShapingValues): SavedPlanCheck {
  const parsed = parsePlanText(saved.text, readPlanSchema(), saved.name);
  if ('error' in parsed) return refusal('saved-plan-not-a-plan', parsed.error);
  const { plan } = parsed;
  const differences = optionDifferences(plan.options, inPlanTerms(plan, given));
  if (differences.length > 0) return refusal('saved-plan-options-differ', `${differences.join('; ')} (a saved plan is applied only with the flags it was made with)`);
  const problems = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    return { ...refusal('saved-plan-files-invalid', `the files in ${dir} are no longer valid, so the plan cannot be applied`), diagnostics: problems };
  }
  if (loaded.desired.hash !== plan.desiredHash) {
    return refusal('saved-plan-files-changed', `the files in ${dir} changed since this plan was made (desired-state hash differs): plan again with --out`);
  }
  // Apply decides "nothing to do" from the summary: it must be the one the changes give.
  // The refresh figures (reads, readsSaved, freshness) describe how the plan was made, not what it changes.
  const { reads: _reads, readsSaved: _saved, freshness: _freshness, ...counts } = plan.summary;
  if (!sameData(counts, summarizePlan(plan.changes, plan.unmanaged.length))) {
    return refusal('saved-plan-edited', 'the plan summary does not match its changes (the file was edited): plan again with --out');
  }
  // Apply derives its phases from `dependsOn`: the edges must be the ones the kinds derive from the changes.
  if (!sameData(JSON.parse(JSON.stringify(withDependencies(plan.changes))), plan.changes)) {
    // A plan made before changes had dependsOn (same formatVersion) has none at all: say so rather than "edited".
    const why = plan.changes.some((change) => change.dependsOn) ? 'the file was edited' : 'the plan was made by an earlier pcc, without dependsOn, or edited';
    return refusal('saved-plan-edited', `the dependsOn of its changes do not match what the changes call for (${why}): plan again with --out`);
  }
  // Apply trusts `applyable` only as far as the changes and errors give it (src/plan/applyable.ts decides).
  if (plan.applyable !== isApplyable(plan)) {
    return refusal('saved-plan-edited', 'the plan\'s "applyable" does not match its changes and errors (the file was edited): plan again with --out');
  }
  if (!plan.applyable) {
    return refusal('saved-plan-not-applyable', 'the plan cannot be applied (it has errors or blocked replacements): fix them and plan again with --out');
  }
  const mismatch = firstMismatch(plan, loaded.desired);
  if (mismatch) return refusal('saved-plan-mismatch', `the plan does not match the files it was made from: ${mismatch}; plan again with --out`);
  return { plan };
}

/** The first change that does not match the files, as its kind says (plan order). */
function firstMismatch(plan: Plan, desired: DesiredState): string | undefined {
  const matchers = new Map<string, FileMatcher<PlannedChange>>();
  for (const change of plan.changes) {
    const matcher = matchers.get(change.kind) ?? matchers.set(change.kind, kindOf(change).planner.matchesFiles(desired)).get(change.kind)!;
    const mismatch = matcher.mismatch(change);
    if (mismatch) return mismatch;
  }
  return undefined;
}
