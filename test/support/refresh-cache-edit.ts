import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';

/** An entry of a refresh-cache file as tests edit it (src/live/refresh-cache.ts CacheEntry; other members kept). */
export interface CacheFileEntry {
  id: string;
  resaleAccountModel?: string;
  tags?: Record<string, string>;
  /** ms since the epoch. */
  tagsReadAt?: number;
  /** ms since the epoch. */
  invalidatedAt?: number;
}

/**
 * Edits the one refresh-cache file (`refresh-*.json`) under `dir` in place: a hand edit, or a file restored from
 * elsewhere. Fails the test when `dir` holds no such file or more than one.
 */
export async function editRefreshCache(dir: string, edit: (entries: CacheFileEntry[]) => void): Promise<void> {
  const files = (await readdir(dir)).filter((name) => name.startsWith('refresh-') && name.endsWith('.json'));
  expect(files).toHaveLength(1);
  const path = join(dir, files[0] as string);
  const body = JSON.parse(await readFile(path, 'utf8')) as { entries: CacheFileEntry[] };
  edit(body.entries);
  await writeFile(path, JSON.stringify(body));
}
