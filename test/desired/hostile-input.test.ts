/**
 * Broken and hostile input: each must give a clear diagnostic with a position where one exists, never an
 * exception, a crash or a hang. (vitest's timeout would catch a hang; none of these takes long.)
 */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesired } from '../../src/desired/load-desired.js';
import { MAX_FILE_BYTES } from '../../src/desired/read-source.js';
import { brief, briefs, entry, HEADER, load, only, project } from './helpers.js';

describe('YAML that does not parse', () => {
  it('reports a missing closing quote with its position', async () => {
    const { diagnostics, desired } = await load({ 'a.yaml': `${HEADER}  - displayName: "Acme\n` });
    expect(briefs(diagnostics)).toEqual(['yaml-syntax@5:1']);
    expect(diagnostics[0]?.message).toBe('invalid YAML: Missing closing "quote');
    expect(desired.relationships).toEqual([]);
  });

  it('reports bad indentation', async () => {
    const { diagnostics } = await load({ 'a.yaml': `${HEADER}  - associatedAccountId: "111122223333"\n   displayName: x\n` });
    expect(diagnostics.map((d) => d.code)).toContain('yaml-syntax');
    expect(diagnostics.every((d) => d.line !== undefined && d.column !== undefined)).toBe(true);
  });

  it('reports tabs used for indentation, with a hint', async () => {
    const { diagnostics } = await load({ 'a.yaml': 'catalog: AWS\nrelationships:\n\t- a: b\n' });
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax', line: 3, column: 1, hint: 'indent with spaces, not tabs' });
  });

  it('reads the other documents of a file when one does not parse', async () => {
    const { diagnostics, desired } = await load({ 'a.yaml': `${HEADER}${entry()}---\nrelationships: [\n` });
    expect(diagnostics.map((d) => d.code)).toEqual(['yaml-syntax']);
    expect(desired.relationships).toHaveLength(1);
  });

  it('reports a key used twice in one mapping at the second one', async () => {
    const { diagnostics, desired } = await load({ 'a.yaml': HEADER + entry({ sector: 'COMMERCIAL\n    displayName: Again' }) });
    expect(briefs(diagnostics)).toEqual(['yaml-duplicate-key@8:5']);
    expect(diagnostics[0]?.message).toBe('key "displayName" appears twice in the same mapping');
    expect(desired.relationships).toEqual([]);
  });
});

describe('values YAML reads differently than intended', () => {
  it('says "quote it" for an unquoted account id and that leading zeros were lost', async () => {
    const { diagnostics } = await load({ 'a.yaml': HEADER + entry({ associatedAccountId: '000011112222' }) });
    expect(diagnostics[0]).toMatchObject({
      code: 'schema-unquoted-number',
      line: 4,
      column: 26,
      message: 'associatedAccountId is not in quotes, so YAML read 000011112222 as a number, which drops the leading zero (11112222)',
      hint: 'quote it: associatedAccountId: "000011112222"',
    });
  });
});

describe('keys YAML reads as something other than text', () => {
  it('says "quote it" for a tag key YAML reads as a number, instead of sending tag "7" for 007', async () => {
    const { diagnostics, desired } = await load({ 'a.yaml': HEADER + entry() + '    tags:\n      007: bond\n      true: x\n' });
    expect(briefs(diagnostics)).toEqual(['yaml-non-string-key@9:7', 'yaml-non-string-key@10:7']);
    expect(diagnostics[0]).toMatchObject({ message: 'key 007 is read as the number 7, not as text', hint: 'quote it: "007":' });
    expect(diagnostics[1]?.message).toBe('key true is read as a yes/no value, not as text');
    expect(desired.relationships).toEqual([]);
  });

  it('reports an empty (null) key and a mapping used as a key', async () => {
    const { diagnostics } = await load({ 'a.yaml': HEADER + entry() + '    tags:\n      ~: x\n      ? {a: b}\n      : y\n' });
    expect(briefs(diagnostics)).toEqual(['yaml-non-string-key@9:7', 'yaml-non-string-key@10:9']);
    expect(diagnostics.map((d) => d.message)).toEqual(['key ~ is read as empty (null), not as text', 'key {a: b} is read as a mapping, not as text']);
  });
});

describe('files that are not a mapping', () => {
  it.each([
    ['a list', '- associatedAccountId: "111122223333"\n', 'holds a list'],
    ['a scalar', 'just some text\n', 'holds a single value ("just some text")'],
  ])('refuses a file that is %s', async (_name, yaml, fragment) => {
    const { diagnostics } = await load({ 'a.yaml': yaml });
    expect(briefs(diagnostics)).toEqual(['document-not-mapping@1:1']);
    expect(diagnostics[0]?.message).toContain(fragment);
  });

  it.each([
    ['empty', ''],
    ['only comments', '# nothing here yet\n\n'],
    ['only a document marker', '---\n'],
  ])('warns (and stays valid) for a file that is %s', async (_name, yaml) => {
    // An empty file declares nothing, which is allowed, but is more often a mistake than not; a warning shows
    // it without failing a pipeline.
    const { diagnostics } = await load({ 'a.yaml': yaml, 'b.yaml': HEADER + entry() });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'file-empty', severity: 'warning', file: 'relationships/a.yaml', line: 1, column: 1 })]);
  });

  it('ignores an empty document after a final ---', async () => {
    const { diagnostics, desired } = await load({ 'a.yaml': `${HEADER}${entry()}---\n` });
    expect(diagnostics).toEqual([]);
    expect(desired.relationships).toHaveLength(1);
  });
});

describe('resource exhaustion', () => {
  it('stops an alias bomb', async () => {
    const lines = ['relationships: []', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `x${i}: &${'a'.repeat(i + 1)} [${Array(9)
          .fill(`*${'a'.repeat(i)}`)
          .join(',')}]`,
      );
    const { diagnostics } = await load({ 'a.yaml': lines.join('\n') });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-alias-limit', file: 'relationships/a.yaml' });
    expect(diagnostics[0]?.line).toBeGreaterThan(1);
  });

  it('allows an anchor for a shared support plan', async () => {
    const plan = '&plan\n      resoldEnterprise:\n        coverage: ENTIRE_ORGANIZATION\n        tamLocation: us-east-1';
    const { diagnostics, desired } = await load({
      'a.yaml': HEADER + entry({ requestedSupportPlan: plan }) + entry({ associatedAccountId: '"222233334444"', requestedSupportPlan: '*plan' }),
    });
    expect(diagnostics).toEqual([]);
    expect(desired.relationships[1]?.requestedSupportPlan).toEqual({ resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } });
  });

  it.each([
    ['flow brackets', '['.repeat(100_000)],
    ['compact lists', `${'- '.repeat(100_000)}x\n`],
    ['indentation', `relationships:\n${Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')}\n`],
    [
      'aliases that nest anchors',
      [
        'relationships: []',
        `x0: &a0 ${'['.repeat(30)}1${']'.repeat(30)}`,
        ...Array.from({ length: 10 }, (_, i) => `x${i + 1}: &a${i + 1} ${'['.repeat(10)}*a${i}${']'.repeat(10)}`),
      ].join('\n'),
    ],
  ])('refuses absurd nesting through %s without crashing', async (_name, yaml) => {
    const { diagnostics } = await load({ 'a.yaml': yaml });
    expect(diagnostics.map((d) => d.code)).toEqual(['yaml-too-deep']);
    expect(diagnostics[0]?.message).toBe('the YAML nests more than 64 levels deep');
  });

  it('refuses a file over 5 MiB without reading it as YAML', async () => {
    const { diagnostics } = await load({ 'big.yaml': `# ${'x'.repeat(MAX_FILE_BYTES)}\n` });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'file-too-large',
        severity: 'error',
        file: 'relationships/big.yaml',
        message: 'relationships/big.yaml is 5.0 MiB; files over 5.0 MiB are refused',
      }),
    ]);
  });
});

describe('prototype pollution', () => {
  it('treats __proto__ and constructor keys as unknown fields and pollutes nothing', async () => {
    const yaml = `__proto__:\n  polluted: yes\nconstructor: x\n${HEADER}${entry({ ['__proto__']: '\n      polluted: yes', constructor: 'y' })}`;
    const { diagnostics, desired } = await load({ 'a.yaml': yaml });
    expect(briefs(diagnostics)).toEqual(['schema-unknown-field@1:1', 'schema-unknown-field@3:1', 'schema-unknown-field@11:5', 'schema-unknown-field@13:5']);
    expect(diagnostics[0]?.message).toBe('unknown field "__proto__"');
    expect(desired.relationships).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('bytes that are not UTF-8', () => {
  it('names the file and the position of the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('catalog: AWS\nrelationships: []\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const { diagnostics, desired } = await load({ 'latin1.yaml': bytes });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'file-not-utf8',
        file: 'relationships/latin1.yaml',
        line: 3,
        column: 6,
        message: 'relationships/latin1.yaml is not valid UTF-8 (byte 0xE9)',
      }),
    ]);
    expect(desired.files).toEqual([]);
  });

  it('refuses UTF-16', async () => {
    const { diagnostics } = await load({ 'utf16.yaml': Buffer.from('\ufeffrelationships: []\n', 'utf16le') });
    expect(brief(only(diagnostics, 'file-not-utf8'))).toBe('file-not-utf8@1:1');
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const { diagnostics, desired } = await load({ 'bom.yaml': `\ufeff${HEADER}${entry()}` });
    expect(diagnostics).toEqual([]);
    expect(desired.relationships[0]?.source).toMatchObject({ line: 4, column: 5 });
  });
});

describe('the folder and its links', () => {
  it('refuses a symlink to a file outside the folder, naming the link', async () => {
    const outside = path.join(await makeDir(), 'secret.yaml');
    await writeFile(outside, HEADER + entry());
    const { cwd, dir } = await project({ 'ok.yaml': HEADER + entry({ associatedAccountId: '"222233334444"' }) });
    await symlink(outside, path.join(dir, 'linked.yaml'));
    const { diagnostics, desired } = await loadDesired({ dir: 'relationships', cwd });
    const refused = only(diagnostics, 'symlink-outside-dir');
    expect(refused.file).toBe('relationships/linked.yaml');
    expect(refused.message).toMatch(/^relationships\/linked\.yaml is a symbolic link to .*secret\.yaml, outside relationships\/; links out of the folder are refused$/);
    expect(desired.relationships.map((r) => r.associatedAccountId)).toEqual(['222233334444']);
  });

  it('refuses a symlinked folder outside, and skips (with a warning) links that stay inside', async () => {
    const outsideDir = await makeDir();
    await writeFile(path.join(outsideDir, 'x.yaml'), HEADER + entry());
    const { cwd, dir } = await project({ 'real/a.yaml': HEADER + entry() });
    await symlink(outsideDir, path.join(dir, 'elsewhere'));
    await symlink(path.join(dir, 'real'), path.join(dir, 'alias-dir'));
    await symlink(path.join(dir, 'real', 'a.yaml'), path.join(dir, 'alias.yaml'));
    await symlink(path.join(dir, 'nowhere.yaml'), path.join(dir, 'broken.yaml'));
    const { diagnostics, desired } = await loadDesired({ dir: 'relationships', cwd });
    expect(diagnostics.map((d) => `${d.code}:${d.file}`).sort()).toEqual([
      'broken-symlink:relationships/broken.yaml',
      'symlink-outside-dir:relationships/elsewhere',
      'symlink-skipped:relationships/alias-dir',
      'symlink-skipped:relationships/alias.yaml',
    ]);
    // The linked file is read once, through its real path: no duplicate-address.
    expect(desired.relationships).toHaveLength(1);
  });

  it('refuses a link inside the folder to a file the walk never reads (hidden, or not .yaml)', async () => {
    const { cwd, dir } = await project({ '.drafts/acme.yaml': HEADER + entry(), 'notes.txt': HEADER + entry() });
    await symlink(path.join(dir, '.drafts', 'acme.yaml'), path.join(dir, 'acme.yaml'));
    await symlink(path.join(dir, 'notes.txt'), path.join(dir, 'notes.yaml'));
    const { diagnostics, desired } = await loadDesired({ dir: 'relationships', cwd });
    expect(diagnostics.map((d) => `${d.code}:${d.severity}:${d.file}`).sort()).toEqual([
      'symlink-target-not-read:error:relationships/acme.yaml',
      'symlink-target-not-read:error:relationships/notes.yaml',
    ]);
    expect(diagnostics[0]?.message).toMatch(/^relationships\/acme\.yaml is a symbolic link to .*\.drafts\/acme\.yaml, which pcc does not read/);
    expect(desired.relationships).toEqual([]);
  });

  it('refuses a FIFO named like a relationship file instead of waiting on it', async () => {
    const { cwd, dir } = await project({ 'ok.yaml': HEADER + entry() });
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    const { diagnostics } = await loadDesired({ dir: 'relationships', cwd });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'not-a-file', file: 'relationships/pipe.yaml' })]);
  });

  it('reports a missing folder, a file given as the folder, and an empty folder', async () => {
    const { cwd } = await project({ 'a.yaml': HEADER + entry() });
    const missing = await loadDesired({ dir: 'nope', cwd });
    expect(missing.diagnostics).toEqual([
      expect.objectContaining({ code: 'dir-not-found', severity: 'error', message: `no folder nope/ (looked in ${path.join(cwd, 'nope')})` }),
    ]);
    const file = await loadDesired({ dir: 'relationships/a.yaml', cwd });
    expect(file.diagnostics.map((d) => d.code)).toEqual(['dir-not-a-directory']);
    await mkdir(path.join(cwd, 'empty'));
    const empty = await loadDesired({ dir: 'empty', cwd });
    expect(empty.diagnostics).toEqual([expect.objectContaining({ code: 'no-files', severity: 'warning' })]);
  });
});

async function makeDir(): Promise<string> {
  const { cwd } = await project({});
  const dir = path.join(cwd, 'outside');
  await mkdir(dir);
  return dir;
}
