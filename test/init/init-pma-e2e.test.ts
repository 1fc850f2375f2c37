/**
 * `pcc init --program P --pma-account ID`: declares one program management account in a file of its own, and the
 * example names it. The built CLI as a subprocess; what it writes is validated and planned against the emulator.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

const emptyFolder = () => mkdtemp(join(tmpdir(), 'pcc-init-pma-'));
const PMA_FILE = join('relationships', 'program-management-accounts.yaml');

describe('pcc init --program --pma-account', () => {
  it('declares the PMA in its own file, the example names it; both validate and are formatted', async () => {
    const cwd = await emptyFolder();
    const result = await runCli(['init', '--program', 'DISTRIBUTION_SELLER', '--pma-account', '210000000001', '--catalog', 'Sandbox'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`created ${PMA_FILE.split('\\').join('/')}`);
    expect(result.stderr).toContain('sends account 210000000001 an invitation');
    expect(result.stderr).not.toContain('pcc pmas'); // nothing to look up: the PMA is declared

    const declared = parse(await readFile(join(cwd, PMA_FILE), 'utf8')) as Record<string, unknown>;
    expect(declared).toEqual({
      catalog: 'Sandbox',
      programManagementAccounts: [
        { name: 'distribution-seller-210000000001', program: 'DISTRIBUTION_SELLER', accountId: '210000000001', displayName: 'Dist. seller 210000000001' },
      ],
    });
    const exampleText = await readFile(join(cwd, 'relationships', 'example.yaml'), 'utf8');
    const example = parse(exampleText) as Record<string, unknown>;
    expect(example).toEqual({ catalog: 'Sandbox', programManagementAccount: 'distribution-seller-210000000001', relationships: [] });
    expect(exampleText).not.toContain('programManagementAccountIdentifier');

    expect((await runCli(['validate'], { cwd })).code).toBe(0);
    expect((await runCli(['fmt', '--check'], { cwd })).code).toBe(0);
  });

  it('what it writes plans one change, the PMA to create; once applied, pcc pmas shows it PENDING and managed', async () => {
    const cwd = await emptyFolder();
    expect((await runCli(['init', '--program', 'DISTRIBUTION_SELLER', '--pma-account', '210000000001', '--catalog', 'Sandbox'], { cwd })).code).toBe(0);
    const e = await startEmulator({ idSeed: 3 });
    try {
      const plan = await runCli(['plan', '--format', 'json'], { cwd, env: emulatorEnv(e.endpoint) });
      expect(plan.code, plan.stderr).toBe(0);
      const changes = (JSON.parse(plan.stdout) as { changes: { kind?: string; action: string; address: string }[] }).changes;
      expect(changes).toEqual([expect.objectContaining({ kind: 'programManagementAccount', action: 'create', address: 'Sandbox/DISTRIBUTION_SELLER/210000000001' })]);

      const apply = await runCli(['apply', '--auto-approve'], { cwd, env: emulatorEnv(e.endpoint) });
      expect(apply.code, apply.stderr).toBe(0);
      const pmas = await runCli(['pmas', '--catalog', 'Sandbox', '--format', 'json'], { cwd, env: emulatorEnv(e.endpoint) });
      expect(pmas.code, pmas.stderr).toBe(0);
      expect(JSON.parse(pmas.stdout)).toEqual({
        programManagementAccounts: [
          expect.objectContaining({
            program: 'DISTRIBUTION_SELLER',
            accountId: '210000000001',
            displayName: 'Dist. seller 210000000001',
            status: 'PENDING',
            managed: true,
          }),
        ],
      });
    } finally {
      await e.stop();
    }
  });

  it('every program gives a valid name and a display name of at most 30 characters', async () => {
    for (const program of ['SOLUTION_PROVIDER', 'DISTRIBUTION', 'DISTRIBUTION_SELLER']) {
      const cwd = await emptyFolder();
      expect((await runCli(['init', '--program', program, '--pma-account', '123456789012'], { cwd })).code).toBe(0);
      const [pma] = (parse(await readFile(join(cwd, PMA_FILE), 'utf8')) as { programManagementAccounts: { name: string; displayName: string }[] })
        .programManagementAccounts;
      expect(pma?.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(pma?.displayName.length).toBeLessThanOrEqual(30);
      expect(pma?.displayName).toContain('123456789012');
    }
  });

  it('with --dir: the declaration goes into that folder, and validate there passes', async () => {
    const cwd = await emptyFolder();
    const result = await runCli(['--dir', 'teams/channel', 'init', '--program', 'DISTRIBUTION', '--pma-account', '123456789012'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const text = await readFile(join(cwd, 'teams', 'channel', 'program-management-accounts.yaml'), 'utf8');
    expect(text).toContain('# yaml-language-server: $schema=../../schema/relationships.schema.json');
    expect(parse(text)).toEqual(expect.objectContaining({ catalog: 'AWS' }));
    const validate = await runCli(['--dir', 'teams/channel', 'validate'], { cwd });
    expect(validate.code, validate.stderr).toBe(0);
  });

  it('bad or half-given flags: a clear error, exit 1, nothing written', async () => {
    const cwd = await emptyFolder();
    for (const [args, said] of [
      [['--program', 'RESELLER', '--pma-account', '123456789012'], /Allowed choices are SOLUTION_PROVIDER, DISTRIBUTION, DISTRIBUTION_SELLER/],
      [['--program', 'distribution', '--pma-account', '123456789012'], /Allowed choices/],
      [['--program', 'DISTRIBUTION', '--pma-account', '12345678901'], /--pma-account.*expected the 12-digit AWS account id/],
      [['--program', 'DISTRIBUTION', '--pma-account', '1234567890123'], /expected the 12-digit AWS account id/],
      [['--program', 'DISTRIBUTION'], /--program needs --pma-account: give the 12-digit management account/],
      [['--pma-account', '123456789012'], /--pma-account needs --program: give the program/],
      [['--pma', 'pma-u8ic702rtzng8', '--program', 'DISTRIBUTION', '--pma-account', '123456789012'], /give one or the other/],
    ] as const) {
      const bad = await runCli(['init', ...args], { cwd });
      expect(bad.code, args.join(' ')).toBe(1);
      expect(bad.stderr, args.join(' ')).toMatch(said);
      expect(bad.stderr.split('\n').filter(Boolean).length, bad.stderr).toBeLessThanOrEqual(2);
    }
    expect(existsSync(join(cwd, 'relationships'))).toBe(false);
  });

  it('--help names both flags and the programs', async () => {
    const help = await runCli(['init', '--help'], { cwd: await emptyFolder() });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--program <program>.*declare a program management account/s);
    expect(help.stdout).toContain('SOLUTION_PROVIDER');
    expect(help.stdout).toMatch(/--pma-account <id>/);
  });
});
