import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';
import { testSuites } from './suites.js';

/** `npm run test:unit`: the suite without subprocesses (see suites.ts); no build needed. Not mergeConfig: it would append to `include`. */
export default defineConfig({ ...base, test: { ...base.test, include: testSuites().unit } });
