import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/live/api-error.js';
import { createSdkChannelApi, type SdkChannelApi } from '../../src/live/sdk-channel-api.js';

/**
 * The SDK adapter against a scripted HTTP server that speaks just enough AWS JSON 1.0 for ListRelationships:
 * for answers the emulator never gives (a misbehaving pager).
 */
const PMA = 'pma-abcdefghijk12';
const item = (n: number) => ({
  id: `rs-${String(n).padStart(13, '0')}`,
  arn: `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/program-management-account/${PMA}/relationship/rs-${n}`,
  revision: '1',
  catalog: 'AWS',
  associationType: 'END_CUSTOMER',
  programManagementAccountId: PMA,
  associatedAccountId: String(n).padStart(12, '1'),
  displayName: `Customer ${n}`,
  sector: 'COMMERCIAL',
});

let server: Server | undefined;
let requests = 0;

async function serve(page: (request: number, body: { nextToken?: string }) => unknown): Promise<string> {
  requests = 0;
  server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      const answer = page(++requests, JSON.parse(text || '{}') as { nextToken?: string });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTESTTESTTESTTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test-secret-key');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/pcc-test-config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/pcc-test-credentials');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

const apiAt = (endpointUrl: string) => createSdkChannelApi({ endpointUrl, parallelism: 4, readRate: 1000, writeRate: 1000, maxAttempts: 1 });

describe('createSdkChannelApi: ListRelationships paging', () => {
  it('follows nextToken over every page', async () => {
    const endpoint = await serve((n) => (n < 3 ? { items: [item(n)], nextToken: `t${n}` } : { items: [item(n)] }));
    const api = await apiAt(endpoint);
    try {
      const items = await api.listRelationships({ catalog: 'AWS' });
      expect(items.map((i) => i.displayName)).toEqual(['Customer 1', 'Customer 2', 'Customer 3']);
      expect(requests).toBe(3);
    } finally {
      api.destroy();
    }
  });

  it('stops with an ApiError when the service hands back a nextToken it already gave (it would page forever)', async () => {
    const endpoint = await serve((n) => ({ items: [item(n)], nextToken: n === 1 ? 'a' : n % 2 === 0 ? 'b' : 'a' }));
    const api = await apiAt(endpoint);
    try {
      const error = await api.listRelationships({ catalog: 'AWS' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).operation).toBe('ListRelationships');
      expect((error as ApiError).message).toMatch(/nextToken/);
      expect(requests).toBeLessThanOrEqual(3);
    } finally {
      api.destroy();
    }
  });
});

/** Every operation of the adapter: the shared ones and each kind's (the compiler says when one is missing here). */
const OPERATIONS: Record<Exclude<keyof SdkChannelApi, 'calls' | 'servedByEmulator' | 'destroy'>, true> = {
  listRelationships: true,
  getRelationship: true,
  createRelationship: true,
  updateRelationship: true,
  deleteRelationship: true,
  listTags: true,
  tagResource: true,
  untagResource: true,
  listServicePeriodHandshakes: true,
  createServicePeriodHandshake: true,
  cancelHandshake: true,
  listProgramManagementAccounts: true,
  createProgramManagementAccount: true,
  updateProgramManagementAccount: true,
  deleteProgramManagementAccount: true,
  listPmaHandshakes: true,
  createPmaHandshake: true,
};

describe("createSdkChannelApi: the shared operations and each kind's part", () => {
  it("has every operation of ChannelApi and PmaDirectory, each kind's too, and its adapter members", async () => {
    const api = await apiAt('http://127.0.0.1:9');
    try {
      const missing = Object.keys(OPERATIONS).filter((name) => typeof api[name as keyof typeof OPERATIONS] !== 'function');
      expect(missing).toEqual([]);
      expect(api.servedByEmulator).toBe(false);
      expect(api.calls).toEqual({});
    } finally {
      api.destroy();
    }
  });

  it("sends a kind's operation through the shared limiter, which counts it", async () => {
    const endpoint = await serve(() => ({ items: [] }));
    const api = await apiAt(endpoint);
    try {
      await api.listServicePeriodHandshakes('AWS', ['rs-1']);
      await api.listRelationships({ catalog: 'AWS' });
      expect(api.calls).toEqual({ ListChannelHandshakes: 1, ListRelationships: 1 });
    } finally {
      api.destroy();
    }
  });
});
