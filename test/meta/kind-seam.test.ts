/**
 * The engines never name a resource kind (issue 20): a kind is reached through src/kinds/registry.ts only, so a
 * new kind is a folder and a registry line. One `it` per engine folder.
 */
import { describe, expect, it } from 'vitest';
import { codeOf, sourceFiles } from '../support/source-files.js';

/** A kind's name as a string literal. */
const KIND_LITERAL = /(['"`])(?:relationship|servicePeriod)\1/;
/** An import (static, re-export or dynamic) from a kind's own folder, src/kinds/<kind>/. */
const KIND_FOLDER_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"`])[^'"`\n]*\bkinds\/[^'"`/\n]+\/[^'"`\n]*\1/;

/** The files under `folder` that name a kind, each with what it does. */
function namingKinds(files: { file: string; code: string }[], folder: string): string[] {
  return files
    .filter(({ file }) => file.startsWith(folder))
    .flatMap(({ file, code }) => [
      ...(KIND_LITERAL.test(code) ? [`${file}: a kind's name as a literal`] : []),
      ...(KIND_FOLDER_IMPORT.test(code) ? [`${file}: imports from a kind's folder (use src/kinds/registry.ts)`] : []),
    ]);
}

describe('the engines never name a kind', () => {
  it('src/live: no kind literal, no import from src/kinds/<kind>/ (and the check sees a planted one)', () => {
    const files = sourceFiles();
    expect(files.some(({ file }) => file.startsWith('src/live/'))).toBe(true);
    expect(namingKinds(files, 'src/live/')).toEqual([]);

    const planted = (code: string) => namingKinds([...files, { file: 'src/live/planted.ts', code: codeOf(code) }], 'src/live/');
    expect(planted("export const isIt = (kind: string) => kind === 'servicePeriod';")).toEqual(["src/live/planted.ts: a kind's name as a literal"]);
    expect(planted('export const k = `relationship`;')).toEqual(["src/live/planted.ts: a kind's name as a literal"]);
    expect(planted("import { readRelationships } from '../kinds/relationship/read-relationships.js';")).toEqual([
      "src/live/planted.ts: imports from a kind's folder (use src/kinds/registry.ts)",
    ]);
    expect(planted("export type { ServicePeriodApi } from '../kinds/service-period/service-period-api.js';")).toHaveLength(1);
    expect(planted("export const load = () => import('../kinds/service-period/reader.js');")).toHaveLength(1);
    // What the engine may do: the registry, the facet types, and the words in comments or other names.
    expect(planted("import { KINDS } from '../kinds/registry.js';\nimport type { ResourceKind } from '../kinds/resource-kind.js';")).toEqual([]);
    expect(planted("// a 'relationship' literal in a comment\nexport const relationships = 'relationships';")).toEqual([]);
  });

  it('src/apply: no kind literal, no import from src/kinds/<kind>/ (and the check sees a planted one)', () => {
    // The saved-plan checks (check-saved-plan.ts, compare-plans.ts) are the planner's side of apply, checked apart.
    const PLANNERS = new Set(['src/apply/check-saved-plan.ts', 'src/apply/compare-plans.ts']);
    const files = sourceFiles().filter(({ file }) => !PLANNERS.has(file));
    expect(files.filter(({ file }) => file.startsWith('src/apply/')).length).toBeGreaterThan(5);
    expect(namingKinds(files, 'src/apply/')).toEqual([]);

    const planted = (code: string) => namingKinds([...files, { file: 'src/apply/planted.ts', code: codeOf(code) }], 'src/apply/');
    expect(planted("if (change.kind !== 'servicePeriod') return applyChange(change);")).toEqual(["src/apply/planted.ts: a kind's name as a literal"]);
    expect(planted('const base = { kind: "relationship" as const };')).toHaveLength(1);
    expect(planted("import { applyServicePeriod } from '../kinds/service-period/apply-service-period.js';")).toEqual([
      "src/apply/planted.ts: imports from a kind's folder (use src/kinds/registry.ts)",
    ]);
    expect(planted("import { kindOf } from '../kinds/registry.js';\nimport type { KindApplier } from './kind-applier.js';")).toEqual([]);
  });
});
