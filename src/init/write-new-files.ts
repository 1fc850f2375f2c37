/**
 * Writes `pcc init`'s files into a folder without ever replacing a file, writing through a symbolic link that
 * leads out of the folder, or half-writing a set: every path is checked first, and if any cannot be written
 * safely, nothing is written and each reason is returned. A line file (`.gitignore`) that exists gets only the
 * lines it lacks, appended; none of its own is changed.
 */
import { appendFile, lstat, mkdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';

export interface NewFile {
  /** Relative to the folder, forward slashes. */
  path: string;
  text: string;
  /**
   * Lines that must be in the file: when it exists (a regular file), those it lacks are appended after
   * `heading`; when it does not, it is created with `text`.
   */
  lines?: { heading: string; required: readonly string[] };
}

/** What happened to one file: written, or kept because something was already there. */
export interface WriteResult {
  path: string;
  wrote: boolean;
  /** The lines appended to a file that existed (`NewFile.lines`). */
  appended?: readonly string[];
}

/** Why init cannot write (one line, naming the path in the folder), thrown only when nothing was written yet. */
export class UnsafeInitPaths extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
  }
}

/** A write that failed midway (permissions, a full disk): the files before it are written. */
export class InitWriteFailed extends Error {
  constructor(
    readonly path: string,
    readonly written: WriteResult[],
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException).code;
    super(`cannot write ${path}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : cause instanceof Error ? cause.message : String(cause)}`);
  }
}

const isInside = (root: string, target: string) => {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** 'create', 'keep' (something is at the path), or why the path cannot be written. */
async function dispositionOf(root: string, realRoot: string, path: string): Promise<'create' | 'keep' | 'append' | string> {
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) {
    const shown = parts.slice(0, i + 1).join('/');
    const full = join(root, ...parts.slice(0, i + 1));
    const stats = await lstat(full).catch((error: unknown) => (missing(error) ? undefined : Promise.reject(error)));
    if (stats === undefined) return 'create';
    // The file itself: whatever is there (a file, a link, a folder) is kept, never replaced; a regular file of
    // lines may get the lines it lacks.
    if (i === parts.length - 1) return stats.isFile() ? 'append' : 'keep';
    if (stats.isSymbolicLink()) {
      const target = await realpath(full).catch(() => undefined);
      if (target === undefined || !isInside(realRoot, target))
        return `${shown} is a symbolic link that leads out of this folder (or nowhere); init never writes through it`;
      if (!(await stat(full)).isDirectory()) return `${shown} is a link to a file, where init wants a folder`;
    } else if (!stats.isDirectory()) {
      return `${shown} is a file, where init wants a folder; move it aside, or run init in another folder`;
    }
  }
  return 'create';
}

/** Appends the lines of `lines.required` that `full` lacks (after the heading); returns them. */
async function appendMissingLines(full: string, lines: NonNullable<NewFile['lines']>): Promise<string[]> {
  const text = await readFile(full, 'utf8');
  const present = new Set(text.split(/\r?\n/).map((line) => line.trim()));
  const missing = lines.required.filter((line) => !present.has(line));
  if (missing.length === 0) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : eol;
  await appendFile(full, `${separator}${text === '' ? '' : eol}${[lines.heading, ...missing].join(eol)}${eol}`);
  return missing;
}

/**
 * Writes each of `files` under `root` that does not exist yet, in order. Throws UnsafeInitPaths (having written
 * nothing) when any path is blocked, and InitWriteFailed when a write fails.
 */
export async function writeNewFiles(root: string, files: readonly NewFile[]): Promise<WriteResult[]> {
  const realRoot = await realpath(root);
  const dispositions = await Promise.all(files.map((file) => dispositionOf(root, realRoot, file.path)));
  const reasons = [...new Set(dispositions.filter((d) => d !== 'create' && d !== 'keep' && d !== 'append'))];
  if (reasons.length > 0) throw new UnsafeInitPaths(reasons);
  const results: WriteResult[] = [];
  for (const [i, file] of files.entries()) {
    const full = join(root, ...file.path.split('/'));
    try {
      if (dispositions[i] === 'append' && file.lines) {
        results.push({ path: file.path, wrote: false, appended: await appendMissingLines(full, file.lines) });
        continue;
      }
      if (dispositions[i] === 'create') {
        await mkdir(join(full, '..'), { recursive: true });
        // 'wx': a file that appeared meanwhile is still never replaced.
        await writeFile(full, file.text, { flag: 'wx' });
      }
      results.push({ path: file.path, wrote: dispositions[i] === 'create' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') results.push({ path: file.path, wrote: false });
      else throw new InitWriteFailed(file.path, results, error);
    }
  }
  return results;
}
