import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PMA } from '../support/e2e-helpers.js';
import { withEmulator } from '../support/emulator.js';
import { runCli, type CliResult } from '../support/run-cli.js';

/** Issue 9, fault 11: odd paths and values end in one clear line and exit 1, never a stack trace or a hang. */
let cwd = '';
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'pcc-hostile-'));
  await mkdir(join(cwd, 'relationships'));
  await writeFile(join(cwd, 'relationships', 'main.yaml'), `catalog: AWS\nprogramManagementAccountIdentifier: ${PMA}\nrelationships: []\n`);
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

const h = withEmulator(
  {},
  {
    seed: (e) =>
      void e.state.seedRelationship({ pmaId: PMA, associatedAccountId: '111122223333', associationType: 'END_CUSTOMER', displayName: 'X', sector: 'COMMERCIAL' }),
  },
);

function expectCleanFailure(result: CliResult, message: RegExp) {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('fault 11: clear one-line errors', () => {
  it('pcc import --out into a missing folder, or onto a dangling symlink', async () => {
    expectCleanFailure(await runCli(['import', '--out', 'nope/out.yaml'], { cwd, env: h.env }), /pcc import: cannot write .*nope\/out\.yaml.*folder .* does not exist/);
    await symlink(join(cwd, 'missing-target.yaml'), join(cwd, 'dangling.yaml'));
    expectCleanFailure(await runCli(['import', '--out', 'dangling.yaml'], { cwd, env: h.env }), /dangling\.yaml.* already exists/);
  });

  it("pcc plan --region ''", async () => {
    expectCleanFailure(await runCli(['--region', '', 'plan'], { cwd, env: h.env }), /--region.*is invalid/);
  });

  it('pcc apply on a FIFO does not hang, and on /dev/zero does not read it', async () => {
    execFileSync('mkfifo', [join(cwd, 'fifo')]);
    expectCleanFailure(await runCli(['apply', 'fifo', '--auto-approve'], { cwd, env: h.env, timeoutMs: 10_000 }), /plan file .*fifo is not a regular file/);
    expectCleanFailure(await runCli(['apply', '/dev/zero', '--auto-approve'], { cwd, env: h.env, timeoutMs: 10_000 }), /plan file \/dev\/zero is not a regular file/);
  });

  it('pcc fmt on very deeply nested YAML gives the nesting error validate gives', async () => {
    const deep = await mkdtemp(join(tmpdir(), 'pcc-deep-'));
    await mkdir(join(deep, 'relationships'));
    await writeFile(join(deep, 'relationships', 'deep.yaml'), `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    const validate = await runCli(['validate'], { cwd: deep });
    expectCleanFailure(validate, /nests more than 64 levels deep/);
    expectCleanFailure(await runCli(['fmt'], { cwd: deep }), /nests more than 64 levels deep/);
    await rm(deep, { recursive: true, force: true });
  });
});
