import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Plan } from '../../src/plan/plan-types.js';
import { withEmulator } from '../support/emulator.js';
import { entry, MANAGED, pcc, PMA, seedEntry, workspaceForTest } from '../support/e2e-helpers.js';

/**
 * Issue 19 fault 10 (Trojan Source): what a reviewer reads must be what the file or the plan holds. Live display
 * names and tag keys may hold characters nobody sees for what they are; pcc shows them as escapes, in the YAML
 * it writes (import, fmt) and in the plans it prints, so two values that differ only there never read the same.
 */
const NAMES = [
  'Acme\u202Eexe.txt', // right-to-left override
  'Ac\u200Bme', // zero-width space
  'iso\u2066late\u2069', // isolates
  'soft\u00ADhyphen',
  'bom\uFEFFinside',
  'alm\u061Cmark',
  'lrm\u200Emark',
  'line\u2028separator',
  'para\u2029separator',
  'nel\u0085line',
  'c1\u009Bcsi',
  'variation\uFE0Fselector',
  'tag\u{E0041}character',
  'hangul\u3164filler',
  'no\u00A0break',
  'ideographic\u3000space',
  'word\u2060joiner',
  'braille\u2800blank',
];
/** Any character a reader cannot see for what it is (tab, LF, CR aside). */
const HIDDEN = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|[^\S\t\n\r ]|\u2800/u;

const h = withEmulator({ idSeed: 1910 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

describe('hidden characters are shown for what they are', () => {
  it('import escapes them in display names, tag keys and tag values; the file reads back to the live values and settles', async () => {
    NAMES.forEach((name, i) => seedEntry(h.emulator, i + 1, { displayName: name, tags: { [`key\u3164${i}`]: `value\u2028${i}` } }));
    const ws = await workspaceForTest([]);
    const imported = await pcc(ws, h.env, ['import']);
    expect(imported.code, imported.stderr).toBe(0);
    const lines = imported.stdout.split('\n');
    expect(lines.filter((line) => HIDDEN.test(line))).toEqual([]);
    expect(imported.stdout).toContain('displayName: "Acme\\u202Eexe.txt"');
    expect(imported.stdout).toContain('displayName: "tag\\U000E0041character"');
    // The escapes are YAML's: the file holds exactly the live strings.
    const held = parse(imported.stdout) as { relationships: { displayName: string; tags: Record<string, string> }[] };
    expect(held.relationships.map((r) => r.displayName)).toEqual(NAMES);
    expect(held.relationships.map((r) => r.tags)).toEqual(NAMES.map((_, i) => ({ [`key\u3164${i}`]: `value\u2028${i}` })));

    await writeFile(join(ws.cwd, 'relationships', 'main.yaml'), imported.stdout);
    expect((await pcc(ws, h.env, ['validate'])).code).toBe(0);
    expect((await pcc(ws, h.env, ['fmt', '--check'])).code).toBe(0);
    const planned = await pcc(ws, h.env, ['plan', '--format', 'json']);
    const plan = JSON.parse(planned.stdout) as Plan;
    expect(plan.changes.map((c) => [c.action, c.fields.length])).toEqual(NAMES.map(() => ['adopt', 0]));
  });

  it('fmt escapes them where a file holds them raw, and reads back the same', async () => {
    const ws = await workspaceForTest([entry(1, { displayName: 'Acme\u202Eexe', tags: { ['te\u200Bam']: 'a\u00A0b' } })]);
    const file = join(ws.cwd, 'relationships', 'main.yaml');
    const before = parse(await readFile(file, 'utf8')) as unknown;
    expect((await pcc(ws, h.env, ['fmt', '--check'])).code).toBe(1);
    expect((await pcc(ws, h.env, ['fmt'])).code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text.split('\n').filter((line) => HIDDEN.test(line))).toEqual([]);
    expect(text).toContain('"te\\u200Bam": "a\\u00A0b"');
    expect(parse(text)).toEqual(before);
    expect((await pcc(ws, h.env, ['fmt', '--check'])).code).toBe(0);
  });

  it('a plan never shows two values that differ only in hidden characters as the same (text and markdown)', async () => {
    seedEntry(h.emulator, 1, { displayName: 'Acme\u202E', tags: { ...MANAGED, ['te\u200Bam']: 'a' } });
    seedEntry(h.emulator, 2, { displayName: 'Ac\u200Bme', tags: { ...MANAGED } });
    const ws = await workspaceForTest([entry(1, { displayName: 'Acme', tags: { team: 'a' } }), entry(2, { displayName: 'Acme' })]);
    const text = await pcc(ws, h.env, ['plan']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('~ displayName: "Acme\\u202E" → "Acme"');
    expect(text.stdout).toContain('~ displayName: "Ac\\u200Bme" → "Acme"');
    expect(text.stdout).toContain('- tags.te\\u200Bam = "a"');
    const markdown = await pcc(ws, h.env, ['plan', '--format', 'markdown']);
    expect(markdown.stdout).toContain('- displayName = "Acme\\u202E"');
    expect(markdown.stdout).toContain('- tags.te\\u200Bam = "a"');
    for (const output of [text.stdout, markdown.stdout]) expect(output).not.toMatch(HIDDEN);
  });

  it('relationships left alone are listed with their names escaped', async () => {
    seedEntry(h.emulator, 3, { displayName: 'Hand\u202Emade', tags: { 'pcc:managed': 'y\u200Bes' } });
    const ws = await workspaceForTest([]);
    const text = await pcc(ws, h.env, ['plan']);
    expect(text.stdout + text.stderr).toContain('"Hand\\u202Emade"');
    expect(text.stdout + text.stderr).not.toMatch(HIDDEN);
  });

  it('validate names a hidden character it refuses by its escape', async () => {
    const ws = await workspaceForTest([entry(1, { tags: { ['te\u200Bam']: 'a' } })]);
    const validated = await pcc(ws, h.env, ['validate']);
    expect(validated.code).toBe(1);
    expect(validated.stderr).toContain('tag key "te\\u200Bam" contains "\\u200B", which tags cannot hold [/relationships/0/tags/te\\u200Bam]');
  });
});
