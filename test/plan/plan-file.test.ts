import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { readPlanSchema, readPlanText, writePlanText } from '../../src/io/plan-file.js';
import { parsePlanText as parseWithSchema, serializePlan } from '../../src/plan/saved-plan.js';
import { desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

const samplePlan = () =>
  buildPlan(
    desiredState([
      desiredEntry('111111111111', { displayName: 'New', requestedSupportPlan: { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'x' } } }),
      desiredEntry('222222222222'),
    ]),
    { relationships: [liveEntry('111111111111', 'rs-aaaaaaaaaaaaa', { tags: { ...MANAGED } }), liveEntry('333333333333', 'rs-bbbbbbbbbbbbb', { tags: { ...MANAGED } })] },
    { prune: true, allowReplace: false, dir: 'relationships' },
  );

const parsePlanText = (text: string, name?: string) => parseWithSchema(text, readPlanSchema(), name);

/** What `pcc apply FILE` does with a saved plan: read the text (src/io), then parse and check it (src/plan). */
async function readPlanFile(path: string) {
  const read = await readPlanText(path);
  return 'error' in read ? read : parsePlanText(read.text, `plan file ${path}`);
}

async function tempFile(name: string): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'pcc-plan-file-')), name);
}

describe('plan files', () => {
  it('round-trips: what serializePlan and writePlanText save, readPlanText and parsePlanText give back equal', async () => {
    const plan = samplePlan();
    const path = await tempFile('plan.json');
    await writePlanText(path, serializePlan(plan));
    expect(await readPlanFile(path)).toEqual({ plan });
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    // Everything apply needs is in the file.
    expect(text).toContain('"desiredHash"');
    expect(text).toContain('"revision"');
    expect(text).toContain('"liveTags"');
    expect(text).toContain('"desired"');
  });

  it('refuses an unknown formatVersion, saying which versions it reads', () => {
    const result = parsePlanText(JSON.stringify({ ...samplePlan(), formatVersion: 2 }));
    expect(result).toEqual({ error: expect.stringContaining('formatVersion 2 is not one this pcc reads (it reads 1)') });
  });

  it('refuses a file without a formatVersion', () => {
    const { formatVersion: _v, ...rest } = samplePlan();
    expect(parsePlanText(JSON.stringify(rest))).toEqual({ error: expect.stringContaining('formatVersion (missing)') });
  });

  it('refuses corrupt JSON, e.g. a truncated file', () => {
    const text = JSON.stringify(samplePlan()).slice(0, 100);
    const result = parsePlanText(text, 'plan file p.json');
    expect(result).toEqual({ error: expect.stringMatching(/^plan file p\.json is not valid JSON \(.+\): it may be truncated/) });
  });

  it.each([
    ['not an object', [], 'expected a JSON object, got an array'],
    ['changes missing', { changes: undefined }, 'changes: expected a list, got nothing'],
    [
      'an unknown action',
      { changes: [{ kind: 'relationship', address: 'a', action: 'explode', fields: [] }] },
      'changes[0].action: expected one of create, update, adopt, replace, delete, release, no-op, got "explode"',
    ],
    [
      'a field without a name',
      { changes: [{ kind: 'relationship', address: 'a', action: 'update', fields: [{ before: 1 }] }] },
      'changes[0].fields[0].name: expected a string',
    ],
    [
      'a non-string tag value',
      { changes: [{ kind: 'relationship', address: 'a', action: 'update', fields: [], liveTags: { k: 1 } }] },
      'changes[0].liveTags.k: expected a string, got a number',
    ],
    ['a negative summary count', { summary: { ...samplePlan().summary, create: -1 } }, 'summary.create: expected a whole number'],
    ['options not booleans', { options: { prune: 'yes', allowReplace: false } }, 'options.prune: expected true or false'],
    [
      'a change without a kind',
      { changes: [{ address: 'a', action: 'update', fields: [] }] },
      'changes[0].kind: expected one of programManagementAccount, relationship, servicePeriod, got nothing',
    ],
    [
      'an unknown kind',
      { changes: [{ kind: 'pma', address: 'a', action: 'update', fields: [] }] },
      'changes[0].kind: expected one of programManagementAccount, relationship, servicePeriod, got "pma"',
    ],
    [
      'an unknown reason code',
      { changes: [{ kind: 'relationship', address: 'a', action: 'replace', fields: [], reasonCode: 'because' }] },
      'changes[0].reasonCode: expected one of replace-allowed, ',
    ],
    ['applyable missing', { applyable: undefined }, 'applyable: expected true or false, got nothing'],
    [
      'a source line that is not a number',
      { changes: [{ kind: 'relationship', address: 'a', action: 'create', fields: [], source: { file: 'a.yaml', line: '4' } }] },
      'changes[0].source.line: expected a whole number, got a string',
    ],
    ['an error without a message', { errors: [{ code: 'x' }] }, 'errors[0].message: expected a string, got nothing'],
  ])('refuses a shape that is not a plan: %s', (_name, patch, message) => {
    const value = Array.isArray(patch) ? patch : { ...samplePlan(), ...patch };
    const result = parsePlanText(JSON.stringify(value));
    expect('error' in result && result.error).toContain(message);
    expect('error' in result && result.error).toMatch(/^plan file is not a pcc plan: /);
  });

  it('says so when the file does not exist, without throwing', async () => {
    const path = await tempFile('missing.json');
    expect(await readPlanFile(path)).toEqual({ error: `plan file ${path} does not exist` });
  });

  it('reads a file with extra keys (the format may grow)', async () => {
    const path = await tempFile('plan.json');
    await writeFile(path, JSON.stringify({ ...samplePlan(), extra: { any: 1 } }));
    expect('plan' in (await readPlanFile(path))).toBe(true);
  });
});
