import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built CLI and an HTTP emulator; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // In-process SDK clients (contract tests) would print the SDK's Node < 22 notice; the CLI silences it itself.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
