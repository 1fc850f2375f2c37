/**
 * README's "Getting started" from an empty folder, step by step as README gives it (issue 18.4): `pcc init`
 * without --pma, `pcc emulator --pma …`, `pcc pmas`, the edits README names, then validate, plan, apply. And the
 * dead end it replaces: an emulator holding no PMA says so and how to get one, and `pcc pmas` against it gives
 * advice for a rehearsal, not about enrolment in the Channel program.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from '../support/emulator-process.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

const PMA = 'pma-rehearsal0001';
const FAST = ['--read-rate', '100', '--write-rate', '100'];

describe('first contact: an empty folder to a first apply on the emulator', () => {
  it('an emulator that holds no PMA says so and how to get one; pcc pmas against it gives rehearsal advice', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-first-'));
    expect((await runCli(['init'], { cwd })).code).toBe(0);
    const server = await startCli(['--no-rate-limits'], cwd);
    try {
      expect(server.stderr()).toContain('It holds no program management accounts, so there is nothing to plan against yet. To get one:');
      expect(server.stderr()).toContain('start it again with --pma pma-rehearsal0001');
      const pmas = await runCli(['pmas'], { cwd, env: emulatorEnv(server.endpoint) });
      expect(pmas.code).toBe(0);
      expect(pmas.stdout).toBe('');
      expect(pmas.stderr).toContain('this endpoint is the pcc emulator, and it holds none. Start it again with --pma pma-rehearsal0001');
      expect(pmas.stderr).not.toContain('enrolled');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });

  it('in a folder without relationships/ (before pcc init): no talk of files with errors, only how to get a PMA', async () => {
    const server = await startCli(['--no-rate-limits'], await mkdtemp(join(tmpdir(), 'pcc-first-')));
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stderr()).not.toContain('with errors');
    expect(server.stderr()).toContain('It holds no program management accounts');
  });

  it('an endpoint that is not the emulator and lists no PMA: the advice is about the account (profile, enrolment)', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"items":[]}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const pmas = await runCli(['pmas'], { cwd: await mkdtemp(join(tmpdir(), 'pcc-first-')), env: emulatorEnv(endpoint) });
      expect(pmas.code).toBe(0);
      expect(pmas.stderr).toContain('Check --profile and that the account is enrolled in the Channel program');
      expect(pmas.stderr).not.toContain('emulator');
    } finally {
      server.close();
    }
  });

  it('init, emulator --pma, pmas, the two edits README names, validate, plan, apply, a clean plan', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-first-'));
    const init = await runCli(['init'], { cwd });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout + init.stderr).toContain('to rehearse first: `pcc emulator --pma pma-rehearsal0001`');
    const server = await startCli(['--pma', PMA, '--data', 'state.json', '--no-rate-limits'], cwd);
    const env = emulatorEnv(server.endpoint);
    try {
      expect(server.stderr()).toContain(`Created the program management accounts --pma names: AWS/${PMA}`);
      expect(server.stderr()).toContain(`It holds 1 program management account (AWS/${PMA}) and 0 relationships`);
      const pmas = await runCli(['pmas'], { cwd, env });
      expect(pmas.code).toBe(0);
      expect(pmas.stdout).toMatch(new RegExp(`^${PMA}\\s+AWS\\s+ACTIVE`, 'm'));

      // README: set the PMA line to the id pcc pmas shows, and uncomment the first example entry.
      const file = join(cwd, 'relationships', 'example.yaml');
      const lines = (await readFile(file, 'utf8')).split('\n');
      const first = lines.findIndex((line) => line.startsWith('#  - associatedAccountId'));
      const end = lines.findIndex((line, i) => i > first && line === '#');
      const edited = lines.map((line, i) => {
        if (line.startsWith('# programManagementAccountIdentifier:')) return `programManagementAccountIdentifier: ${PMA}`;
        if (line.startsWith('relationships: []')) return 'relationships:';
        return i >= first && i < end ? line.slice(1) : line;
      });
      await writeFile(file, edited.join('\n'));

      const validate = await runCli(['validate'], { cwd });
      expect(validate.code, validate.stderr).toBe(0);
      const plan = await runCli([...FAST, 'plan'], { cwd, env });
      expect(plan.code, plan.stderr).toBe(0);
      expect(plan.stdout).toContain('Plan: 1 to create');
      const apply = await runCli([...FAST, 'apply', '--auto-approve'], { cwd, env });
      expect(apply.code, apply.stderr).toBe(0);
      const again = await runCli([...FAST, 'plan', '--detailed-exitcode'], { cwd, env });
      expect(again.code, again.stdout).toBe(0);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });
});
