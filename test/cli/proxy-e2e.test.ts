/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY, either case (issue 18.10): the built CLI's requests go through the proxy
 * the environment names, and straight to the host NO_PROXY lists. A tiny proxy on 127.0.0.1 records what it sees.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { startTestProxy, type TestProxy } from '../support/http-proxy.js';
import { runCli } from '../support/run-cli.js';

const e = withEmulator({}, { seed: (emulator) => void emulator.state.createPma({ id: 'pma-u8ic702rtzng8' }) });
let proxy: TestProxy;
beforeEach(async () => void (proxy = await startTestProxy({ refuseConnect: true })));
afterEach(() => proxy.close());

const cwd = () => mkdtemp(join(tmpdir(), 'pcc-proxy-'));
const emulatorHost = () => new URL(e.endpoint).host;

describe('proxies from the environment', () => {
  for (const name of ['HTTP_PROXY', 'http_proxy']) {
    it(`${name}: every request to the emulator goes through the proxy`, async () => {
      const total = () => Object.values(e.emulator.stats.calls).reduce((sum, n) => sum + (n ?? 0), 0);
      const before = total();
      const result = await runCli(['pmas'], { cwd: await cwd(), env: { ...e.env, [name]: proxy.url } });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^pma-u8ic702rtzng8\s+AWS/m);
      // Every request the emulator answered (the list, and each PMA's tags) came through the proxy.
      const calls = total() - before;
      expect(e.emulator.stats.calls.ListProgramManagementAccounts ?? 0).toBeGreaterThan(0);
      expect(proxy.seen).toEqual(Array.from({ length: calls }, () => ({ method: 'POST', target: `http://${emulatorHost()}/` })));
    });
  }

  it('NO_PROXY (or no_proxy) listing the host: straight to the emulator, the proxy sees nothing', async () => {
    for (const noProxy of [{ NO_PROXY: '127.0.0.1' }, { no_proxy: `localhost,127.0.0.1:${new URL(e.endpoint).port}` }]) {
      const result = await runCli(['pmas'], { cwd: await cwd(), env: { ...e.env, HTTP_PROXY: proxy.url, ...noProxy } });
      expect(result.code, result.stderr).toBe(0);
    }
    expect(proxy.seen).toEqual([]);
  });

  it('NO_PROXY as curl reads it: a name covers the names under it (with or without a leading dot or *.), a CIDR block its addresses; nothing else', async () => {
    const port = new URL(e.endpoint).port;
    // Names under .invalid never resolve: a request sent directly fails at DNS, one sent to the proxy is recorded.
    const attempt = async (host: string, noProxy: string) => {
      proxy.seen.length = 0;
      const env = { ...e.env, AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: `http://${host}:${port}`, AWS_MAX_ATTEMPTS: '1', HTTP_PROXY: proxy.url, NO_PROXY: noProxy };
      const result = await runCli(['pmas'], { cwd: await cwd(), env });
      expect(result.code).toBe(1);
      return proxy.seen.length > 0 ? 'proxy' : 'direct';
    };
    for (const noProxy of [
      'pcc-test.invalid',
      '.pcc-test.invalid',
      '*.pcc-test.invalid',
      'PCC-Test.Invalid.',
      `emu.pcc-test.invalid:${port}`,
      'other.invalid, pcc-test.invalid',
    ]) {
      expect(await attempt('emu.pcc-test.invalid', noProxy), noProxy).toBe('direct');
    }
    expect(await attempt('pcc-test.invalid', '.pcc-test.invalid')).toBe('direct');
    for (const noProxy of ['xpcc-test.invalid', 'emu.pcc-test.invalid.other', 'other.pcc-test.invalid', `pcc-test.invalid:${Number(port) + 1}`, '127.0.0.0/8']) {
      expect(await attempt('emu.pcc-test.invalid', noProxy), noProxy).toBe('proxy');
    }
    // An address in a CIDR block reaches the emulator directly; one outside it goes through the proxy.
    for (const [noProxy, seen] of [
      ['127.0.0.0/8', 0],
      ['10.0.0.0/8', 1],
    ] as const) {
      proxy.seen.length = 0;
      const result = await runCli(['pmas'], { cwd: await cwd(), env: { ...e.env, HTTP_PROXY: proxy.url, NO_PROXY: noProxy } });
      expect(result.code, result.stderr).toBe(0);
      expect(Math.min(proxy.seen.length, 1), noProxy).toBe(seen);
    }
  });

  it('HTTPS_PROXY: a request to the real service is tunnelled with CONNECT (the test proxy refuses it, so nothing leaves)', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTESTTEST', AWS_SECRET_ACCESS_KEY: 'test-secret-key', https_proxy: proxy.url };
    const result = await runCli(['pmas'], { cwd: await cwd(), env });
    expect(result.code).toBe(1);
    expect(proxy.seen[0]).toEqual({ method: 'CONNECT', target: 'partnercentral-channel.global.api.aws:443' });
    expect(new Set(proxy.seen.map((r) => r.target))).toEqual(new Set(['partnercentral-channel.global.api.aws:443']));
    const tunnelled = proxy.seen.length;
    // HTTPS_PROXY is for https:// URLs only: the emulator (http://) is reached directly.
    const direct = await runCli(['pmas'], { cwd: await cwd(), env: { ...e.env, HTTPS_PROXY: proxy.url } });
    expect(direct.code, direct.stderr).toBe(0);
    expect(proxy.seen).toHaveLength(tunnelled);
  });

  it('a proxy that asks for credentials (407): said as the proxy refusing, with how to give them, for http and https alike', async () => {
    const asking = createServer((_req, res) => res.writeHead(407, { 'proxy-authenticate': 'Basic realm="corp"' }).end());
    asking.on('connect', (_req, client: Socket) =>
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="corp"\r\ncontent-length: 0\r\n\r\n'),
    );
    await new Promise<void>((resolve) => asking.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(asking.address() as AddressInfo).port}`;
    try {
      for (const env of [
        { ...e.env, HTTP_PROXY: url },
        { AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTESTTEST', AWS_SECRET_ACCESS_KEY: 'test-secret-key', HTTPS_PROXY: url },
      ]) {
        const result = await runCli(['pmas'], { cwd: await cwd(), env });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('the proxy answered 407 Proxy Authentication Required: give its user and password in the proxy variable');
        expect(result.stderr.match(/407/g)).toHaveLength(1);
      }
    } finally {
      asking.closeAllConnections();
      await new Promise((resolve) => asking.close(resolve));
    }
  });

  it("the credential chain's own requests (STS for a profile's role) go through the proxy too", async () => {
    const dir = await cwd();
    await writeFile(
      join(dir, 'config'),
      '[profile base]\naws_access_key_id = AKIDBASEBASEBASE\naws_secret_access_key = base-secret\n' +
        '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/pcc\nsource_profile = base\nregion = us-east-1\n',
    );
    const env = {
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: e.endpoint,
      AWS_ENDPOINT_URL_STS: 'http://sts.pcc-test.invalid',
      HTTP_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1',
    };
    const result = await runCli(['pmas', '--profile', 'role'], { cwd: dir, env });
    expect(result.code).toBe(1);
    expect(proxy.seen.map((r) => r.target)).toContain('http://sts.pcc-test.invalid/');
  });

  it("an SSO profile's GetRoleCredentials goes through the proxy too", async () => {
    const home = await cwd();
    const cache = join(home, '.aws', 'sso', 'cache');
    await mkdir(cache, { recursive: true });
    const token = { accessToken: 'sso-access-token', expiresAt: '2999-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' };
    await writeFile(join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`), JSON.stringify(token));
    await writeFile(
      join(home, 'config'),
      '[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = us-east-1\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
    );
    const env = {
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: e.endpoint,
      AWS_ENDPOINT_URL_SSO: 'http://sso.pcc-test.invalid',
      HTTP_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1',
    };
    const result = await runCli(['pmas', '--profile', 'sso'], { cwd: home, env });
    expect(result.code).toBe(1);
    expect(proxy.seen.map((r) => r.target)).toEqual(expect.arrayContaining([expect.stringMatching(/^http:\/\/sso\.pcc-test\.invalid\//)]));
  });
});
