/**
 * Where a blocked replacement's cause is written: the line of the first field that forces it, so the error points
 * at `associationType: INTERNAL` rather than at the start of the entry. Read again from the file, only for the
 * few blocked changes (loading keeps no positions, to stay fast on large sets).
 */
import path from 'node:path';
import type { DesiredState, SourceRef } from '../desired/types.js';
import { readSourceFile } from '../desired/read-source.js';
import { parseSource, type SourceFile } from '../desired/source-file.js';
import type { Plan } from '../plan/plan-types.js';

/** `file` read and parsed with positions, or undefined when it cannot be read now. */
async function sourceWithPositions(cwd: string, file: string): Promise<SourceFile | undefined> {
  const read = await readSourceFile(path.resolve(cwd, file), file);
  if (!read.source) return undefined;
  return parseSource({ absolutePath: path.resolve(cwd, file), file, relativeToDir: file }, read.source, { fastPath: false }).source;
}

/** Address → `{file, line, column}` of the field that forces each blocked replacement. Never throws. */
export async function blockedFieldPositions(plan: Plan, desired: DesiredState, cwd: string): Promise<Map<string, SourceRef>> {
  const positions = new Map<string, SourceRef>();
  const byAddress = new Map(desired.relationships.map((r) => [r.address, r]));
  // An entry naming a declared PMA is in name form here, its change under the PMA's id: found by its place instead.
  const bySource = new Map(desired.relationships.map((r) => [`${r.source.file}\u0000${r.source.line}`, r]));
  // Each file once, however many of its entries are blocked (a sector changed across a whole file).
  const sources = new Map<string, Promise<SourceFile | undefined>>();
  for (const change of plan.changes) {
    const field = change.fields.find((f) => f.forcesReplace);
    const entry =
      change.blocked && field
        ? (byAddress.get(change.address) ?? (change.source ? bySource.get(`${change.source.file}\u0000${change.source.line}`) : undefined))
        : undefined;
    if (!entry || !field) continue;
    const { file } = entry.source;
    if (!sources.has(file)) sources.set(file, sourceWithPositions(cwd, file));
    const source = await sources.get(file);
    if (!source) continue;
    try {
      positions.set(change.address, { file, ...source.valueAt(entry.entry.docIndex, ['relationships', entry.entry.index, field.name]) });
    } catch {
      // The file changed under us: the entry's own line stays.
    }
  }
  return positions;
}
