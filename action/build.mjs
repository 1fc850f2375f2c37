// Builds the GitHub Action's two committed single-file bundles (npm run bundle):
//   action/pcc.mjs   the whole CLI (src/cli.ts) with its dependencies and the schemas inlined
//   action/main.mjs  the action's entry (src/action/main.ts), which runs pcc.mjs
// `node action/build.mjs --out DIR` writes them elsewhere (the test compares a fresh build with the committed files).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { nodeBundleOptions as common, root } from '../scripts/esbuild-node.mjs';

const outIndex = process.argv.indexOf('--out');
const outdir = outIndex > 0 ? process.argv[outIndex + 1] : `${root}action`;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: `${outdir}/pcc.mjs`,
  define: {
    // What the CLI reads from beside itself (src/io/shipped-files.ts); `pcc init` is for the npm package only.
    __PCC_BUNDLED_FILES__: JSON.stringify(
      Object.fromEntries(['schema/relationships.schema.json', 'schema/plan.schema.json', 'docs/codes.md'].map((file) => [file, readFileSync(`${root}${file}`, 'utf8')])),
    ),
    __PCC_BUNDLED_VERSION__: JSON.stringify(pkg.version),
  },
});
await build({ ...common, entryPoints: ['src/action/main.ts'], outfile: `${outdir}/main.mjs` });
