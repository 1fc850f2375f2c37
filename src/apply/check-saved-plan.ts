import { resolve } from 'node:path';
import equal from 'fast-deep-equal';
import { loadDesired } from '../desired/load-desired.js';
import type { DesiredRelationship } from '../desired/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isApplyable } from '../plan/applyable.js';
import { specOf } from '../plan/build-plan.js';
import { readPlanFile } from '../plan/plan-file.js';
import type { Plan } from '../plan/plan-types.js';
import { summarizePlan } from '../plan/summarize-plan.js';
import { USER_TAG_FIELD } from './tag-changes.js';

export type SavedPlanCheck =
  | { plan: Plan }
  | {
      /** Why the plan file must not be applied, in a sentence. */
      error: string;
      /** Problems in the files, when they are why. */
      diagnostics?: Diagnostic[];
    };

/**
 * Reads a saved plan and checks, offline, that it may still be applied: a known formatVersion and shape, files
 * under `dir` (the command's --dir: the plan's recorded `dir` is never trusted to name a folder to read) that
 * still hash to `plan.desiredHash`, and every change's desired fields exactly as those files declare them, so
 * a hand-edited plan cannot send what no validated file says. Apply then checks each change against a fresh plan.
 */
export async function checkSavedPlan(path: string, cwd: string, dir: string): Promise<SavedPlanCheck> {
  const read = await readPlanFile(resolve(cwd, path));
  if ('error' in read) return read;
  const { plan } = read;
  const loaded = await loadDesired({ dir, cwd });
  const problems = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    return { error: `the files in ${dir} are no longer valid, so the plan cannot be applied`, diagnostics: problems };
  }
  if (loaded.desired.hash !== plan.desiredHash) {
    return {
      error: `the files in ${dir} changed since this plan was made (desired-state hash differs): plan again with --out`,
    };
  }
  // Apply decides "nothing to do" from the summary: it must be the one the changes give.
  // The refresh figures (reads, readsSaved) describe how the plan was made, not what it changes.
  const { reads: _reads, readsSaved: _saved, ...counts } = plan.summary;
  if (!equal(counts, summarizePlan(plan.changes, plan.unmanaged.length))) {
    return { error: 'the plan summary does not match its changes (the file was edited): plan again with --out' };
  }
  // Apply trusts `applyable` only as far as the changes and errors give it (src/plan/applyable.ts decides).
  if (plan.applyable !== isApplyable(plan)) {
    return { error: 'the plan\'s "applyable" does not match its changes and errors (the file was edited): plan again with --out' };
  }
  if (!plan.applyable) return { error: 'the plan cannot be applied (it has errors or blocked replacements): fix them and plan again with --out' };
  const mismatch = firstMismatch(plan, loaded.desired.relationships);
  if (mismatch) return { error: `the plan does not match the files it was made from: ${mismatch}; plan again with --out` };
  return { plan };
}

function firstMismatch(plan: Plan, entries: readonly DesiredRelationship[]): string | undefined {
  const byAddress = new Map(entries.map((entry) => [entry.address, entry]));
  for (const change of plan.changes) {
    if (change.action === 'delete' && change.kind !== 'servicePeriod' && byAddress.has(change.address)) return `${change.address} is to be deleted but a file declares it`;
    if (!change.desired) continue;
    const entry = byAddress.get(change.address);
    if (!entry) return `${change.address} is in the plan but in no file`;
    // JSON round trip: the plan went through JSON, so compare like with like (no undefined members).
    if (!equal(JSON.parse(JSON.stringify(specOf(entry))), change.desired)) {
      return `the desired fields of ${change.address} differ from its file entry`;
    }
    // Updates write tag values from their `tags.<key>` fields (what the reviewer saw): those must agree too.
    const tags = change.desired.tags;
    const edited = change.fields.find((f) => f.name.startsWith(USER_TAG_FIELD) && f.after !== tags[f.name.slice(USER_TAG_FIELD.length)]);
    if (edited) return `the ${edited.name} field of ${change.address} differs from its file entry`;
  }
  return undefined;
}
