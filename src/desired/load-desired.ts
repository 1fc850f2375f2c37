/**
 * `--dir` → DesiredState: find the files, read and parse them, check each document against the schema, then let
 * each kind of the registry (src/desired/kind-loader.ts) apply its named rules and normalise what passed into its
 * part. Every problem is collected; nothing throws for bad input. Entries with problems are left out.
 */
import { createHash } from 'node:crypto';
import type { Problem } from '../diagnostics/diagnostic.js';
import { checkDocuments, type CheckedDocument } from './check-documents.js';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { findRelationshipFiles, type FoundFile } from './find-files.js';
import { enclosingSetRoot } from './set-root.js';
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

/** The section of a document the rest of its set shares with a folder inside it: the PMAs it declares. */
const SHARED_SECTION = 'programManagementAccounts';

interface ReadFiles {
  files: DesiredFile[];
  hashed: Array<{ key: string; sha256: string }>;
  documents: CheckedDocument[];
  diagnostics: Problem[];
}

async function readFiles(found: readonly FoundFile[], options: ParseOptions, keyOf: (file: FoundFile) => string): Promise<ReadFiles> {
  const out: ReadFiles = { files: [], hashed: [], documents: [], diagnostics: [] };
  for (const file of found) {
    const read = await readSourceFile(file.absolutePath, file.file);
    out.diagnostics.push(...read.diagnostics);
    if (!read.source) continue;
    out.files.push({ path: file.file, sha256: read.source.sha256 });
    out.hashed.push({ key: keyOf(file), sha256: read.source.sha256 });
    const parsed = parseSource(file, read.source, options);
    out.diagnostics.push(...parsed.diagnostics);
    const checked = checkDocuments(parsed.source);
    out.diagnostics.push(...checked.diagnostics);
    out.documents.push(...checked.documents);
  }
  return out;
}

/**
 * With `--dir` a folder inside a set (README: planning and applying without --prune work from any folder): the PMA
 * declarations of the set's other files, so that names declared there resolve here. Only each document's `catalog`
 * and `programManagementAccounts` are taken (never its relationships), with the problems found in them; the files
 * count in the hash (a change to a declaration they hold changes the plan).
 */
async function setDeclarations(options: LoadDesiredOptions): Promise<ReadFiles | undefined> {
  const setRoot = await enclosingSetRoot(options.dir, options.cwd);
  if (setRoot === undefined) return undefined;
  const inside = await realpath(path.resolve(options.cwd, options.dir)).catch(() => path.resolve(options.cwd, options.dir));
  const found = await findRelationshipFiles(setRoot, options.cwd);
  const outside = [];
  for (const file of found.files) {
    const real = await realpath(file.absolutePath).catch(() => file.absolutePath);
    if (path.relative(inside, real).startsWith('..') || path.isAbsolute(path.relative(inside, real))) outside.push(file);
  }
  const read = await readFiles(outside, options, (file) => path.relative(inside, file.absolutePath));
  const declaring = read.documents.filter((document) => Object.hasOwn(document.value, SHARED_SECTION));
  const files = new Set(declaring.map((document) => document.source.file));
  const shared = (problem: Problem) => problem.file !== undefined && files.has(problem.file) && (problem.path ?? '').startsWith(`/${SHARED_SECTION}`);
  return {
    files: read.files.filter((file) => files.has(file.path)),
    hashed: read.hashed.filter((_, i) => files.has(read.files[i]?.path ?? '')),
    documents: declaring.map((document) => ({
      ...document,
      value: { ...(document.value.catalog !== undefined ? { catalog: document.value.catalog } : {}), [SHARED_SECTION]: document.value[SHARED_SECTION] },
    })),
    diagnostics: read.diagnostics.filter(shared),
  };
}

export async function loadDesired(options: LoadDesiredOptions): Promise<LoadedDesired> {
  const found = await findRelationshipFiles(options.dir, options.cwd);
  const own = await readFiles(found.files, options, (file) => file.relativeToDir);
  const set = found.files.length > 0 || found.diagnostics.every((d) => d.severity !== 'error') ? await setDeclarations(options) : undefined;
  const diagnostics: Problem[] = [...found.diagnostics, ...own.diagnostics, ...(set?.diagnostics ?? [])];
  const files: DesiredFile[] = [...own.files, ...(set?.files ?? [])];
  const hashed = [...own.hashed, ...(set?.hashed ?? [])];
  const documents: CheckedDocument[] = [...own.documents, ...(set?.documents ?? [])];
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
