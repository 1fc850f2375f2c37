/**
 * Issue 20: the engines never name a resource kind. A kind is reached through src/kinds/registry.ts only (and its
 * types through src/kinds/resource-kind.ts); a kind's own code lives in its folder, src/kinds/<kind>/.
 */
import { describe, expect, it } from 'vitest';
import { codeOf, sourceFiles } from '../support/source-files.js';

/** A kind's name as a string literal: `'relationship'`, `"servicePeriod"`, `` `relationship` ``. */
const KIND_LITERAL = /(['"`])(?:relationship|servicePeriod)\1/;
/** An import (static, re-export or dynamic) from a kind's own folder, src/kinds/<kind>/. */
const KIND_FOLDER_IMPORT = /(?:from\s*|import\s*\(\s*)['"][^'"]*\/kinds\/[^'"/]+\//;

const namesAKind = (code: string) => KIND_LITERAL.test(code) || KIND_FOLDER_IMPORT.test(code);

describe('the kind seam', () => {
  // The saved-plan checks (check-saved-plan.ts, compare-plans.ts) are the planner's side of apply: checked with plan/.
  const PLANNERS_IN_APPLY = new Set(['src/apply/check-saved-plan.ts', 'src/apply/compare-plans.ts']);

  it('src/apply names no kind: no kind literal, no import from a kind folder (the appliers are the kinds’ own)', () => {
    const files = sourceFiles().filter(({ file }) => file.startsWith('src/apply/') && !PLANNERS_IN_APPLY.has(file));
    expect(files.length).toBeGreaterThan(5);
    expect(files.filter(({ code }) => namesAKind(code)).map(({ file }) => file)).toEqual([]);
  });

  it('the apply check sees a planted kind literal or kind-folder import, and not one in a comment or a longer word', () => {
    expect(namesAKind(codeOf("if (change.kind !== 'servicePeriod') return applyChange(change);"))).toBe(true);
    expect(namesAKind(codeOf('const base = { kind: "relationship" as const };'))).toBe(true);
    expect(namesAKind(codeOf("import { applyServicePeriod } from '../kinds/service-period/apply-service-period.js';"))).toBe(true);
    expect(namesAKind(codeOf("export { relationshipApplier } from '../kinds/relationship/applier.js';"))).toBe(true);
    expect(namesAKind(codeOf("const m = await import('../kinds/relationship/apply-change.js');"))).toBe(true);
    expect(namesAKind(codeOf("import { kindOf } from '../kinds/registry.js';\nimport type { ResourceKind } from '../kinds/resource-kind.js';"))).toBe(false);
    expect(namesAKind(codeOf("// a 'relationship' change\n/** the 'servicePeriod' kind */ const note = 'relationships touched';"))).toBe(false);
  });
});
