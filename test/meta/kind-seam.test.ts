/**
 * The engines never name a resource kind (issue 20; STYLE.md 14): no kind's name as a literal (`'relationship'`,
 * `'servicePeriod'`, whatever KIND_NAMES lists) and no import from a kind's folder (src/kinds/<kind>/): they reach
 * a kind only through src/kinds/registry.ts (and its types through src/kinds/resource-kind.ts). Comments may name
 * kinds. One `it` per engine.
 */
import { describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/kinds/registry.js';
import { codeOf, sourceFiles } from '../support/source-files.js';

/** `'relationship'`, `"servicePeriod"`, `` `relationship` ``: a kind's name as a whole string literal. */
const KIND_LITERAL = new RegExp(`(['"\`])(?:${KIND_NAMES.join('|')})\\1`);
/** An import (static, dynamic or re-export) of a module inside a kind's folder. */
const KIND_FOLDER_IMPORT = /(?:from|import)\s*\(?\s*['"][^'"]*\/kinds\/[^/'"]+\/[^'"]*['"]/;

/** What in `code` names a kind: the offending lines. */
function namesAKind(code: string): string[] {
  return code.split('\n').filter((line) => KIND_LITERAL.test(line) || KIND_FOLDER_IMPORT.test(line));
}

const files = sourceFiles();
const offenders = (inEngine: (file: string) => boolean) =>
  files.filter(({ file }) => inEngine(file)).flatMap(({ file, code }) => namesAKind(code).map((line) => `${file}: ${line.trim()}`));

describe('the engines never name a kind', () => {
  it('src/plan, and the saved-plan checks (src/apply/check-saved-plan.ts, compare-plans.ts)', () => {
    const planEngine = (file: string) => file.startsWith('src/plan/') || file === 'src/apply/check-saved-plan.ts' || file === 'src/apply/compare-plans.ts';
    expect(files.filter(({ file }) => planEngine(file)).length).toBeGreaterThan(10);
    expect(offenders(planEngine)).toEqual([]);
  });

  it('the check sees a planted violation, and not in comments', () => {
    expect(namesAKind(codeOf("if (change.kind === 'servicePeriod') count();"))).toHaveLength(1);
    expect(namesAKind(codeOf('const kind = "relationship";'))).toHaveLength(1);
    expect(namesAKind(codeOf("import { specOf } from '../kinds/relationship/plan-relationships.js';"))).toHaveLength(1);
    expect(namesAKind(codeOf("export { planServicePeriods } from '../kinds/service-period/plan-service-periods.js';"))).toHaveLength(1);
    expect(namesAKind(codeOf("const m = await import('../kinds/service-period/planner.js');"))).toHaveLength(1);
    expect(namesAKind(codeOf("import { KINDS, kindOf } from '../kinds/registry.js';"))).toEqual([]);
    expect(namesAKind(codeOf("import type { ResourceKind } from '../kinds/resource-kind.js';"))).toEqual([]);
    expect(namesAKind(codeOf("// a 'relationship' change\n/** kind 'servicePeriod' */ const x = 'relationships';"))).toEqual([]);
  });
});
