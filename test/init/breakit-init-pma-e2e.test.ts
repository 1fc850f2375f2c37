/** Defects found by review of issue 21, as failing tests: `pcc init --program --pma-account` in a folder that already declares PMAs. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/run-cli.js';

async function folderDeclaring(yaml: string): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'pcc-init-breakit-'));
  onTestFinished(() => rm(cwd, { recursive: true, force: true }));
  await mkdir(join(cwd, 'relationships'));
  await writeFile(join(cwd, 'relationships', 'mine.yaml'), yaml, 'utf8');
  return cwd;
}

describe('breakit: init --program --pma-account where PMAs are declared already', () => {
  it('#16 never leaves the files invalid: the PMA (same name, same address) declared already is refused or reused', async () => {
    const cwd = await folderDeclaring(
      'catalog: AWS\nprogramManagementAccounts:\n  - name: distribution-123456789050\n    program: DISTRIBUTION\n    accountId: "123456789050"\n    displayName: Ours\n',
    );
    const init = await runCli(['init', '--program', 'DISTRIBUTION', '--pma-account', '123456789050'], { cwd });
    const validate = await runCli(['validate'], { cwd });
    // Either init refuses (exit 1, nothing that breaks the set written) or what it wrote validates with what was there.
    expect(init.code === 1 || validate.code === 0, `init ${init.code}; validate: ${validate.stderr}`).toBe(true);
  });

  it('#16 says where the PMA is declared already and writes nothing', async () => {
    const cwd = await folderDeclaring(
      'catalog: AWS\nprogramManagementAccounts:\n  - name: ours\n    program: DISTRIBUTION\n    accountId: "123456789050"\n    displayName: Ours\n',
    );
    const init = await runCli(['init', '--program', 'DISTRIBUTION', '--pma-account', '123456789050'], { cwd });
    expect(init.code).toBe(1);
    expect(init.stderr).toContain('relationships/mine.yaml:3:5 declares AWS/DISTRIBUTION/123456789050 already (named ours)');
    expect(init.stderr).toContain('nothing was written');
    expect((await runCli(['validate'], { cwd })).code).toBe(0);
  });

  it('#16 a second init asking for another PMA: the declaration file init keeps does not declare it, so it is refused', async () => {
    const cwd = await folderDeclaring('catalog: AWS\nrelationships: []\n');
    await rm(join(cwd, 'relationships', 'mine.yaml'));
    expect((await runCli(['init', '--program', 'DISTRIBUTION', '--pma-account', '123456789050'], { cwd })).code).toBe(0);
    const again = await runCli(['init', '--program', 'SOLUTION_PROVIDER', '--pma-account', '123456789051'], { cwd });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'relationships/program-management-accounts.yaml exists (init never overwrites) and does not declare AWS/SOLUTION_PROVIDER/123456789051',
    );
  });
});
