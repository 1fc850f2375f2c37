/** vitest's global setup (test/vitest.config.ts): removes the run's own home when the run ends. */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => Promise<void> {
  const home = project.config.env.HOME;
  return async () => {
    // Only the folder the config made: a temporary one of ours, never a home a caller passed in.
    if (home && dirname(home) === tmpdir() && basename(home).startsWith('pcc-test-home-')) await rm(home, { recursive: true, force: true });
  };
}
