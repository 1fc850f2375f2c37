/** Setup file of the unit suite (test/vitest.unit.config.ts): node:child_process refuses to start anything there (unit-suite-guard.ts). */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { expect } from 'vitest';
import { refuseProcesses } from './unit-suite-guard.js';

refuseProcesses(createRequire(import.meta.url)('node:child_process') as Record<string, unknown>, () => expect.getState().testPath);
// ES module imports of node:child_process (`import { spawn } from ...`) see the replacements too.
syncBuiltinESMExports();
