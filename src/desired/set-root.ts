/**
 * The prune scope's root. Like kubectl's ApplySet parent object, one marker names the whole set: a folder
 * holding a file `.pcc-set` is a *set root*, and everything under it is the set. `--prune` deletes what no
 * file of the set declares, so it needs the whole set in view: it runs only with `--dir` naming a set root,
 * never a folder inside one (that would take a subfolder for the whole and delete what the rest declares).
 */
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../diagnostics/diagnostic.js';
import { displayPath } from './find-files.js';

/** The marker file's name. Its content is not read (a comment saying what it is, say). */
export const SET_MARKER = '.pcc-set';

/**
 * What `.pcc-set` in `folder` is: a file (following a link), something else (a folder, a broken link), or
 * nothing. Anything of that name marks a set: above a folder, it makes the folder part of that set.
 */
async function markerIn(folder: string): Promise<'file' | 'other' | undefined> {
  const marker = path.join(folder, SET_MARKER);
  try {
    await lstat(marker);
  } catch {
    return undefined;
  }
  return (await stat(marker).then(
    (s) => s.isFile(),
    () => false,
  ))
    ? 'file'
    : 'other';
}

/** The real path (links resolved): a marked folder reached through a link is still inside its set. */
const real = (p: string): Promise<string> => realpath(p).catch(() => p);

const refusal = (code: string, message: string, hint: string): Problem[] => [{ code, severity: 'error', message, hint }];

/**
 * Whether `--prune` may run from `dir`: empty when `dir` holds a file `.pcc-set` and no folder above its real
 * path (links resolved) holds anything of that name;
 * otherwise one error saying which folder is the set root, or how to make one. Reads only the file system.
 */
export async function checkPruneRoot(dir: string, cwd: string): Promise<Problem[]> {
  const here = await real(cwd);
  const root = await real(path.resolve(cwd, dir));
  const shown = displayPath(here, root);
  for (let folder = path.dirname(root); ; folder = path.dirname(folder)) {
    if (await markerIn(folder)) {
      const setRoot = displayPath(here, folder);
      return refusal(
        'prune-subfolder',
        `--prune refused: ${shown}/ is inside the set rooted at ${setRoot}/ (it holds ${SET_MARKER}); pruning from a part of the set would delete what the rest of it declares`,
        `run with --dir ${setRoot}`,
      );
    }
    if (path.dirname(folder) === folder) break;
  }
  const marker = await markerIn(root);
  if (marker === 'file') return [];
  if (marker === 'other') {
    return refusal('prune-set-marker-not-a-file', `--prune refused: ${shown}/${SET_MARKER} is not a file`, `replace it with an empty file named ${SET_MARKER}`);
  }
  return refusal(
    'prune-no-set-root',
    `--prune refused: ${shown}/ is not marked as the root of a set of relationship files (no ${SET_MARKER} file in it), so pcc cannot tell whether it sees the whole set`,
    `if ${shown}/ holds every relationship file of its PMAs, create ${shown}/${SET_MARKER} (commit it), then prune with --dir ${shown}`,
  );
}

/**
 * The set root `dir` lies inside (the nearest folder above its real path holding a file `.pcc-set`), as an absolute
 * path; undefined when `dir` is itself a set root or lies in none. Reads only the file system.
 */
export async function enclosingSetRoot(dir: string, cwd: string): Promise<string | undefined> {
  const root = await real(path.resolve(cwd, dir));
  for (let folder = path.dirname(root); ; folder = path.dirname(folder)) {
    if ((await markerIn(folder)) === 'file') return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}
