import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';
import { testSuites } from './suites.js';

/**
 * `npm run test:unit`: the suite without subprocesses (see suites.ts); no build needed, and a test that starts a
 * process anyway fails saying so (support/unit-suite-setup.ts). Its tests keep the CPU busy, so one worker per core
 * (vitest's default leaves one core idle: half of a 2-core machine), in worker threads rather than forked processes
 * (measured on 2 cores: 79 CPU seconds against 111 with forks, the difference being each file's start-up). Not
 * mergeConfig: it would append to `include`.
 */
export default defineConfig({
  ...base,
  test: { ...base.test, include: testSuites().unit, setupFiles: ['test/support/unit-suite-setup.ts'], maxWorkers: availableParallelism(), pool: 'threads' },
});
