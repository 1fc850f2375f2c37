/**
 * The prune scope's root. Like kubectl's ApplySet parent object, one marker names the whole set: a folder
 * holding a file `.pcc-set` is a *set root*, and everything under it is the set. `--prune` deletes what no
 * file of the set declares, so it needs the whole set in view: it runs only with `--dir` naming a set root,
 * never a folder inside one (that would take a subfolder for the whole and delete what the rest declares).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { displayPath } from './find-files.js';

/** The marker file's name. Its content is not read (a comment saying what it is, say). */
export const SET_MARKER = '.pcc-set';

async function hasMarker(folder: string): Promise<boolean> {
  try {
    return (await stat(path.join(folder, SET_MARKER))).isFile();
  } catch {
    return false;
  }
}

const refusal = (code: string, message: string, hint: string): Diagnostic[] => [{ code, severity: 'error', message, hint }];

/**
 * Whether `--prune` may run from `dir`: empty when `dir` holds `.pcc-set` and no folder above it does;
 * otherwise one error saying which folder is the set root, or how to make one. Reads only the file system.
 */
export async function checkPruneRoot(dir: string, cwd: string): Promise<Diagnostic[]> {
  const root = path.resolve(cwd, dir);
  const shown = displayPath(cwd, root);
  for (let folder = path.dirname(root); ; folder = path.dirname(folder)) {
    if (await hasMarker(folder)) {
      const setRoot = displayPath(cwd, folder);
      return refusal(
        'prune-subfolder',
        `--prune refused: ${shown}/ is inside the set rooted at ${setRoot}/ (it holds ${SET_MARKER}); pruning from a part of the set would delete what the rest of it declares`,
        `run with --dir ${setRoot}`,
      );
    }
    if (path.dirname(folder) === folder) break;
  }
  if (await hasMarker(root)) return [];
  return refusal(
    'prune-no-set-root',
    `--prune refused: ${shown}/ is not marked as the root of a set of relationship files (no ${SET_MARKER} file in it), so pcc cannot tell whether it sees the whole set`,
    `if ${shown}/ holds every relationship file of its PMAs, create ${shown}/${SET_MARKER} (commit it), then prune with --dir ${shown}`,
  );
}
