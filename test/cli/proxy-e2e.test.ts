/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY, either case (issue 18.10): the built CLI's requests go through the proxy
 * the environment names, and straight to the host NO_PROXY lists. A tiny proxy on 127.0.0.1 records what it sees.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
      const before = e.emulator.stats.calls.ListProgramManagementAccounts ?? 0;
      const result = await runCli(['pmas'], { cwd: await cwd(), env: { ...e.env, [name]: proxy.url } });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^pma-u8ic702rtzng8\s+AWS/m);
      const calls = (e.emulator.stats.calls.ListProgramManagementAccounts ?? 0) - before;
      expect(calls).toBeGreaterThan(0);
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
});
