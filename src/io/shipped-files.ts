/**
 * Files pcc ships beside its code (schema/, docs/iam/, the action): read from the package root, or, in the action
 * bundle, from the copies esbuild inlined (`__PCC_BUNDLED_FILES__`, see action/build.mjs).
 */
import { readFileSync } from 'node:fs';

/** The package root, from dist/io/ (and from src/io/ under tsx). */
const PACKAGE_ROOT = new URL('../../', import.meta.url);

/**
 * The text of `path` (relative to the package root, forward slashes). Throws when the file is missing, or in the
 * bundle when it was not inlined.
 */
export function readShippedFile(path: string): string {
  if (typeof __PCC_BUNDLED_FILES__ === 'object') {
    const text = __PCC_BUNDLED_FILES__[path];
    if (text === undefined) throw new Error(`${path} is not part of this build of pcc; install the npm package to use it`);
    return text;
  }
  return readFileSync(new URL(path, PACKAGE_ROOT), 'utf8');
}
