/** Where the git repository around a folder starts: the nearest folder up that holds `.git` (a folder or a file). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root holding `folder`, or `folder` itself when none does. */
export function repositoryRoot(folder: string): string {
  let current = resolve(folder);
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return resolve(folder);
    current = parent;
  }
}
