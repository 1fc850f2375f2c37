/**
 * Files pcc ships beside its code (schema/, docs/iam/, the action): read from the package root, or, in the action
 * bundle, from the copies esbuild inlined (`__PCC_BUNDLED_FILES__`, see action/build.mjs).
 */
import { readFileSync } from 'node:fs';

/** The package root, from dist/io/ (and from src/io/ under tsx), or from dist/cli.js in the CLI's bundle. */
const PACKAGE_ROOT = new URL(typeof __PCC_PACKAGE_ROOT__ === 'string' ? __PCC_PACKAGE_ROOT__ : '../../', import.meta.url);

/** A file this build of pcc does not ship (the action's bundle inlines only the schema). */
export class ShippedFileMissing extends Error {}

/**
 * The text of `path` (relative to the package root, forward slashes). Throws ShippedFileMissing when the file is
 * missing, or in the bundle when it was not inlined.
 */
export function readShippedFile(path: string): string {
  if (typeof __PCC_BUNDLED_FILES__ === 'object') {
    const text = __PCC_BUNDLED_FILES__[path];
    if (text === undefined)
      throw new ShippedFileMissing(
        `${path} is not part of this build of pcc (the GitHub Action's bundle); run this command from pcc's npm package, installed as the README's Install section says (a tarball, git or a clone)`,
      );
    return text;
  }
  try {
    return readFileSync(new URL(path, PACKAGE_ROOT), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new ShippedFileMissing(`${path} is missing from this installation of pcc; reinstall the npm package`);
  }
}
