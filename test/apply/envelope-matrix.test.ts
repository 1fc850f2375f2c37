import { describe, it } from 'vitest';
import { startEmulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { runLife, type LifeSettings } from './life.js';

/**
 * The envelope matrix (issue 9, "Done when"): the life of a set of relationships under each emulator setting
 * alone and all together (the default behaviour is what every other e2e test runs against). Each life has its own emulator and runs concurrently with the others: a life mostly
 * waits (SDK backoff, a slow-write apply to kill), so this keeps the matrix's wall time down. See life.ts.
 */
const SETTINGS: [string, EmulatorOptions, LifeSettings][] = [
  ['optional output members left out', { omitOptionalMembers: true }, {}],
  ['new relationships visible only after 300 ms', { visibilityDelayMs: 300 }, { visibilityDelayMs: 300 }],
  ['client tokens forgotten after 200 ms', { clientTokenTtlMs: 200 }, {}],
  ['tag writes that bump the revision', { tagWritesBumpRevision: true }, {}],
  ['short pages after empty ones', { shortPages: true }, {}],
  ['a one-shot race on the next UpdateRelationship', {}, { race: true }],
  [
    'all of them together',
    { omitOptionalMembers: true, visibilityDelayMs: 300, clientTokenTtlMs: 200, tagWritesBumpRevision: true, shortPages: true, replayMismatchedTokens: true },
    { race: true, visibilityDelayMs: 300 },
  ],
];

describe('the life of a set of relationships converges, records only what landed, touches nothing unmanaged', () => {
  for (const [name, options, settings] of SETTINGS) {
    it.concurrent(
      name,
      async () => {
        const emulator = await startEmulator({ idSeed: 90, ...options });
        try {
          await runLife(emulator, settings);
        } finally {
          await emulator.stop();
        }
      },
      120_000,
    );
  }
});
