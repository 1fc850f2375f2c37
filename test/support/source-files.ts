/** The product's source files as the meta tests read them: paths relative to the repository, code without comments. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every `.ts` file under `dir`, depth first. */
export function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The code without its comments (a comment may well name what the code must not); `://` in strings stays. */
export function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Every file under src/, as `src/…` with forward slashes, and its code without comments. */
export function sourceFiles(): { file: string; code: string }[] {
  return sources(join(ROOT, 'src')).map((path) => ({ file: relative(ROOT, path).split('\\').join('/'), code: codeOf(readFileSync(path, 'utf8')) }));
}
