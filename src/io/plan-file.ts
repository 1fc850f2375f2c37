import { readFile, stat, writeFile } from 'node:fs/promises';
import { checkPlanShape } from './plan-shape.js';
import type { Plan } from '../plan/plan-types.js';

/**
 * Saved plans (`pcc plan --out FILE`, read by `pcc apply FILE`): the same JSON `--format json` prints, with
 * everything apply needs (revisions seen, desired fields, live tags, desiredHash).
 */

/** The saved form of a plan: pretty JSON with a final newline, stable for diffs and reviews. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export async function writePlanFile(path: string, plan: Plan): Promise<void> {
  await writeFile(path, serializePlan(plan), 'utf8');
}

/** Parses a saved plan's text. The error says why it is not a plan this pcc can apply. */
export function parsePlanText(text: string, name = 'plan file'): { plan: Plan } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { error: `${name} is not valid JSON (${detail}): it may be truncated or edited; plan again with --out` };
  }
  const problem = checkPlanShape(value);
  if (problem) return { error: `${name} is not a pcc plan: ${problem}` };
  return { plan: value as Plan };
}

/** Reads a saved plan's text, not checking it (see parsePlanText); never throws: a missing or unreadable file is an error value. */
export async function readPlanText(path: string): Promise<{ text: string } | { error: string }> {
  try {
    // A FIFO would block the read forever and a device such as /dev/zero never ends: only regular files.
    if (!(await stat(path)).isFile()) return { error: `plan file ${path} is not a regular file: give the file \`pcc plan --out\` wrote` };
    return { text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `plan file ${path} does not exist` : `cannot read plan file ${path} (${code ?? String(error)})` };
  }
}

/** Reads and checks a saved plan; never throws (a missing or unreadable file is an error value too). */
export async function readPlanFile(path: string): Promise<{ plan: Plan } | { error: string }> {
  const read = await readPlanText(path);
  return 'error' in read ? read : parsePlanText(read.text, `plan file ${path}`);
}
