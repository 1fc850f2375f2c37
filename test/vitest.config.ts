import { mkdtempSync } from 'node:fs';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * A home of the test run's own (removed by test/support/test-home-setup.ts when the run ends): whatever a test or
 * a process it starts writes under HOME or the XDG cache (pcc's refresh cache, a tool's settings) lands here,
 * never in the developer's home. npm keeps the developer's cache, so installs in tests work offline from it.
 */
const testHome = mkdtempSync(join(tmpdir(), 'pcc-test-home-'));

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built CLI and an HTTP emulator; give them room on a 2-core machine.
    testTimeout: 60_000,
    // An end-to-end file mostly waits for the processes it started (about 0.7 of a core each, measured), so two
    // files per core keep the cores busy; vitest's default (one less than the cores) ran them one at a time here.
    maxWorkers: availableParallelism() * 2,
    hookTimeout: 60_000,
    globalSetup: ['test/support/test-home-setup.ts'],
    env: {
      // In-process SDK clients (contract tests) would print the SDK's Node < 22 notice; the CLI silences it itself.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      HOME: testHome,
      USERPROFILE: testHome,
      XDG_CACHE_HOME: join(testHome, '.cache'),
      npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
    },
  },
});
