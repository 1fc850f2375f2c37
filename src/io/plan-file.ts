import { readFile, stat, writeFile } from 'node:fs/promises';
import { readShippedFile } from './shipped-files.js';

/**
 * The I/O of saved plans (`pcc plan --out FILE`, read by `pcc apply FILE` and `pcc show FILE`): the file's text
 * and the plan schema. Serializing, parsing and the shape check are the plan's, and pure: src/plan/saved-plan.ts.
 * Nothing here knows the Plan type, so src/io imports nothing from src/plan (test/meta/folder-cycles.test.ts).
 */

/** The schema's path in the package. */
const PLAN_SCHEMA_PATH = 'schema/plan.schema.json';

let planSchema: object | undefined;

/** The parsed plan schema (`schema/plan.schema.json`), read once per process; what src/plan/saved-plan.ts checks by. */
export function readPlanSchema(): object {
  planSchema ??= JSON.parse(readShippedFile(PLAN_SCHEMA_PATH)) as object;
  return planSchema;
}

/** Writes a saved plan's text (src/plan/saved-plan.ts serializePlan). */
export async function writePlanText(path: string, text: string): Promise<void> {
  await writeFile(path, text, 'utf8');
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
