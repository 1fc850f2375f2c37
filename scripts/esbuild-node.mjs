// The esbuild options every pcc bundle shares (scripts/bundle-cli.mjs: dist/cli.js; action/build.mjs: the action's
// committed bundles): one ES module for Node 20.19+, built from the package root.
import { fileURLToPath } from 'node:url';

/** The package root, with a trailing slash. */
export const root = fileURLToPath(new URL('..', import.meta.url));

export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
  // Some dependencies are CommonJS and call require(); an ES module bundle needs one made for it.
  banner: { js: "import { createRequire as __pccCreateRequire } from 'node:module'; const require = __pccCreateRequire(import.meta.url);" },
};
