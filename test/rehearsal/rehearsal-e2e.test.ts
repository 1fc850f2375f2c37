/**
 * README's rehearsal, as a new user runs it: `pcc emulator --port … --data state.json` in the repository, then
 * `pcc pmas`, `pcc plan` and `pcc apply` from another shell. Built CLI, real SDK, HTTP.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPmaTable } from '../../src/commands/pmas.js';
import { startCli } from '../support/emulator-process.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

const PMA = 'pma-u8ic702rtzng8';
const SANDBOX_PMA = 'pma-5andb0x5andb0';
const FAST = ['--read-rate', '100', '--write-rate', '100'];

async function repository(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'pcc-rehearsal-'));
  await mkdir(join(cwd, 'relationships'));
  const entry = (account: string) =>
    `  - associatedAccountId: "${account}"\n    associationType: END_CUSTOMER\n    displayName: Acme ${account}\n    sector: COMMERCIAL\n`;
  await writeFile(join(cwd, 'relationships', 'aws.yaml'), `catalog: AWS\nprogramManagementAccountIdentifier: ${PMA}\nrelationships:\n${entry('111122223333')}`);
  await writeFile(
    join(cwd, 'relationships', 'sandbox.yaml'),
    `catalog: Sandbox\nprogramManagementAccountIdentifier: arn:aws:partnercentral:us-east-1:123456789012:catalog/Sandbox/program-management-account/${SANDBOX_PMA}\nrelationships:\n${entry('444455556666')}`,
  );
  return cwd;
}

describe('rehearsal against `pcc emulator` started in the repository', () => {
  it('creates the PMAs the files name, so pmas, plan, apply and a clean re-plan work as README shows', async () => {
    const cwd = await repository();
    const server = await startCli(['--data', 'state.json', '--no-rate-limits'], cwd);
    const env = emulatorEnv(server.endpoint);
    try {
      const pmas = await runCli(['pmas'], { cwd, env });
      expect(pmas.stderr).toContain('programManagementAccountIdentifier');
      expect(pmas.code).toBe(0);
      expect(pmas.stdout.split('\n')[0]).toMatch(/^ID\s+CATALOG\s+STATUS\s+PROGRAM\s+ACCOUNT\s+MANAGED\s+DISPLAY NAME$/);
      expect(pmas.stdout).toMatch(new RegExp(`^${PMA}\\s+AWS\\s+ACTIVE`, 'm'));
      expect(pmas.stdout).toMatch(new RegExp(`^${SANDBOX_PMA}\\s+Sandbox\\s+ACTIVE`, 'm'));

      const json = await runCli(['pmas', '--format', 'json', '--catalog', 'Sandbox'], { cwd, env });
      expect(json.code).toBe(0);
      const listed = JSON.parse(json.stdout) as { programManagementAccounts: { id: string; catalog: string }[] };
      expect(listed.programManagementAccounts.map((p) => [p.catalog, p.id])).toEqual([['Sandbox', SANDBOX_PMA]]);

      const plan = await runCli([...FAST, 'plan'], { cwd, env });
      expect(plan.stderr).toBe('');
      expect(plan.code).toBe(0);
      expect(plan.stdout).toContain('Plan: 2 to create');
      const apply = await runCli([...FAST, 'apply', '--auto-approve'], { cwd, env });
      expect(apply.code, apply.stderr).toBe(0);
      const again = await runCli([...FAST, 'plan', '--detailed-exitcode'], { cwd, env });
      expect(again.code, again.stdout).toBe(0);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain(`Created the program management accounts that relationships/ names: AWS/${PMA}, Sandbox/${SANDBOX_PMA}`);
    const saved = JSON.parse(await readFile(join(cwd, 'state.json'), 'utf8')) as { pmas: { id: string }[]; relationships: unknown[] };
    expect(saved.pmas.map((p) => p.id).sort()).toEqual([SANDBOX_PMA, PMA].sort());
    expect(saved.relationships).toHaveLength(2);

    // Started again on the saved state: nothing is created twice.
    const second = await startCli(['--data', 'state.json'], cwd);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.stderr()).toContain('loaded from state.json (2 program management accounts, 2 relationships)');
    expect(second.stderr()).not.toContain('Created the program management accounts');
  });

  it('files with errors: the emulator says it could not read the PMAs from them, and how to go on', async () => {
    const cwd = await repository();
    await writeFile(join(cwd, 'relationships', 'broken.yaml'), `catalog: AWS\nprogramManagementAccountIdentifier: pma-b0rken0b0rken\nrelationships:\n\t- x\n`);
    const server = await startCli(['--no-rate-limits'], cwd);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // The valid files' PMAs are created; the broken file is named, with what to do.
    expect(server.stderr()).toContain(`Created the program management accounts that relationships/ names: AWS/${PMA}, Sandbox/${SANDBOX_PMA}`);
    expect(server.stderr()).toMatch(
      /relationships\/ has 1 file with errors \(pcc validate shows them\): the PMAs named only there were not created; fix them and start the emulator again, or use --auto-create-pmas/,
    );
  });

  it('--no-pmas-from-files starts empty, and the plan then names the unknown PMA', async () => {
    const cwd = await repository();
    const server = await startCli(['--no-pmas-from-files', '--no-rate-limits'], cwd);
    try {
      const pmas = await runCli(['pmas'], { cwd, env: emulatorEnv(server.endpoint) });
      expect(pmas.code).toBe(0);
      expect(pmas.stdout).toBe('');
      expect(pmas.stderr).toContain('No program management accounts: this endpoint is the pcc emulator, and it holds none.');
      const plan = await runCli([...FAST, 'plan'], { cwd, env: emulatorEnv(server.endpoint) });
      expect(plan.code).toBe(1);
      expect(plan.stdout).toBe('');
      // Each unknown PMA at the entry that names it, with its catalog, then the API's own one line.
      expect(plan.stderr).toContain(`relationships/aws.yaml:4:5: error: program management account ${PMA} is not in the AWS catalog of this account`);
      expect(plan.stderr).toContain(`relationships/sandbox.yaml:4:5: error: program management account ${SANDBOX_PMA} is not in the Sandbox catalog of this account`);
      expect(plan.stderr).toContain('hint: run `pcc pmas` to list yours');
      expect(plan.stderr).toContain('ListRelationships found nothing');
    } finally {
      server.child.kill('SIGTERM');
    }
    await server.exited;
    expect(server.stderr()).not.toContain('Created the program management accounts');
  });

  it('a PMA named in the wrong catalog is pointed at; without ListProgramManagementAccounts the plain 404 line stays', async () => {
    const cwd = await repository();
    const server = await startCli(['--no-rate-limits'], cwd);
    const denied = await startCli(['--no-rate-limits', '--deny', 'ListProgramManagementAccounts'], cwd);
    const sandboxFile = join(cwd, 'relationships', 'sandbox.yaml');
    await writeFile(sandboxFile, (await readFile(sandboxFile, 'utf8')).replace('catalog: Sandbox', 'catalog: AWS').replace('catalog/Sandbox/', 'catalog/AWS/'));
    try {
      const wrong = await runCli([...FAST, 'plan'], { cwd, env: emulatorEnv(server.endpoint) });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain(`relationships/sandbox.yaml:4:5: error: program management account ${SANDBOX_PMA} is not in the AWS catalog of this account`);
      expect(wrong.stderr).not.toContain(`${PMA} is not in`);
      const plain = await runCli([...FAST, 'plan'], { cwd, env: emulatorEnv(denied.endpoint) });
      expect(plain.code).toBe(1);
      expect(plain.stderr.trim().split('\n')).toEqual([expect.stringContaining('pcc: cannot read the live state: ListRelationships found nothing')]);
    } finally {
      server.child.kill('SIGTERM');
      denied.child.kill('SIGTERM');
    }
    await Promise.all([server.exited, denied.exited]);
  });

  it('pcc pmas: a denied catalog is one clear line and exit 1', async () => {
    const cwd = await repository();
    const server = await startCli(['--deny', 'ListProgramManagementAccounts', '--no-rate-limits'], cwd);
    try {
      const pmas = await runCli(['pmas', '--catalog', 'AWS'], { cwd, env: emulatorEnv(server.endpoint) });
      expect(pmas.code).toBe(1);
      expect(pmas.stdout).toBe('');
      expect(pmas.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^pcc: cannot list the AWS catalog's program management accounts: ListProgramManagementAccounts was denied .*allow partnercentral:ListProgramManagementAccounts/,
        ),
      ]);
    } finally {
      server.child.kill('SIGTERM');
    }
    await server.exited;
  });

  it('pcc pmas: a mistyped --profile is said once (it is not one catalog’s problem), even with keys in the environment', async () => {
    const cwd = await repository();
    for (const env of [{}, { AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTESTTEST', AWS_SECRET_ACCESS_KEY: 'x' }]) {
      const pmas = await runCli(['--profile', 'typo', 'pmas'], { cwd, env });
      expect(pmas.code).toBe(1);
      expect(pmas.stdout).toBe('');
      const lines = pmas.stderr.split('\n').filter((line) => line.startsWith('pcc:'));
      expect(lines, pmas.stderr).toEqual([expect.stringContaining('profile "typo" is in neither the AWS config nor the credentials file')]);
      expect(pmas.stderr).not.toContain('Sandbox');
    }
  });

  it('pcc pmas: the table is sanitised and aligned, and absent members stay blank', () => {
    const table = formatPmaTable([
      { catalog: 'AWS', id: 'pma-aaaaaaaaaaaaa', displayName: 'Evil\u001b]0;pwned\u0007 Co', status: 'ACTIVE', managed: true },
      { catalog: 'AWS', managed: null },
      { catalog: 'Sandbox', id: 'pma-bbbbbbbbbbbbb', managed: false },
    ]);
    expect(table).not.toContain('\u001b');
    expect(table.split('\n')).toEqual([
      'ID                 CATALOG  STATUS  PROGRAM  ACCOUNT  MANAGED  DISPLAY NAME',
      'pma-aaaaaaaaaaaaa  AWS      ACTIVE                    yes      Evil Co',
      '?                  AWS                                ?',
      'pma-bbbbbbbbbbbbb  Sandbox                            no',
      '',
    ]);
  });
});
