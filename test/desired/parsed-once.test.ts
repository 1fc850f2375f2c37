/**
 * A valid file the fast reader reads is not parsed again by yaml (issue 22: a document's defaults asked yaml for
 * their position, so every valid file was parsed twice). yaml's parser is wrapped to count its runs.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { generateFile } from '../bench/validate.bench.js';
import { entry, HEADER, load } from './helpers.js';

const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/desired/parse-yaml.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/desired/parse-yaml.js')>();
  return {
    ...original,
    parseYaml: (text: string) => {
      parses.count++;
      return original.parseYaml(text);
    },
  };
});

beforeEach(() => {
  parses.count = 0;
});

describe('valid files read by the fast reader', () => {
  it('are not parsed by yaml, and their scopes point at the document defaults', async () => {
    const { desired, diagnostics } = await load({ 'a.yaml': generateFile(0, 30), 'b.yaml': `# lead comment\n${HEADER}${entry()}` });
    expect(diagnostics).toEqual([]);
    expect(desired.relationships).toHaveLength(31);
    expect(parses.count).toBe(0);
    expect(desired.scopes.map((scope) => scope.source)).toEqual([{ file: 'relationships/a.yaml', line: 3, column: 37 }]);
  });

  it('are parsed by yaml when a problem needs a position the fast reader does not keep', async () => {
    const { diagnostics } = await load({ 'a.yaml': `${HEADER}${entry()}    unknownField: x\n` });
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['schema-unknown-field', 8, 5]]);
    expect(parses.count).toBe(1);
  });
});
