import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

/**
 * A carriage return not followed by a line feed (a classic-Mac file, or one pasted into a comment) ends a line
 * for YAML's spec, git's diff and every editor, but the YAML parser reads on past it: a whole CR-only file is
 * one comment line, so its relationships vanish (and `--prune` would delete them), and `# note\rsector: X` hides
 * a line the reviewer sees. Refused with its position, in validate, plan and fmt alike.
 */
const LINES = [
  'catalog: AWS',
  'programManagementAccountIdentifier: pma-u8ic702rtzng8',
  'relationships:',
  '  - associatedAccountId: "111122223333"',
  '    associationType: END_CUSTOMER',
  '    displayName: Acme # the big one',
  '    sector: COMMERCIAL',
  '',
];

async function project(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pcc-cr-'));
  await mkdir(path.join(dir, 'relationships'));
  await writeFile(path.join(dir, 'relationships', 'a.yaml'), text);
  return dir;
}

describe('a lone carriage return', () => {
  const cases: Array<[string, string, number, number]> = [
    ['a CR-only file', LINES.join('\r'), 1, 13],
    ['a CR inside a comment of an LF file', LINES.join('\n').replace('# the big one', '# the big one\r    sector: GOVERNMENT'), 6, 36],
    ['a CR inside a value of a CRLF file', LINES.join('\r\n').replace('Acme', 'Ac\rme'), 6, 20],
  ];
  for (const [name, text, line, column] of cases) {
    it(`${name}: validate and fmt refuse it at its position; fmt writes nothing`, async () => {
      const cwd = await project(text);
      const validated = await runCli(['validate'], { cwd });
      expect(validated.code).toBe(1);
      expect(validated.stderr).toContain(`relationships/a.yaml:${line}:${column}: error: line ${line} ends with a carriage return alone`);
      const formatted = await runCli(['fmt'], { cwd });
      expect(formatted.code).toBe(1);
      expect(formatted.stderr).toContain(`relationships/a.yaml:${line}:${column}`);
      expect(await readFile(path.join(cwd, 'relationships', 'a.yaml'), 'utf8')).toBe(text);
    });
  }

  it('CRLF and LF files are read as before', async () => {
    for (const text of [LINES.join('\n'), LINES.join('\r\n')]) {
      const cwd = await project(text);
      const validated = await runCli(['validate'], { cwd });
      expect(validated.code, validated.stderr).toBe(0);
      expect(validated.stderr).toContain('1 relationship in 1 file');
    }
  });
});
