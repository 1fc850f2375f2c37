/**
 * The emulator in vitest: `withEmulator(options)` starts one before the tests of a file (or before each
 * test with `{ per: 'test' }`) on an ephemeral port and stops it afterwards. Read the handle inside tests
 * and hooks, not at module load: it is filled in by the `beforeAll`/`beforeEach` hook.
 */
import { PartnerCentralChannelClient } from '@aws-sdk/client-partnercentral-channel';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type EmulatorOptions, type EmulatorState, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv } from './run-cli.js';

// The SDK warns about Node < 22 on every client; cli.ts silences it the same way.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface SdkClientOptions {
  /** Default 1: a test sees the emulator's answer, not the SDK's retries. */
  maxAttempts?: number;
  /** Default `AKID` (the emulator's own account); `AKIA` + a 12-digit account id acts as that account. */
  accessKeyId?: string;
}

/** The real SDK client pointed at `endpoint`, with dummy credentials. */
export function sdkClient(endpoint: string, options: SdkClientOptions = {}): PartnerCentralChannelClient {
  return new PartnerCentralChannelClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: options.accessKeyId ?? 'AKID', secretAccessKey: 'x' },
    maxAttempts: options.maxAttempts ?? 1,
  });
}

export interface EmulatorHandle {
  readonly emulator: RunningEmulator;
  readonly endpoint: string;
  /** `emulatorEnv(endpoint)`: for `runCli(args, { env })`. */
  readonly env: Record<string, string>;
  readonly state: EmulatorState;
  /** A client for this emulator; destroyed when the emulator stops. */
  client(options?: SdkClientOptions): PartnerCentralChannelClient;
}

export interface WithEmulatorOptions {
  /** 'file' (default): one emulator for all tests of the file; 'test': a fresh one per test. */
  per?: 'file' | 'test';
  /** Runs after start, before the tests: seed state here. */
  seed?: (emulator: RunningEmulator) => void | Promise<void>;
}

export function withEmulator(options: EmulatorOptions = {}, { per = 'file', seed }: WithEmulatorOptions = {}): EmulatorHandle {
  let current: RunningEmulator | undefined;
  const clients: PartnerCentralChannelClient[] = [];
  const running = (): RunningEmulator => {
    if (!current) throw new Error('withEmulator: the emulator is not running (read the handle inside a test or hook)');
    return current;
  };
  const start = async (): Promise<void> => {
    current = await startEmulator(options);
    await seed?.(current);
  };
  const stop = async (): Promise<void> => {
    for (const client of clients.splice(0)) client.destroy();
    await current?.stop();
    current = undefined;
  };
  if (per === 'test') {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
  }
  return {
    get emulator() {
      return running();
    },
    get endpoint() {
      return running().endpoint;
    },
    get env() {
      return emulatorEnv(running().endpoint);
    },
    get state() {
      return running().state;
    },
    client(clientOptions) {
      const client = sdkClient(running().endpoint, clientOptions);
      clients.push(client);
      return client;
    },
  };
}
