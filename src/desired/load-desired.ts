/**
 * `--dir` → DesiredState: find the files, read and parse them, check each document against the schema, then let
 * each kind of the registry (src/desired/kind-loader.ts) apply its named rules and normalise what passed into its
 * part. Every problem is collected; nothing throws for bad input. Entries with problems are left out.
 */
import { createHash } from 'node:crypto';
import type { Problem } from '../diagnostics/diagnostic.js';
import { checkDocuments, type CheckedDocument } from './check-documents.js';
import { findRelationshipFiles } from './find-files.js';
import { readSourceFile } from './read-source.js';
import { parseSource, type ParseOptions } from './source-file.js';
import { KINDS, type KindDesiredParts } from '../kinds/registry.js';
import type { DesiredFile, DesiredScope, DesiredState } from './types.js';

export interface LoadDesiredOptions extends ParseOptions {
  /** The folder of relationship files, relative to `cwd` or absolute. */
  dir: string;
  /** Diagnostics and SourceRefs name files relative to this. */
  cwd: string;
}

export interface LoadedDesired {
  desired: DesiredState;
  /** Sorted by file, line and column; problems not tied to a file come first. */
  diagnostics: Problem[];
}

export async function loadDesired(options: LoadDesiredOptions): Promise<LoadedDesired> {
  const found = await findRelationshipFiles(options.dir, options.cwd);
  const diagnostics: Problem[] = [...found.diagnostics];
  const files: DesiredFile[] = [];
  const hashed: Array<{ key: string; sha256: string }> = [];
  const documents: CheckedDocument[] = [];
  for (const file of found.files) {
    const read = await readSourceFile(file.absolutePath, file.file);
    diagnostics.push(...read.diagnostics);
    if (!read.source) continue;
    files.push({ path: file.file, sha256: read.source.sha256 });
    hashed.push({ key: file.relativeToDir, sha256: read.source.sha256 });
    const parsed = parseSource(file, read.source, options);
    diagnostics.push(...parsed.diagnostics);
    const checked = checkDocuments(parsed.source);
    diagnostics.push(...checked.diagnostics);
    documents.push(...checked.documents);
  }
  const parts: Record<string, unknown> = {};
  const scopes: DesiredScope[] = [];
  for (const kind of KINDS) {
    const loaded = kind.loader.load(documents);
    Object.assign(parts, loaded.part);
    scopes.push(...loaded.scopes);
    diagnostics.push(...loaded.diagnostics);
  }
  return {
    desired: { ...(parts as unknown as KindDesiredParts), scopes: mergeScopes(scopes), files, hash: hashOf(hashed) },
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/** The kinds' scopes, sorted by catalog, then PMA id; the first of each kept (see DesiredScope). */
function mergeScopes(scopes: readonly DesiredScope[]): DesiredScope[] {
  const byKey = new Map<string, DesiredScope>();
  for (const scope of scopes) {
    const key = `${scope.catalog}/${scope.pmaId}`;
    if (!byKey.has(key)) byKey.set(key, scope);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, scope]) => scope);
}

/**
 * sha256 over the files' paths (relative to the folder, so the hash does not depend on where pcc runs
 * from) and contents' hashes, in path order.
 */
function hashOf(files: Array<{ key: string; sha256: string }>): string {
  const hash = createHash('sha256');
  for (const { key, sha256 } of [...files].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    hash.update(`${key}\u0000${sha256}\n`);
  }
  return hash.digest('hex');
}

function compare(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

function sortDiagnostics(diagnostics: Problem[]): Problem[] {
  return [...diagnostics].sort((a, b) => compare(a.file, b.file) || compare(a.line, b.line) || compare(a.column, b.column));
}
