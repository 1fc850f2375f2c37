/**
 * The fast reader must read exactly what yaml reads, or step aside. Every input here is read by both:
 * when the fast reader returns documents, yaml must have read the text without errors or warnings, to
 * the same values, with entries starting at the same line and column. A seeded fuzzer mutates valid files
 * to look for any input where the two disagree.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSimpleYaml } from '../../src/desired/fast-yaml.js';
import { valuePosition } from '../../src/desired/locate-node.js';
import { parseYaml } from '../../src/desired/parse-yaml.js';
import { generateFile } from '../bench/validate.bench.js';

const EXAMPLES = fileURLToPath(new URL('../../relationships/', import.meta.url));

function exampleTexts(): string[] {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (/\.ya?ml$/.test(entry.name)) texts.push(readFileSync(path.join(dir, entry.name), 'utf8'));
    }
  };
  walk(EXAMPLES);
  return texts;
}

/** 'read' or 'bailed'; throws (fails the test) if the fast reader read something differently from yaml. */
function compare(text: string): 'read' | 'bailed' {
  const fast = readSimpleYaml(text);
  if (!fast) return 'bailed';
  const view = parseYaml(text);
  const problems = view.documents.flatMap((doc) => [...doc.errors, ...doc.warnings].map((e) => e.message));
  expect(view.tooDeepAt, text).toBeUndefined();
  expect(problems, text).toEqual([]);
  expect(fast.documents, text).toStrictEqual(view.documents.map((doc) => doc.toJS()));
  const starts = fast.documents.map((doc, docIndex) => {
    const list = (doc as Record<string, unknown>).relationships;
    return Array.isArray(list) ? list.map((_item, index) => valuePosition(view, docIndex, ['relationships', index])) : [];
  });
  expect(fast.entryStarts, text).toEqual(starts);
  const rootStarts = fast.documents.map((doc, docIndex) =>
    Object.fromEntries(
      Object.entries(doc as Record<string, unknown>)
        .filter(([, value]) => typeof value === 'string')
        .map(([key]) => [key, valuePosition(view, docIndex, [key])]),
    ),
  );
  expect(fast.rootValueStarts, text).toEqual(rootStarts);
  return 'read';
}

const BASE = `# yaml-language-server: $schema=../schema/relationships.schema.json
catalog: AWS   # trailing comment
programManagementAccountIdentifier: pma-u8ic702rtzng8
relationships:
  # a comment line inside the list
  - associatedAccountId: "011122223333"
    associationType: END_CUSTOMER
    displayName: Acme Corp #1 (EU), "quoted" inside & more
    sector: 'COMMERCIAL'
        # an oddly indented comment
    requestedSupportPlan:
      resoldUnifiedOperations:
        coverage: ENTIRE_ORGANIZATION
        tamLocation: https://example.com:443/x
    tags:   # comment after a key
      "pcc:quoted key": ''
      cost-center: "4711"
      a.b/c=d+e@f: value with spaces   
  -   associatedAccountId: "111122223333"
      displayName: Extra spaces after the dash
`;

/** A document declaring PMAs and one naming them (issue 21's keys). */
const PMA_SAMPLE = `catalog: AWS
programManagementAccounts:
  - name: emea
    program: DISTRIBUTION
    accountId: "123456789012"
    displayName: EMEA distribution
    tags:
      team: emea
---
catalog: AWS
programManagementAccount: emea
relationships:
  - associatedAccountId: "210000000001"
    associationType: END_CUSTOMER
    displayName: Acme
    sector: COMMERCIAL
  - programManagementAccountIdentifier: pma-u8ic702rtzng8
    associatedAccountId: "210000000002"
    programManagementAccount: emea
`;

/** BASE's values as one JSON-style document (JSON is YAML's flow style; issue 22). */
const JSON_SAMPLE = JSON.stringify(
  {
    catalog: 'AWS',
    programManagementAccountIdentifier: 'pma-u8ic702rtzng8',
    relationships: [
      {
        associatedAccountId: '011122223333',
        associationType: 'END_CUSTOMER',
        displayName: 'Acme Corp #1 (EU), "quoted" \\ inside & more: ü 🚀',
        sector: 'COMMERCIAL',
        requestedSupportPlan: { resoldUnifiedOperations: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } },
        tags: { 'pcc:quoted key': '', 'cost-center': '4711', 'a.b/c=d+e@f': 'value with spaces  ' },
      },
      { associatedAccountId: '111122223333', displayName: 'Second', tags: {}, released: [] },
    ],
  },
  null,
  2,
);

const READ: Array<[string, string]> = [
  ['one JSON-style document', `${JSON_SAMPLE}\n`],
  ['one JSON-style document on one line, after comment lines', `# yaml-language-server: $schema=x\n\n${JSON.stringify(JSON.parse(JSON_SAMPLE))}`],
  ['JSON escapes', '{"a": "tab\\t quote\\" slash\\/ back\\\\ \\u00e9 \\ud83d\\ude80", "b": "\\\\"}\n'],
  ['JSON true, false and null', '{"a": true, "b": false, "c": null, "d": [null, "x"], "relationships": ["x", {"y": "z"}, []]}\n'],
  // Names of Object's built-ins are ordinary keys (issue 19): own properties, as yaml makes them.
  ['built-in names as keys', 'constructor: x\nvalueOf: y\ntoString: z\nhasOwnProperty:\n  valueOf: w\n'],
  ['the base sample', BASE],
  ['a list at the same indent as its key', 'relationships:\n- a: x\n  b: y\n- c: z\nother: v\n'],
  ['four-space indentation', 'relationships:\n    -   a: x\n        b:\n            c: d\n'],
  ['CRLF line endings', 'a: x\r\nb:\r\n  c: d\r\n'],
  ['several documents after a leading comment', '# intro\n---\na: x\n---\nb: y\n--- # third\nc: z\n'],
  ['a key without value (null) before a sibling', 'a:\nb: x\n'],
  ['unicode values', 'a: Café Müller 株式会社 🚀\nb: "ü: ok"\n'],
  ['a value with a colon not followed by a space', 'a: b:c\nd: arn:aws:x\n'],
  ['program management accounts declared and named (issue 21)', PMA_SAMPLE],
];

const BAILED: Array<[string, string]> = [
  ['a JSON number', '{"a": 1}\n'],
  ['a JSON duplicate key', '{"a": "x", "a": "y"}\n'],
  ['a JSON __proto__ key', '{"__proto__": "x"}\n'],
  ['a JSON trailing comma', '{"a": "x",}\n'],
  ['a comment after a JSON document', '{"a": "x"} # c\n'],
  ['a second document after a JSON document', '{"a": "x"}\n---\nb: y\n'],
  ['a JSON key on another line than its colon', '{"a"\n: "x"}\n'],
  ['a JSON document with a plain scalar', '{"a": x}\n'],
  ['a JSON document with a single-quoted string', "{'a': 'x'}\n"],
  ['a JSON document with a bad escape', '{"a": "\\x41"}\n'],
  ['a JSON string broken over lines', '{"a": "x\ny"}\n'],
  ['a top-level JSON list', '["a"]\n'],
  ['flow mapping', 'a: {b: c}\n'],
  ['flow sequence', 'a: [b]\n'],
  ['anchor and alias', 'a: &x b\nc: *x\n'],
  ['explicit tag', 'a: !!str b\n'],
  ['block scalar', 'a: |\n  b\n'],
  ['folded scalar', 'a: >\n  b\n'],
  ['double-quoted escape', 'a: "b\\tc"\n'],
  ['single-quote escape', "a: 'it''s'\n"],
  ['multi-line plain scalar', 'a: b\n  c\n'],
  ['multi-line quoted scalar', 'a: "b\n  c"\n'],
  ['an integer', 'a: 12\n'],
  ['a float', 'a: .5\n'],
  ['a signed number', 'a: -1\n'],
  ['a boolean', 'a: true\n'],
  ['a null word', 'a: null\n'],
  ['a tilde', 'a: ~\n'],
  ['a tab', 'a:\tb\n'],
  ['a lone CR', 'a: b\rc: d\n'],
  ['a duplicate key', 'a: x\na: y\n'],
  ['__proto__ key', '__proto__: x\n'],
  ['a numeric key', '1: x\n'],
  ['a boolean key', 'true: x\n'],
  ['an explicit key', '? a\n: b\n'],
  ['a document end marker', 'a: b\n...\n'],
  ['a directive', '%YAML 1.2\n---\na: b\n'],
  ['an empty document after ---', 'a: b\n---\n'],
  ['a top-level list', '- a: b\n'],
  ['a top-level scalar', 'hello\n'],
  ['a list of scalars', 'a:\n  - b\n'],
  ['a nested list in an item', 'a:\n  - - b\n'],
  ['an over-indented line', 'a: b\n   c: d\n'],
  ['a value ending in a colon', 'a: b:\n'],
  ['a nested mapping on one line', 'a: b: c\n'],
  ['a comment glued to a quote', 'a: "b"#c\n'],
  ['an empty file', ''],
  ['a comment-only file', '# nothing\n'],
  ['a key with a space before the colon', 'a : b\n'],
  ['a lone dash item', 'a:\n  -\n    b: c\n'],
  ['nesting deeper than the limit', Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n'],
];

describe('fast reader', () => {
  it.each(READ)('reads %s exactly as yaml does', (_name, text) => {
    expect(compare(text)).toBe('read');
  });

  it.each(BAILED)('leaves %s to yaml', (_name, text) => {
    expect(compare(text)).toBe('bailed');
  });

  it.each([
    ['# inside a plain value', 'a: b#c\nd: e # f: g\n'],
    ['YAML 1.1 booleans (strings in 1.2)', 'a: yes\nb: On\nc: n\ny: x\n'],
    ['null and bool words in other cases', 'a: nULL\nb: tRUE\n'],
    ['numbers in 1.2 forms', 'a: 0o17\nb: 0x1F\nc: 1_000\nd: .inf\ne: 2001-12-14\n'],
    ['a merge key', '<<: {a: b}\nc: d\n'],
    ['no-break space around a value', 'a: b\u00a0\nc: \u00a0d\n'],
    ['indicators inside a plain value', 'a: b ,c]d}e\nf: x - y ? z\n'],
    ['quotes inside quotes', `a: "it's"\nb: 'say "hi"'\n`],
    ['empty quoted keys and values', `"": x\n'': y\nz: ""\n`],
    ['a comment at lower indent inside a list', 'a:\n  - b: c\n# note\n  - d: e\n'],
    ['a list at the key indent inside an item', 'a:\n  - b:\n    - c: d\n    e: f\n'],
    ['CRLF around document markers', 'a: b\r\n---\r\nc: d\r\n'],
    ['trailing spaces after a marker', 'a: b\n---   \nc: d\n'],
    ['a document marker with content', 'a: b\n--- c: d\n'],
    ['a line separator in a value', 'a: b\u2028c\n'],
    ['a zero-width space and bidi override', 'a: b\u200bc\u202ed\n'],
    ['JSON lines at column 0', '{\n"a": "b",\n"relationships": [\n{"c": "d"}\n]\n}\n'],
    ['JSON without spaces, CRLF', '{"a":"b",\r\n"c":{"d":[]}}\r\n'],
    ['JSON keys and values with YAML indicators', '{"a: b": "# c", "- d": "&e *f !g", "? h": "|"}\n'],
    ['JSON with a space before a colon', '{"a" : "b"}\n'],
    ['a JSON document after a --- marker', '---\n{"a": "b"}\n'],
  ])('agrees with yaml or steps aside: %s', (_name, text) => {
    expect(['read', 'bailed']).toContain(compare(text));
  });

  it('reads the example files and generated files', () => {
    const texts = [...exampleTexts(), generateFile(0, 50), generateFile(7, 3)];
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const text of texts) expect(compare(text)).toBe('read');
  });

  it('never disagrees with yaml on mutated files (seeded fuzz)', () => {
    // mulberry32: a tiny deterministic PRNG, so a failure reproduces.
    let seed = 0x5eed;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const characters = [' ', ':', '#', '-', '"', "'", '[', '{', '&', '*', '!', '|', '>', '\t', '\n', '0', 'a', '~', '?', ',', '%', '@', '\\', '\r', 'ü', '.'];
    const bases = [BASE, PMA_SAMPLE, JSON_SAMPLE, `{"a":"b","relationships":[{"c":"d"}]}\n`, ...exampleTexts()];
    const outcomes = { read: 0, bailed: 0 };
    for (let round = 0; round < 2500; round++) {
      let text = pick(bases);
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * text.length);
        const lines = text.split('\n');
        const line = Math.floor(random() * lines.length);
        switch (Math.floor(random() * 5)) {
          case 0:
            text = text.slice(0, at) + pick(characters) + text.slice(at);
            break;
          case 1:
            text = text.slice(0, at) + text.slice(at + 1);
            break;
          case 2:
            lines.splice(line, 0, lines[line] ?? '');
            text = lines.join('\n');
            break;
          case 3:
            lines[line] = random() < 0.5 ? ` ${lines[line] ?? ''}` : (lines[line] ?? '').replace(/^ {1,2}/, '');
            text = lines.join('\n');
            break;
          default:
            lines.splice(line, 1);
            text = lines.join('\n');
        }
      }
      outcomes[compare(text)]++;
    }
    // Both paths must actually be exercised for the comparison to mean anything.
    expect(outcomes.read).toBeGreaterThan(200);
    expect(outcomes.bailed).toBeGreaterThan(200);
  });
});
