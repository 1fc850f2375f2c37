// Bundles the CLI (src/cli.ts with its dependencies) into dist/cli.js, over tsc's file of that name (npm run build):
// one module instead of about 400 to find, read and compile at every start. The AWS SDK stays in a chunk of its
// own (dist/cli-chunk-*.js), loaded only by the commands that call the service, as src/kinds/*/reader.ts import it.
// Files pcc reads beside itself are read from the package root (src/io/shipped-files.ts, __PCC_PACKAGE_ROOT__).
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { nodeBundleOptions, root } from './esbuild-node.mjs';

for (const name of readdirSync(`${root}dist`).filter((n) => n.startsWith('cli-chunk-'))) rmSync(`${root}dist/${name}`);
rmSync(`${root}dist/cli.js.map`, { force: true });
await build({
  ...nodeBundleOptions,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  chunkNames: 'cli-chunk-[name]-[hash]',
  splitting: true,
  // The bundle is dist/cli.js and its chunks beside it: the package root is one folder up (from tsc's dist/io/, two).
  define: { __PCC_PACKAGE_ROOT__: JSON.stringify('../') },
});
