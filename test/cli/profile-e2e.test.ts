/**
 * `--profile NAME` means exactly what AWS_PROFILE=NAME means to the SDK (issue 18.3): the profile's
 * endpoint_url (global, or in a `services` section), its region and its credentials (static, credential_process)
 * all count. A rehearsal profile pointing at the emulator must never send pcc to the real service.
 * Built CLI, real SDK, the emulator over HTTP, temporary AWS config files only.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheTargetOf } from '../../src/commands/channel-api-from-options.js';
import type { GlobalOptions } from '../../src/commands/global-options.js';
import { withEmulator } from '../support/emulator.js';
import { runCli } from '../support/run-cli.js';

const e = withEmulator({}, { seed: (emulator) => void emulator.state.createPma({ id: 'pma-u8ic702rtzng8' }) });

/** A folder with an AWS config file holding `config` (and an empty credentials file), and no endpoint variables. */
async function awsFiles(config: (endpoint: string, dir: string) => string) {
  const dir = await mkdtemp(join(tmpdir(), 'pcc-profile-'));
  await writeFile(join(dir, 'config'), config(e.endpoint, dir));
  await writeFile(join(dir, 'credentials'), '');
  const env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_REGION: undefined };
  return { dir, env };
}

const keys = 'aws_access_key_id = AKIDPROFILEPROFILE\naws_secret_access_key = profile-secret\n';

describe('--profile means what AWS_PROFILE means', () => {
  it('a profile whose endpoint_url is the emulator: --profile (before or after the command) and AWS_PROFILE all reach it', async () => {
    const { dir, env } = await awsFiles((endpoint) => `[profile emu]\nendpoint_url = ${endpoint}\nregion = us-east-1\n${keys}`);
    for (const [args, extra] of [
      [['--profile', 'emu', 'pmas'], {}],
      [['pmas', '--profile', 'emu'], {}],
      [['pmas'], { AWS_PROFILE: 'emu' }],
    ] as const) {
      const before = e.emulator.stats.calls.ListProgramManagementAccounts ?? 0;
      const result = await runCli([...args], { cwd: dir, env: { ...env, ...extra } });
      expect(result.stderr).not.toMatch(/^pcc( \w+)?: /m); // no error line (the hint names the pcc:managed tag)
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^pma-u8ic702rtzng8\s+AWS\s+ACTIVE/m);
      expect(e.emulator.stats.calls.ListProgramManagementAccounts).toBeGreaterThan(before);
    }
  });

  it('an endpoint_url in the services section the profile names', async () => {
    const { dir, env } = await awsFiles(
      (endpoint) => `[profile emu]\nservices = rehearsal\nregion = us-east-1\n${keys}[services rehearsal]\npartnercentral_channel =\n  endpoint_url = ${endpoint}\n`,
    );
    const before = e.emulator.stats.calls.ListProgramManagementAccounts ?? 0;
    const result = await runCli(['--profile', 'emu', 'pmas'], { cwd: dir, env });
    expect(result.stderr).not.toMatch(/^pcc( \w+)?: /m); // no error line (the hint names the pcc:managed tag)
    expect(result.code).toBe(0);
    expect(e.emulator.stats.calls.ListProgramManagementAccounts).toBeGreaterThan(before);
  });

  it("credentials from the profile's credential_process, and the plan reads through it", async () => {
    const { dir, env } = await awsFiles((endpoint, folder) => {
      const script = join(folder, 'creds.cjs');
      return (
        `[profile emu]\nendpoint_url = ${endpoint}\nregion = us-east-1\n` +
        `credential_process = ${process.execPath} ${script}\n` +
        `[profile other]\nendpoint_url = http://127.0.0.1:9\n${keys}`
      );
    });
    await writeFile(
      join(dir, 'creds.cjs'),
      `require('fs').writeFileSync(${JSON.stringify(join(dir, 'asked'))}, 'yes');\n` +
        `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIDFROMPROCESS', SecretAccessKey: 'process-secret' }));\n`,
    );
    const result = await runCli(['--profile', 'emu', 'pmas'], { cwd: dir, env: { ...env, AWS_PROFILE: 'other' } });
    expect(result.stderr).not.toMatch(/^pcc( \w+)?: /m); // no error line (the hint names the pcc:managed tag)
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'asked'))).toBe(true);
  });

  it('a region from the profile, from AWS_REGION or from --region other than us-east-1 is said, with where it came from', async () => {
    const { dir, env } = await awsFiles((endpoint) => `[profile emu]\nendpoint_url = ${endpoint}\nregion = eu-west-1\n${keys}`);
    const fromProfile = await runCli(['--profile', 'emu', 'pmas'], { cwd: dir, env });
    expect(fromProfile.code).toBe(0);
    expect(fromProfile.stderr).toContain(
      'pcc: warning: region "eu-west-1" (from profile "emu") is not us-east-1: the Partner Central Channel API has one global endpoint that signs in us-east-1',
    );
    const typo = await runCli(['--profile', 'emu', '--region', 'us-east1', 'pmas'], { cwd: dir, env });
    expect(typo.code).toBe(0);
    expect(typo.stderr).toContain('pcc: warning: region "us-east1" (from --region) is not us-east-1');
    const fromEnv = await runCli(['--profile', 'emu', 'pmas'], { cwd: dir, env: { ...env, AWS_REGION: 'ap-southeast-2' } });
    expect(fromEnv.stderr).toContain('region "ap-southeast-2" (from AWS_REGION)');
    const right = await runCli(['--profile', 'emu', '--region', 'us-east-1', 'pmas'], { cwd: dir, env });
    expect(right.stderr).not.toMatch(/^pcc( \w+)?: /m);
  });

  it('an endpoint without http:// or https:// (--endpoint-url, the variable, a profile) is refused with where to fix it, and nothing is sent', async () => {
    const port = new URL(e.endpoint).port;
    const { dir, env } = await awsFiles(() => `[profile noscheme]\nendpoint_url = localhost:${port}\nregion = us-east-1\n${keys}`);
    const before = JSON.stringify(e.emulator.stats.calls);
    const flag = await runCli(['pmas', '--endpoint-url', `127.0.0.1:${port}`], { cwd: dir, env: { ...env, ...e.env } });
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('expected an http:// or https:// URL with a host');
    for (const [args, extra] of [
      [['pmas'], { ...e.env, AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: `127.0.0.1:${port}` }],
      [['pmas'], { ...e.env, AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: `localhost:${port}` }],
      [['--profile', 'noscheme', 'pmas'], {}],
    ] as const) {
      const result = await runCli([...args], { cwd: dir, env: { ...env, ...extra } });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(
        /cannot reach the Partner Central Channel API .*check --endpoint-url, AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL or the profile's endpoint_url/,
      );
      expect(result.stderr.match(/cannot reach/g), 'said once').toHaveLength(1);
    }
    expect(JSON.stringify(e.emulator.stats.calls)).toBe(before);
  });

  it('a credential_process that fails or prints no usable credentials is said as such, its output never repeated', async () => {
    const { dir, env } = await awsFiles((endpoint, folder) => {
      const failing = join(folder, 'fails.sh');
      const version2 = join(folder, 'version2.sh');
      writeFileSync(failing, '#!/bin/sh\necho "token LEAKED-ON-STDERR" >&2\nexit 3\n', { mode: 0o755 });
      writeFileSync(version2, `#!/bin/sh\necho '{"Version":2,"AccessKeyId":"AKIDLEAKLEAK","SecretAccessKey":"LEAKED-SECRET"}'\n`, { mode: 0o755 });
      return `[profile fails]\nendpoint_url = ${endpoint}\ncredential_process = ${failing}\n[profile version2]\nendpoint_url = ${endpoint}\ncredential_process = ${version2}\n`;
    });
    const before = JSON.stringify(e.emulator.stats.calls);
    for (const profile of ['fails', 'version2']) {
      for (const [args, extra] of [
        [['--profile', profile, 'pmas'], {}],
        [['pmas'], { AWS_PROFILE: profile }],
      ] as const) {
        const result = await runCli([...args], { cwd: dir, env: { ...env, ...extra } });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`the credential_process of profile "${profile}" failed or printed no usable credentials`);
        expect(result.stderr).not.toMatch(/LEAKED|AKIDLEAK/);
      }
    }
    expect(JSON.stringify(e.emulator.stats.calls)).toBe(before);
  });

  it('credentials a profile cannot give: the message names that profile, whether from --profile or AWS_PROFILE', async () => {
    const { dir, env } = await awsFiles(
      (endpoint) => `[profile broken]\nendpoint_url = ${endpoint}\nregion = us-east-1\ncredential_process = ${process.execPath} -e "process.exit(3)"\n`,
    );
    for (const [args, extra] of [
      [['--profile', 'broken', 'pmas'], {}],
      [['pmas'], { AWS_PROFILE: 'broken' }],
    ] as const) {
      const result = await runCli([...args], { cwd: dir, env: { ...env, ...extra } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('no AWS credentials: the credential_process of profile "broken" failed');
      expect(result.stderr).not.toContain('set AWS_PROFILE or --profile');
    }
  });
});

describe('the refresh cache target', () => {
  const options = { dir: 'relationships', parallelism: 8, readRate: 5, writeRate: 3 } satisfies GlobalOptions;
  it('keeps profiles apart (one may be the emulator, the other AWS), and follows an explicit endpoint', () => {
    expect(cacheTargetOf({ ...options, profile: 'emu' }, {}).endpoint).toBe('profile:emu');
    expect(cacheTargetOf(options, { AWS_PROFILE: 'prod' }).endpoint).toBe('profile:prod');
    expect(cacheTargetOf(options, {}).endpoint).toBe('default');
    expect(cacheTargetOf({ ...options, profile: 'emu', endpointUrl: 'http://127.0.0.1:1' }, {}).endpoint).toBe('http://127.0.0.1:1');
  });
});
