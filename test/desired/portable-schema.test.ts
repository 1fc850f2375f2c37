/**
 * The schemas outside pcc: editors see the constraints pcc checks with named rules (catalog and PMA after
 * defaults, reserved tag keys), and the portable variant works in strict ajv and in Python's jsonschema.
 * `UPDATE_SCHEMA=1 npx vitest run test/desired/portable-schema.test.ts` rewrites the portable file.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { portableSchema } from '../../src/desired/portable-schema.js';
import { relationshipsSchema } from '../../src/desired/schema-validate.js';
import { HEADER, entry, load } from './helpers.js';

const PORTABLE = new URL('../../schema/relationships.portable.schema.json', import.meta.url);
const EXAMPLES = ['acme-distribution.yaml', 'internal.yaml', 'emea/northwind.yaml'].map((f) => new URL(`../../relationships/${f}`, import.meta.url));

const documentsOf = (yaml: string): unknown[] => parseAllDocuments(yaml).map((d) => d.toJS() as unknown);
const exampleDocuments = EXAMPLES.flatMap((url) => documentsOf(readFileSync(url, 'utf8')));

/** The main schema as an editor sees it: every keyword, including the editor-only `allOf`. */
function editorValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  return ajv.compile(relationshipsSchema());
}

/** Python's jsonschema (on every machine of this kind) validating each document: 'valid', or the first error. */
function pythonVerdicts(schema: unknown, documents: unknown[]): string[] {
  const script = `
import json, sys, jsonschema
data = json.load(sys.stdin)
validator = jsonschema.Draft202012Validator(data["schema"])
for doc in data["documents"]:
    try:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        print("valid" if not errors else "invalid: " + errors[0].message)
    except Exception as e:
        print("crash: " + type(e).__name__)
`;
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify({ schema, documents }), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout.trim().split('\n');
}

const NO_DEFAULTS = `relationships:\n${entry()}`;
const ENTRY_CATALOG_ONLY = `programManagementAccountIdentifier: pma-u8ic702rtzng8\nrelationships:\n${entry({ catalog: 'AWS' })}`;
const PCC_TAG = HEADER + entry({ tags: '\n      pcc:managed: "true"' });
const AWS_TAG = HEADER + entry({ tags: '\n      AWS:owner: me' });
const BAD_TAG_CHARACTER = HEADER + entry({ tags: '\n      team: "a!b"' });

describe('the schema in editors', () => {
  it('flags what pcc’s named rules flag, and accepts what they accept', async () => {
    const validate = editorValidator();
    const cases: [string, string, string | undefined][] = [
      [NO_DEFAULTS, 'catalog and PMA on neither the document nor the entry', 'required-after-defaults'],
      [ENTRY_CATALOG_ONLY, 'catalog on the entry, PMA on the document', undefined],
      [PCC_TAG, 'a pcc: tag key', 'reserved-tag-prefix'],
      [AWS_TAG, 'an AWS: tag key', 'reserved-tag-prefix'],
      [HEADER + entry(), 'a plain entry', undefined],
      [`programManagementAccount: emea\n${HEADER}${entry()}`, 'both PMA keys at the top of a document', 'pma-reference-ambiguous'],
      [
        HEADER + entry({ programManagementAccount: 'emea', programManagementAccountIdentifier: 'pma-u8ic702rtzng8' }),
        'both PMA keys on an entry',
        'pma-reference-ambiguous',
      ],
    ];
    for (const [yaml, what, rule] of cases) {
      const [document] = documentsOf(yaml);
      const editorErrors = validate(document) ? [] : (validate.errors ?? []);
      const { diagnostics } = await load({ 'a.yaml': yaml });
      expect(
        diagnostics.map((d) => d.code),
        what,
      ).toEqual(rule ? expect.arrayContaining([rule]) : []);
      expect(editorErrors.length > 0, what).toBe(rule !== undefined);
      if (rule)
        expect(
          editorErrors.every((e) => e.schemaPath.startsWith('#/allOf/')),
          what,
        ).toBe(true);
    }
  });
});

describe('the portable schema', () => {
  it('is the main schema without errorMessage and \\p{…} (regenerate with UPDATE_SCHEMA=1)', () => {
    const expected = `${JSON.stringify(portableSchema(relationshipsSchema()), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(PORTABLE, expected);
    expect(readFileSync(PORTABLE, 'utf8')).toBe(expected);
  });

  it('compiles in strict ajv with no extra keywords, where the main schema does not', () => {
    const portable = JSON.parse(readFileSync(PORTABLE, 'utf8')) as object;
    expect(() => new Ajv2020({ strict: true }).compile(relationshipsSchema())).toThrow(/unknown keyword: "errorMessage"/);
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(portable);
    expect(exampleDocuments.map((d) => validate(d))).toEqual(exampleDocuments.map(() => true));
    expect(validate(documentsOf(BAD_TAG_CHARACTER)[0])).toBe(false);
  });

  it('works in Python’s jsonschema, where the main schema’s \\p{…} patterns crash it', () => {
    const portable = JSON.parse(readFileSync(PORTABLE, 'utf8')) as object;
    const probes = [NO_DEFAULTS, PCC_TAG, BAD_TAG_CHARACTER].map((yaml) => documentsOf(yaml)[0]);
    const verdicts = pythonVerdicts(portable, [...exampleDocuments, ...probes]);
    expect(verdicts.slice(0, exampleDocuments.length)).toEqual(exampleDocuments.map(() => 'valid'));
    expect(verdicts.slice(exampleDocuments.length)).toEqual([
      expect.stringMatching(/^invalid: 'catalog' is a required property/),
      expect.stringMatching(/^invalid: .*should not be valid/),
      expect.stringMatching(/^invalid: 'a!b' does not match/),
    ]);
    expect(pythonVerdicts(relationshipsSchema(), [documentsOf(HEADER + entry({ tags: '\n      team: a' }))[0]])).toEqual(['crash: error']);
  });
});
