/**
 * No cycle between the folders of src/ (issue 20): data flows one way down the pipeline, so `io → plan → live → io`
 * and the like must not come back. The graph is the one Node runs: esbuild bundles every file of src/ and its
 * metafile lists the static imports that survive TypeScript's type erasure (`import type`, and imports used only as
 * types, are gone). Type imports are left out on purpose: they cost nothing at run time and cannot make an ES-module
 * initialisation cycle, and the kind seam needs them both ways (an engine's facet type names the change union in
 * src/kinds/registry.ts; each kind implements the engine's facet type).
 *
 * src/kinds: each kind folder (src/kinds/<kind>/) is its own node, and so is src/kinds itself. The engines reach the
 * kinds only through the registry (src/kinds/registry.ts, and the types of src/kinds/resource-kind.ts): those edges
 * are the one allowed way into src/kinds and are left out, since a kind may import engine helpers (the registry
 * inverts the dependency, as a plugin list does). Any other edge into a kind folder counts: an engine importing
 * src/kinds/relationship/ while that kind imports the engine is a cycle and fails here.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT, sources } from '../support/source-files.js';

/** The registry files the engines may import from src/kinds (the allowed edges, see above). */
const REGISTRY = new Set(['src/kinds/registry.ts', 'src/kinds/resource-kind.ts']);

/** The folder a file belongs to: `src/plan`, `src/kinds/relationship`, `src` for the files at the top. */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts.length <= 2) return parts[0] ?? file;
  return parts[1] === 'kinds' && parts.length > 3 ? `src/kinds/${parts[2]}` : `src/${parts[1]}`;
}

/** The folder graph of the value imports of every `.ts` file under `root`/src (paths relative to `root`). */
function folderGraph(root: string): Map<string, Set<string>> {
  const entryPoints = sources(join(root, 'src')).filter((file) => !file.endsWith('.d.ts'));
  const { metafile } = buildSync({
    entryPoints,
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: join(tmpdir(), 'pcc-folder-cycles'),
    logLevel: 'silent',
    define: { __PCC_BUNDLED_FILES__: 'undefined' },
  });
  const graph = new Map<string, Set<string>>();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.external || imported.kind !== 'import-statement' || REGISTRY.has(imported.path)) continue;
      const [from, to] = [folderOf(file), folderOf(imported.path)];
      if (from === to) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** Every cycle, each once, as `a → b → … → a` (a depth-first search from each folder; the graph is small). */
function cyclesOf(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (path: string[]): void => {
    for (const next of graph.get(path.at(-1) ?? '') ?? []) {
      const at = path.indexOf(next);
      if (at === 0) {
        // Start the cycle at its smallest folder so each is reported once.
        const cycle = path.slice();
        const first = cycle.indexOf(cycle.toSorted()[0] ?? '');
        const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
        found.add([...rotated, rotated[0]].join(' → '));
      } else if (at === -1 && next > (path[0] ?? '')) walk([...path, next]);
    }
  };
  for (const start of graph.keys()) walk([start]);
  return [...found].sort();
}

/** A throwaway project with these files (path → text). */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pcc-folder-cycles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('folder cycles in src/', () => {
  it('the folders of src/ import each other without a cycle (value imports; the registry is the way into src/kinds)', () => {
    const graph = folderGraph(ROOT);
    // The graph is the real one: the pipeline's edges are there.
    expect(graph.get('src/commands')).toContain('src/plan');
    expect(graph.get('src/apply')).toContain('src/live');
    expect(cyclesOf(graph)).toEqual([]);
  }, 30_000);

  it('finds a planted cycle, not one made of type imports, and not one through the registry', () => {
    const root = project({
      // io → plan → live → io: the cycle issue 20 found.
      'src/io/plan-file.ts': "import { VERSION } from '../plan/plan-types.js';\nexport const read = () => VERSION;\n",
      'src/plan/plan-types.ts': "import { address } from '../live/live-state.js';\nexport const VERSION = address('x');\n",
      'src/live/live-state.ts': "import { clean } from '../io/sanitize.js';\nexport const address = (s: string) => clean(s);\n",
      'src/io/sanitize.ts': 'export const clean = (s: string) => s;\n',
      // render ⇄ report through types only: erased, no cycle.
      'src/render/text.ts': "import type { Sink } from '../report/sink.js';\nexport const render = (sink: Sink) => sink;\n",
      'src/report/sink.ts': "import { render } from '../render/text.js';\nexport type Sink = string;\nexport const report = () => render('x');\n",
      // apply → registry → kind → apply: the allowed way into src/kinds.
      'src/apply/apply-plan.ts': "import { KINDS } from '../kinds/registry.js';\nexport const helper = 1;\nexport const apply = () => KINDS;\n",
      'src/kinds/registry.ts': "import { kind } from './thing/index.js';\nexport const KINDS = [kind];\n",
      'src/kinds/thing/index.ts': "import { helper } from '../../apply/apply-plan.js';\nexport const kind = helper;\n",
    });
    expect(cyclesOf(folderGraph(root))).toEqual(['src/io → src/plan → src/live → src/io']);
  }, 30_000);

  it('finds a cycle through a kind folder when an engine imports the kind directly', () => {
    const root = project({
      'src/apply/apply-plan.ts': "import { kind } from '../kinds/thing/index.js';\nexport const helper = 1;\nexport const apply = () => kind;\n",
      'src/kinds/thing/index.ts': "import { helper } from '../../apply/apply-plan.js';\nexport const kind = helper;\n",
    });
    expect(cyclesOf(folderGraph(root))).toEqual(['src/apply → src/kinds/thing → src/apply']);
  }, 30_000);
});
