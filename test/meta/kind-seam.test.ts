/**
 * The kind seam (issue 20): the engines reach a resource kind only through src/kinds/registry.ts. An engine folder
 * names no kind (no `'relationship'` or `'servicePeriod'` literal) and imports nothing from a kind's folder
 * (src/kinds/<kind>/); types from src/kinds/resource-kind.ts and the registry are its way in. One `it` per engine.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/kinds/registry.js';
import { codeOf, ROOT, sourceFiles } from '../support/source-files.js';

/** The kinds' folders under src/kinds, e.g. `relationship`, `service-period`. */
const KIND_FOLDERS = readdirSync(join(ROOT, 'src/kinds'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** What names a kind in code: its name as a string literal, or an import from its folder. */
function kindNamedIn(code: string): string[] {
  const literals = KIND_NAMES.filter((name) => new RegExp(`['"\`]${name}['"\`]`).test(code)).map((name) => `literal '${name}'`);
  const imports = KIND_FOLDERS.filter((folder) => new RegExp(`from\\s+['"][^'"]*/kinds/${folder}/[^'"]*['"]`).test(code)).map(
    (folder) => `import from src/kinds/${folder}/`,
  );
  return [...literals, ...imports];
}

/** Each file under the folders that names a kind, with what it names. */
const offenders = (folders: readonly string[]) =>
  sourceFiles()
    .filter(({ file }) => folders.some((folder) => file.startsWith(`${folder}/`)))
    .flatMap(({ file, code }) => kindNamedIn(code).map((what) => `${file}: ${what}`));

describe('the kind seam', () => {
  it('src/render and src/report name no kind: no kind-name literal, no import from a kind folder', () => {
    expect(KIND_FOLDERS.length).toBeGreaterThanOrEqual(KIND_NAMES.length);
    expect(offenders(['src/render', 'src/report'])).toEqual([]);
    // The check sees what it looks for (a planted violation), and not in comments or in prose.
    expect(kindNamedIn(codeOf("if (change.kind === 'servicePeriod') return '>>';"))).toEqual(["literal 'servicePeriod'"]);
    expect(kindNamedIn(codeOf('const k = "relationship";'))).toEqual(["literal 'relationship'"]);
    expect(kindNamedIn(codeOf("import { servicePeriodWords } from '../kinds/service-period/words.js';"))).toEqual(['import from src/kinds/service-period/']);
    expect(kindNamedIn(codeOf("import type { RelationshipChange } from '../kinds/relationship/relationship-change.js';"))).toEqual([
      'import from src/kinds/relationship/',
    ]);
    expect(kindNamedIn(codeOf("// kind === 'relationship'\nimport { KINDS } from '../kinds/registry.js';\nconst s = 'unmanaged relationships';"))).toEqual([]);
  });
});
