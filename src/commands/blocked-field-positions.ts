/**
 * Where a blocked replacement's cause is written: the line of the first field that forces it, so the error points
 * at `associationType: INTERNAL` rather than at the start of the entry. Read again from the file, only for the
 * few blocked changes (loading keeps no positions, to stay fast on large sets).
 */
import path from 'node:path';
import type { DesiredState, SourceRef } from '../desired/types.js';
import { readSourceFile } from '../desired/read-source.js';
import { parseSource } from '../desired/source-file.js';
import type { Plan } from '../plan/plan-types.js';

/** Address → `{file, line, column}` of the field that forces each blocked replacement. Never throws. */
export async function blockedFieldPositions(plan: Plan, desired: DesiredState, cwd: string): Promise<Map<string, SourceRef>> {
  const positions = new Map<string, SourceRef>();
  for (const change of plan.changes) {
    const field = change.fields.find((f) => f.forcesReplace);
    const entry = change.blocked && field ? desired.relationships.find((r) => r.address === change.address) : undefined;
    if (!entry || !field) continue;
    const { file } = entry.source;
    const read = await readSourceFile(path.resolve(cwd, file), file);
    if (!read.source) continue;
    const { source } = parseSource({ absolutePath: path.resolve(cwd, file), file, relativeToDir: file }, read.source, { fastPath: false });
    try {
      positions.set(change.address, { file, ...source.valueAt(entry.entry.docIndex, ['relationships', entry.entry.index, field.name]) });
    } catch {
      // The file changed under us: the entry's own line stays.
    }
  }
  return positions;
}
