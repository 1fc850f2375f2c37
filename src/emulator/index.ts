/**
 * A local Partner Central Channel API (see EMULATOR.md): the real AWS SDK client talks to it over HTTP.
 * `startEmulator()` is what tests, the demo and `pcc emulator` use.
 */
import type { AddressInfo } from 'node:net';
import { createEnvelope, type EnvelopeOptions } from './envelope.js';
import { createFaultInjector, type FaultOptions } from './faults.js';
import type { PendingPmaRelationships, PmaDeleteWithRelationships } from './operations/context.js';
import { OPERATIONS } from './operations/index.js';
import { loadStateFile, persistState, saveStateFile, type Persistence } from './persistence.js';
import { createRateLimiter } from './rate-limit.js';
import { HANDSHAKE_QUOTAS } from '../model/service-period.js';
import { createEmulatorServer, type RequestLogEntry } from './server.js';
import { EmulatorState } from './state.js';
import { createStats, resetStats, type EmulatorStats } from './stats.js';

export { EmulatorState } from './state.js';
export type { RelationshipRecord } from './state-records.js';
export type { PendingPmaRelationships, PmaDeleteWithRelationships } from './operations/context.js';
export { formatStats } from './stats.js';
export type { EnvelopeOptions } from './envelope.js';
export { RACE_DISPLAY_NAME } from './envelope.js';
export type { RequestLogEntry } from './server.js';

/** Behaviours the model allows, each off by default (envelope.ts, EMULATOR.md "The envelope"). */
export interface EmulatorOptions extends EnvelopeOptions {
  /** 0 = an ephemeral port (default), so parallel tests never collide. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Load state from this JSON file when it exists; save to it after changes and on stop. */
  dataFile?: string;
  /** The account in new ARNs (default '123456789012'); a loaded data file brings its own. */
  accountId?: string;
  /** Caps every page below maxResults: tiny pages surface paging bugs (documented deviation). */
  maxPageSize?: number;
  /** Per-operation rate limits at the documented quotas times `factor` (default 1). Default false. */
  rateLimits?: { factor?: number } | false;
  /** Delay before every answer. */
  latencyMs?: number;
  faults?: FaultOptions;
  /** Create unknown PMAs on first reference (documented deviation, for demos and rehearsals). */
  autoCreatePmas?: boolean;
  /** Default 1000, the service quota. */
  relationshipQuotaPerPma?: number;
  /** A PENDING handshake older than this becomes EXPIRED. Default 15 days (an emulator assumption). */
  handshakeExpiryMs?: number;
  /** Handshakes of one type to one account per 24 hours. Default 5, the service quota. */
  handshakesPerReceiverPerDay?: number;
  /** PENDING handshakes of one type per sender. Default 200, the service quota for START_ and REVOKE_SERVICE_PERIOD. */
  activeHandshakeQuota?: number;
  /** PENDING PROGRAM_MANAGEMENT_ACCOUNT handshakes per sender. Default 100, the service quota. */
  activePmaHandshakeQuota?: number;
  /** CreateRelationship under a PENDING PMA: 'refuse' (default: ValidationException) or 'accept'. Undocumented. */
  pendingPmaRelationships?: PendingPmaRelationships;
  /** DeleteProgramManagementAccount of a PMA with relationships: 'refuse' (default: 409) or 'cascade'. Undocumented. */
  pmaDeleteWithRelationships?: PmaDeleteWithRelationships;
  /** Operations that answer 403 AccessDeniedException. */
  deny?: string[];
  /** Seeds generated ids (default: faults.seed, else random). */
  idSeed?: number;
  /** Hears about every answered request (the CLI's --log). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Hears about failed background saves of the data file. Default: rethrown (crashes loudly). */
  onSaveError?: (error: unknown) => void;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:39123 */
  endpoint: string;
  port: number;
  /** Direct access for seeding and inspecting. */
  state: EmulatorState;
  /** Live counters. */
  stats: EmulatorStats;
  /** Replaces the fault settings (and restarts their PRNG from the new seed). */
  setFaults(faults: FaultOptions | undefined): void;
  /** Arms the one-shot race (`raceNextUpdate`) again: the next UpdateRelationship meets someone else's rename. */
  raceNextUpdate(): void;
  resetStats(): void;
  /** Whether the data file (if any) existed and was loaded. */
  loadedFromFile: boolean;
  /** Stops listening, cuts open connections, writes the data file (always, when there is one). */
  stop(): Promise<void>;
}

const KNOWN_OPERATIONS = new Set(Object.keys(OPERATIONS));
/** The documented quota of active PROGRAM_MANAGEMENT_ACCOUNT handshakes (issue 21 moves it next to HANDSHAKE_QUOTAS). */
const ACTIVE_PMA_HANDSHAKE_QUOTA = 100;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkOptions(options);
  const state = new EmulatorState({ accountId: options.accountId, seed: options.idSeed ?? options.faults?.seed });
  const loadedFromFile = options.dataFile !== undefined && loadStateFile(options.dataFile, state);
  const onSaveError =
    options.onSaveError ??
    ((error: unknown) => {
      throw error;
    });
  const persistence: Persistence | undefined = options.dataFile ? persistState(options.dataFile, state, onSaveError) : undefined;
  const stats = createStats();
  const faults = createFaultInjector(options.faults);
  const rateLimits = options.rateLimits;
  const envelope = createEnvelope(options);
  const rates = Object.fromEntries(Object.entries(OPERATIONS).map(([name, spec]) => [name, spec.ratePerSecond]));
  const server = createEmulatorServer({
    context: {
      state,
      settings: {
        maxPageSize: options.maxPageSize,
        autoCreatePmas: options.autoCreatePmas ?? false,
        relationshipQuotaPerPma: options.relationshipQuotaPerPma ?? 1000,
        pmaQuota: 50,
        handshakeExpiryMs: options.handshakeExpiryMs ?? 15 * 24 * 60 * 60 * 1000,
        handshakesPerReceiverPerDay: options.handshakesPerReceiverPerDay ?? HANDSHAKE_QUOTAS.perAccountPerDay,
        activeHandshakeQuota: options.activeHandshakeQuota ?? HANDSHAKE_QUOTAS.activePerType,
        activePmaHandshakeQuota: options.activePmaHandshakeQuota ?? ACTIVE_PMA_HANDSHAKE_QUOTA,
        pendingPmaRelationships: options.pendingPmaRelationships ?? 'refuse',
        pmaDeleteWithRelationships: options.pmaDeleteWithRelationships ?? 'refuse',
        envelope,
      },
    },
    stats,
    faults,
    rateLimiter: rateLimits ? createRateLimiter(rates, rateLimits.factor ?? 1) : undefined,
    latencyMs: options.latencyMs ?? 0,
    deny: new Set(options.deny),
    onRequest: options.onRequest,
    ...(persistence && { durable: () => persistence.durable() }),
  });
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Write a new file at once: an unwritable path fails the start, not the first change.
    if (options.dataFile !== undefined && !loadedFromFile) saveStateFile(options.dataFile, state);
  } catch (error) {
    persistence?.detach();
    server.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${urlHost}:${port}`,
    port,
    state,
    stats,
    loadedFromFile,
    setFaults: (next) => faults.configure(next),
    raceNextUpdate: () => void (envelope.raceArmed = true),
    resetStats: () => resetStats(stats),
    stop() {
      stopped ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }).finally(() => {
        persistence?.flush({ force: true });
        persistence?.detach();
      });
      return stopped;
    },
  };
}

function checkOptions(options: EmulatorOptions): void {
  for (const name of options.deny ?? []) {
    if (!KNOWN_OPERATIONS.has(name)) throw new RangeError(`deny: unknown operation ${name}`);
  }
  for (const name of options.faults?.operations ?? []) {
    if (!KNOWN_OPERATIONS.has(name)) throw new RangeError(`faults.operations: unknown operation ${name}`);
  }
  if (options.maxPageSize !== undefined && !(Number.isInteger(options.maxPageSize) && options.maxPageSize >= 1)) {
    throw new RangeError('maxPageSize must be a whole number of at least 1');
  }
  if (options.pendingPmaRelationships !== undefined && !['accept', 'refuse'].includes(options.pendingPmaRelationships)) {
    throw new RangeError('pendingPmaRelationships must be accept or refuse');
  }
  if (options.pmaDeleteWithRelationships !== undefined && !['refuse', 'cascade'].includes(options.pmaDeleteWithRelationships)) {
    throw new RangeError('pmaDeleteWithRelationships must be refuse or cascade');
  }
  if (options.rateLimits && options.rateLimits.factor !== undefined && !(options.rateLimits.factor > 0)) {
    throw new RangeError('rateLimits.factor must be greater than 0');
  }
}
