/**
 * Issue 19 fault 1, as a check on src/: maps keyed by a user's or the server's strings hold any string
 * (src/model/string-keyed.ts). The patterns that break on `__proto__`, `constructor` or `valueOf` are refused
 * here; a computed-key assignment is allowed only where its keys are pcc's own (listed with the reason).
 */
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-files.js';

/** Code without string literals (a message may well say "in"); template literals lose their text too. */
function withoutStrings(code: string): string {
  return code.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

/** `map[key] = …` where `key` is not a literal: pcc's own keys only (a `__proto__` key would set the prototype). */
const COMPUTED_ASSIGNMENT = /[\w\])]\[(?!['"`\d])[^\]\n]+\]\s*(?:=|\?\?=|\+=|\|\|=)(?!=)/;
const OWN_KEYS: Record<string, string> = {
  'src/kinds/relationship/apply-update.ts': 'UpdateRelationship members from the field table',
  'src/apply/outcome.ts': 'outcome statuses pcc defines',
  'src/desired/fast-yaml.ts': 'YAML keys, `__proto__` and duplicates excepted (the reader gives them to yaml)',
  'src/desired/portable-schema.ts': "the keys of pcc's own JSON Schema",
  'src/desired/suggest.ts': 'array indexes',
  'src/emulator/operations/relationships.ts': 'members from the field table',
  'src/emulator/stats.ts': 'operation names and error codes the emulator defines',
  'src/kinds/relationship/read-relationships.ts': 'array indexes',
  'src/live/request-limiter.ts': 'operation names pcc calls',
  'src/live/run-bounded.ts': 'array indexes',
  'src/plan/plan-options.ts': 'the plan-shaping option keys of PLAN_SHAPING_OPTIONS',
  'src/plan/count-action.ts': 'plan action names pcc defines',
  'src/model/support-plan-tag.ts': 'support-plan member names from a fixed list',
};

function findings(pattern: RegExp, allowed: Record<string, string> = {}): string[] {
  return sourceFiles().flatMap(({ file, code }) =>
    Object.hasOwn(allowed, file)
      ? []
      : withoutStrings(code)
          .split('\n')
          .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('maps keyed by outside strings hold any string (src/model/string-keyed.ts)', () => {
  it('nothing compares with fast-deep-equal (it calls a map’s own valueOf/toString: a tag named so crashes it)', () => {
    expect(findings(/from 'fast-deep-equal'|require\('fast-deep-equal'\)/)).toEqual([]);
  });

  it('no `key in map` with a computed key, no for…in (both see Object.prototype): Object.hasOwn or a Map', () => {
    expect(findings(/(?<![\w'"`[.])\b(?!K\b)[A-Za-z_$][\w.]*\s+in\s+(?!keyof\b)[A-Za-z_$(]/)).toEqual([]);
    expect(findings(/for\s*\((?:const|let|var)\s+\w+\s+in\s/)).toEqual([]);
  });

  it('no `map[key] = …` with a computed key except where the keys are pcc’s own', () => {
    expect(findings(COMPUTED_ASSIGNMENT, OWN_KEYS)).toEqual([]);
    // Each exception still has such an assignment: a stale entry would hide a new one.
    const stale = Object.keys(OWN_KEYS).filter((file) => findings(COMPUTED_ASSIGNMENT).every((found) => !found.startsWith(`${file}:`)));
    expect(stale).toEqual([]);
  });

  it('the patterns catch what they are for', () => {
    const planted = ['if (key in tags) x();', 'for (const k in tags) y();', "import equal from 'fast-deep-equal';", 'set[key] = value;', 'counts[op.name] ??= 0;'];
    expect(planted.map((line) => withoutStrings(line)).filter((line) => COMPUTED_ASSIGNMENT.test(line))).toEqual(['set[key] = value;', 'counts[op.name] ??= 0;']);
    expect(/(?<![\w'"`[.])\b(?!K\b)[A-Za-z_$][\w.]*\s+in\s+(?!keyof\b)[A-Za-z_$(]/.test(planted[0] ?? '')).toBe(true);
    expect(/(?<![\w'"`[.])\b(?!K\b)[A-Za-z_$][\w.]*\s+in\s+(?!keyof\b)[A-Za-z_$(]/.test(withoutStrings("'error' in read"))).toBe(false);
    expect(/(?<![\w'"`[.])\b(?!K\b)[A-Za-z_$][\w.]*\s+in\s+(?!keyof\b)[A-Za-z_$(]/.test('type T = { [K in Name]: 1 };')).toBe(false);
  });
});
