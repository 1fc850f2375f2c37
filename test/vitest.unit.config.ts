import { mergeConfig } from 'vitest/config';
import base from './vitest.config.js';
import { testSuites } from './suites.js';

/** `npm run test:unit`: the suite without subprocesses (see suites.ts); no build needed. */
export default mergeConfig(base, { test: { include: testSuites().unit } });
