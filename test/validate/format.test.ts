/**
 * How problems look: the text form for people, the JSON form for scripts, and GitHub annotations, with
 * hostile strings from files made harmless on the way out.
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/diagnostics/diagnostic.js';
import { countProblems, diagnosticToJson, formatDiagnosticsText } from '../../src/diagnostics/format-diagnostics.js';
import { escapeData, escapeProperty, formatAnnotations } from '../../src/report/github-annotations.js';

const ESC = '\u001b';
const problem: Problem = {
  code: 'schema-enum',
  severity: 'error',
  message: 'sector "RETAIL" is not one of COMMERCIAL, GOVERNMENT, GOVERNMENT_EXCEPTION',
  hint: 'did you mean COMMERCIAL?',
  file: 'relationships/a.yaml',
  line: 7,
  column: 13,
  path: '/relationships/0/sector',
};

describe('text form', () => {
  it('prints file:line:col, severity, message, path and the hint on its own line', () => {
    expect(formatDiagnosticsText([problem], { color: false })).toBe(
      'relationships/a.yaml:7:13: error: sector "RETAIL" is not one of COMMERCIAL, GOVERNMENT, GOVERNMENT_EXCEPTION [/relationships/0/sector]\n' +
        '  hint: did you mean COMMERCIAL?\n',
    );
  });

  it('leaves out what a problem does not have', () => {
    const text = formatDiagnosticsText(
      [
        { code: 'no-files', severity: 'warning', message: 'no .yaml or .yml files under relationships/' },
        { code: 'file-too-large', severity: 'error', message: 'too big', file: 'relationships/big.yaml' },
      ],
      { color: false },
    );
    expect(text).toBe('warning: no .yaml or .yml files under relationships/\nrelationships/big.yaml: error: too big\n');
  });

  it('colours only when asked, with the same words', () => {
    const plain = formatDiagnosticsText([problem], { color: false });
    const coloured = formatDiagnosticsText([problem], { color: true });
    expect(plain).not.toContain(ESC);
    expect(coloured).toContain(`${ESC}[31m`);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('strips escape sequences and control characters that came from a file', () => {
    const hostile: Problem = {
      ...problem,
      message: `displayName "${ESC}]0;pwned\u0007${ESC}[2JAcme\u202e" is 40 characters`,
      hint: `line\nbreak${ESC}[31m`,
      file: `relationships/${ESC}[1mx.yaml`,
    };
    const text = formatDiagnosticsText([hostile], { color: false });
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text).toBe('relationships/x.yaml:7:13: error: displayName "Acme" is 40 characters [/relationships/0/sector]\n  hint: line break\n');
  });

  it('counts problems in words', () => {
    expect(countProblems([])).toBe('no problems');
    expect(countProblems([problem])).toBe('1 error');
    expect(countProblems([problem, problem, { ...problem, severity: 'warning' }])).toBe('2 errors and 1 warning');
  });
});

describe('JSON form', () => {
  it('has a fixed key order and no undefined keys', () => {
    expect(Object.keys(diagnosticToJson({ ...problem }))).toEqual(['code', 'severity', 'message', 'hint', 'file', 'line', 'column', 'path']);
    expect(JSON.stringify(diagnosticToJson({ code: 'x', severity: 'warning', message: 'm' }))).toBe('{"code":"x","severity":"warning","message":"m"}');
  });
});

describe('GitHub annotations', () => {
  it('formats an error with file, line, col and title, and the hint on a second line', () => {
    expect(formatAnnotations([problem])).toBe(
      '::error file=relationships/a.yaml,line=7,col=13,title=pcc%3A schema-enum::sector "RETAIL" is not one of COMMERCIAL, GOVERNMENT, GOVERNMENT_EXCEPTION%0Ahint: did you mean COMMERCIAL?\n',
    );
  });

  it('escapes data and properties the way the runner reads them', () => {
    expect(escapeData('100% a\r\nb')).toBe('100%25 a%0D%0Ab');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const odd: Problem = { code: 'x', severity: 'warning', message: '50% done: a, b', file: 'relationships/a,b:c.yaml', line: 1, column: 2 };
    expect(formatAnnotations([odd])).toBe('::warning file=relationships/a%2Cb%3Ac.yaml,line=1,col=2,title=pcc%3A x::50%25 done: a, b\n');
  });

  it('cannot be made to forge a workflow command', () => {
    const forged: Problem = { ...problem, message: 'x\n::add-mask::secret\r\n::error::fake', hint: undefined };
    const lines = formatAnnotations([forged]).split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith('::error file=')).toBe(true);
  });

  it('emits at most 10 errors and 10 warnings, then says how many more there are', () => {
    const errors = Array.from({ length: 13 }, (_, i) => ({ ...problem, line: i + 1 }));
    const warnings = Array.from({ length: 4 }, (_, i) => ({ ...problem, severity: 'warning' as const, line: 100 + i }));
    const lines = formatAnnotations([...errors, ...warnings])
      .trimEnd()
      .split('\n');
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((line) => line.startsWith('::warning '))).toHaveLength(4);
    expect(lines.at(-1)).toBe('3 more problems not shown as annotations (GitHub shows at most 10 of each kind per step); see the full list in the log.');
    expect(formatAnnotations(errors.slice(0, 10))).not.toContain('more problem');
  });
});
