import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const messy = `# Acme and friends
programManagementAccountIdentifier: pma-u8ic702rtzng8
catalog: AWS
relationships:
  - displayName: Acme Corp   # the big one
    associatedAccountId: '111122223333'
    associationType: END_CUSTOMER
    sector: COMMERCIAL
`;
const canonical = `# Acme and friends
catalog: AWS
programManagementAccountIdentifier: pma-u8ic702rtzng8
relationships:
  - associatedAccountId: "111122223333"
    associationType: END_CUSTOMER
    displayName: Acme Corp # the big one
    sector: COMMERCIAL
`;
const broken = 'relationships:\n  - associatedAccountId: 011122223333\n';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pcc-fmt-'));
  await mkdir(path.join(dir, 'relationships', 'team'), { recursive: true });
  await writeFile(path.join(dir, 'relationships', 'acme.yaml'), messy);
  await writeFile(path.join(dir, 'relationships', 'team', 'done.yml'), canonical.replace('111122223333', '222233334444'));
});

describe('pcc fmt', () => {
  it('--check lists the unformatted file, exits 1 and changes nothing', async () => {
    const result = await runCli(['fmt', '--check'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('relationships/acme.yaml\n');
    expect(result.stderr).toContain('1 file not formatted; run `pcc fmt` to fix');
    expect(await readFile(path.join(dir, 'relationships', 'acme.yaml'), 'utf8')).toBe(messy);
  });

  it('rewrites into canonical form, keeps comments, and then --check passes', async () => {
    const result = await runCli(['fmt'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('relationships/acme.yaml\n');
    expect(result.stderr).toBe('Formatted 1 file of 2 (listed above)\n');
    expect(await readFile(path.join(dir, 'relationships', 'acme.yaml'), 'utf8')).toBe(canonical);
    const again = await runCli(['fmt', '--check'], { cwd: dir });
    expect(again).toMatchObject({ code: 0, stdout: '', stderr: '2 files checked: all formatted\n' });
    const nothing = await runCli(['fmt'], { cwd: dir });
    expect(nothing).toMatchObject({ code: 0, stdout: '', stderr: '2 files checked: already formatted, nothing changed\n' });
  });

  it('never writes a file it cannot format, reports file:line:col, and still formats the others', async () => {
    await writeFile(path.join(dir, 'relationships', 'broken.yaml'), broken);
    const result = await runCli(['fmt', '--dir', 'relationships'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('relationships/broken.yaml:2:26');
    expect(result.stderr).toContain('011122223333 is read as a number');
    expect(await readFile(path.join(dir, 'relationships', 'broken.yaml'), 'utf8')).toBe(broken);
    expect(await readFile(path.join(dir, 'relationships', 'acme.yaml'), 'utf8')).toBe(canonical);
  });

  it('fails clearly when the folder does not exist', async () => {
    const result = await runCli(['fmt', '--dir', 'nope'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no folder nope/');
  });
});

describe('pcc fmt settles (issue 19 fault 4)', () => {
  const commented = [
    'catalog: AWS',
    'programManagementAccountIdentifier: pma-u8ic702rtzng8',
    'relationships:',
    '  - displayName: A',
    '    associatedAccountId: "111122223333"',
    '    tags: {team: a} # the team',
    '  # about B',
    '',
    '  - {associatedAccountId: "222233334444", displayName: B} # B',
    '  # about C',
    '  - tags:',
    '      zeta: z',
    '      # end of the tags',
    '    associatedAccountId: "333344445555"',
    '  # about D',
    '  - associatedAccountId: "444455556666"',
    '# the end',
    '',
  ].join('\n');

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('fmt then fmt --check exits 0, comments kept, line endings kept (%s)', async (_name, ending) => {
    const file = path.join(dir, 'relationships', 'acme.yaml');
    await writeFile(file, commented.replace(/\n/g, ending));
    const formatted = await runCli(['fmt'], { cwd: dir });
    expect(formatted.code, formatted.stderr).toBe(0);
    const text = await readFile(file, 'utf8');
    for (const comment of ['# the team', '# about B', '# B', '# about C', '# end of the tags', '# about D', '# the end']) expect(text).toContain(comment);
    expect(text.split(ending).length).toBe(text.split('\n').length);
    const checked = await runCli(['fmt', '--check'], { cwd: dir });
    expect({ code: checked.code, stdout: checked.stdout }).toEqual({ code: 0, stdout: '' });
  });

  it('a formatted file checked out with CRLF passes fmt --check', async () => {
    await writeFile(path.join(dir, 'relationships', 'acme.yaml'), canonical.replace(/\n/g, '\r\n'));
    const checked = await runCli(['fmt', '--check'], { cwd: dir });
    expect({ code: checked.code, stdout: checked.stdout }).toEqual({ code: 0, stdout: '' });
  });
});

describe('pcc fmt --diff (issue 18 item 8)', () => {
  it('prints a unified diff of what fmt would change on stdout, writes nothing, exits 1', async () => {
    const result = await runCli(['fmt', '--diff'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        '--- a/relationships/acme.yaml',
        '+++ b/relationships/acme.yaml',
        '@@ -1,8 +1,8 @@',
        ' # Acme and friends',
        '-programManagementAccountIdentifier: pma-u8ic702rtzng8',
        ' catalog: AWS',
        '+programManagementAccountIdentifier: pma-u8ic702rtzng8',
        ' relationships:',
        '-  - displayName: Acme Corp   # the big one',
        "-    associatedAccountId: '111122223333'",
        '+  - associatedAccountId: "111122223333"',
        '     associationType: END_CUSTOMER',
        '+    displayName: Acme Corp # the big one',
        '     sector: COMMERCIAL',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toContain('1 file not formatted; run `pcc fmt` to fix');
    expect(await readFile(path.join(dir, 'relationships', 'acme.yaml'), 'utf8')).toBe(messy);
  });

  it('applied with patch, the diff gives what fmt writes', async () => {
    const diff = (await runCli(['fmt', '--diff'], { cwd: dir })).stdout;
    const { spawnSync } = await import('node:child_process');
    const applied = spawnSync('patch', ['-p1'], { cwd: dir, input: diff });
    expect(applied.status, applied.stderr.toString()).toBe(0);
    expect(await readFile(path.join(dir, 'relationships', 'acme.yaml'), 'utf8')).toBe(canonical);
  });

  it('prints nothing and exits 0 when every file is formatted', async () => {
    await writeFile(path.join(dir, 'relationships', 'acme.yaml'), canonical);
    const result = await runCli(['fmt', '--diff'], { cwd: dir });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: '' });
    expect(result.stderr).toContain('all formatted');
  });

  it('a file that cannot be formatted is an error with its position, and no diff', async () => {
    await writeFile(path.join(dir, 'relationships', 'acme.yaml'), broken);
    await writeFile(path.join(dir, 'relationships', 'team', 'done.yml'), canonical);
    const result = await runCli(['fmt', '--diff'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/relationships\/acme\.yaml:2:\d+/);
  });
});
