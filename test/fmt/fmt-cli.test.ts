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
