/**
 * `pcc emulator`: runs the local Partner Central Channel API until SIGINT or SIGTERM (through cli.ts's interrupt
 * handling); it never exits the process: it returns, and cli.ts sets the exit code.
 */
import { InvalidArgumentError } from 'commander';
import { describeEmulator, describeHoldings, formatRequestLog } from '../emulator/banner.js';
import {
  formatStats,
  startEmulator,
  type EmulatorOptions,
  type EnvelopeOptions,
  type PendingPmaRelationships,
  type PmaDeleteWithRelationships,
  type RunningEmulator,
} from '../emulator/index.js';
import { OPERATIONS } from '../emulator/operations/index.js';
import { createPmasNamedByFiles } from '../emulator/pmas-from-files.js';
import { loadDesired } from '../desired/load-desired.js';
import { sanitizeForTerminal } from '../io/sanitize.js';
import type { CommandContext, RegisterCommand } from './context.js';
import { globalOptionsOf } from './global-options.js';
import { positiveNumber, rate, wholeNumber } from './option-parsers.js';

interface EmulatorCommandOptions extends EnvelopeOptions {
  port: number;
  host: string;
  data?: string;
  pageSize?: number;
  rateLimitFactor: number;
  rateLimits: boolean;
  latencyMs?: number;
  failRate?: number;
  throttleRate?: number;
  dropRate?: number;
  seed?: number;
  faultOperations?: string[];
  autoCreatePmas?: boolean;
  accountId?: string;
  relationshipQuota?: number;
  handshakeExpiryMs?: number;
  pendingPmaRelationships?: PendingPmaRelationships;
  pmaDeleteWithRelationships?: PmaDeleteWithRelationships;
  deny?: string[];
  log?: boolean;
  pmasFromFiles: boolean;
  expireCredentialsAfter?: number;
  /** `--pma [CATALOG/]pma-…` (repeatable): PMAs to hold from the start. */
  pma?: PmaArgument[];
}

interface PmaArgument {
  catalog: string;
  id: string;
}

/** `--pma pma-…` or `--pma Sandbox/pma-…`: a PMA the emulator holds from the start. */
function pmaArgument(value: string, previous: PmaArgument[] = []): PmaArgument[] {
  const match = /^(?:(AWS|Sandbox)\/)?(pma-[a-z0-9]{13})$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected pma- and 13 lower-case letters or digits (e.g. pma-rehearsal0001), optionally after AWS/ or Sandbox/');
  return [...previous, { catalog: match[1] ?? 'AWS', id: match[2]! }];
}

/** Creates the `--pma` PMAs the state lacks; returns a line saying which (or ''). */
function createPmasFromOption(emulator: RunningEmulator, pmas: readonly PmaArgument[]): string {
  const created = pmas
    .filter(({ id }) => !emulator.state.getPma(id))
    .map(({ catalog, id }) => {
      emulator.state.createPma({ id, catalog, displayName: `Rehearsal ${id}`.slice(0, 30) });
      return `${catalog}/${id}`;
    });
  return created.length > 0 ? `Created the program management accounts --pma names: ${created.join(', ')}\n` : '';
}

/** A parser that takes one of `choices`. */
function oneOf<T extends string>(...choices: T[]): (value: string) => T {
  return (value) => {
    if (!(choices as string[]).includes(value)) throw new InvalidArgumentError(`expected ${choices.join(' or ')}`);
    return value as T;
  };
}

function accountId(value: string): string {
  if (!/^[0-9]{12}$/.test(value)) throw new InvalidArgumentError('expected 12 digits');
  return value;
}

function operationList(value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !Object.hasOwn(OPERATIONS, name));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown operation ${unknown.join(', ')}; known: ${Object.keys(OPERATIONS).join(', ')}`);
  return names;
}

function emulatorOptionsOf(opts: EmulatorCommandOptions): EmulatorOptions {
  const anyFault = opts.failRate || opts.throttleRate || opts.dropRate || opts.expireCredentialsAfter !== undefined;
  return {
    port: opts.port,
    host: opts.host,
    dataFile: opts.data,
    accountId: opts.accountId,
    maxPageSize: opts.pageSize,
    rateLimits: opts.rateLimits ? { factor: opts.rateLimitFactor } : false,
    latencyMs: opts.latencyMs,
    faults: anyFault
      ? {
          internalErrorRate: opts.failRate,
          throttleRate: opts.throttleRate,
          dropAfterCommitRate: opts.dropRate,
          seed: opts.seed,
          operations: opts.faultOperations,
          ...(opts.expireCredentialsAfter !== undefined ? { expireCredentialsAfter: opts.expireCredentialsAfter } : {}),
        }
      : undefined,
    idSeed: opts.seed,
    autoCreatePmas: opts.autoCreatePmas,
    relationshipQuotaPerPma: opts.relationshipQuota,
    handshakeExpiryMs: opts.handshakeExpiryMs,
    pendingPmaRelationships: opts.pendingPmaRelationships,
    pmaDeleteWithRelationships: opts.pmaDeleteWithRelationships,
    deny: opts.deny,
    omitOptionalMembers: opts.omitOptionalMembers,
    visibilityDelayMs: opts.visibilityDelayMs,
    clientTokenTtlMs: opts.clientTokenTtlMs,
    tagWritesBumpRevision: opts.tagWritesBumpRevision,
    shortPages: opts.shortPages,
    raceNextUpdate: opts.raceNextUpdate,
    duplicateHandshakes: opts.duplicateHandshakes,
    replayMismatchedTokens: opts.replayMismatchedTokens,
  };
}

/** Resolves with the signal's name on the first SIGINT or SIGTERM (a second one ends the process: see cli.ts). */
function waitForStopSignal(ctx: CommandContext): Promise<string> {
  return new Promise((resolve) => {
    ctx.onInterrupt((signal) => {
      resolve(signal);
      return 'continue';
    });
  });
}

/**
 * Creates the PMAs that the files under `dir` name (see pmas-from-files.ts); returns lines saying which, and which
 * files could not be read for them (or '').
 */
async function createPmasFromFiles(emulator: RunningEmulator, dir: string, ctx: CommandContext): Promise<string> {
  const { desired, diagnostics } = await loadDesired({ dir, cwd: ctx.cwd });
  const created = createPmasNamedByFiles(emulator.state, desired.scopes);
  // No folder at all (a new repository before `pcc init`) is no file with errors: describeHoldings says what to do.
  const broken = new Set(diagnostics.filter((d) => d.severity === 'error' && d.code !== 'dir-not-found').map((d) => d.file)).size;
  const lines = [
    ...(created.length > 0 ? [`Created the program management accounts that ${dir}/ names: ${created.join(', ')} (--no-pmas-from-files to skip)`] : []),
    ...(broken > 0
      ? [
          `${dir}/ has ${broken === 1 ? '1 file' : `${broken} files`} with errors (pcc validate shows them): the PMAs named only there were not created; fix them and start the emulator again, or use --auto-create-pmas`,
        ]
      : []),
  ];
  return lines.map((line) => `${sanitizeForTerminal(line)}\n`).join('');
}

async function runEmulatorCommand(opts: EmulatorCommandOptions, ctx: CommandContext, stopSignal: () => Promise<string>, dir?: string): Promise<void> {
  const options = emulatorOptionsOf(opts);
  if (opts.log) options.onRequest = (entry) => ctx.sink.err(formatRequestLog(entry));
  options.onSaveError = (error) => ctx.sink.err(`pcc emulator: could not save ${opts.data}: ${error instanceof Error ? error.message : String(error)}\n`);
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${opts.port} on ${opts.host} is in use; pick another with --port (0 = any free port)`
        : error instanceof Error
          ? error.message
          : String(error);
    ctx.sink.err(`pcc emulator: cannot start: ${reason}\n`);
    ctx.setExitCode(1);
    return;
  }
  // Listen before the banner: whoever reads it may signal at once.
  const signalled = stopSignal();
  // Before the endpoint is announced: a client that reads it may plan at once.
  const created = createPmasFromOption(emulator, opts.pma ?? []) + (opts.pmasFromFiles && dir !== undefined ? await createPmasFromFiles(emulator, dir, ctx) : '');
  ctx.sink.err(describeEmulator(emulator, options) + created + describeHoldings(emulator.state));
  ctx.sink.out(`${emulator.endpoint}\n`);
  const signal = await signalled;
  try {
    await emulator.stop();
  } catch (error) {
    ctx.sink.err(`pcc emulator: error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
    ctx.setExitCode(1);
  }
  ctx.sink.err(`pcc emulator: stopped on ${signal}${opts.data ? `; state saved to ${opts.data}` : ''}\n${formatStats(emulator.stats)}`);
}

export const registerEmulator: RegisterCommand = (program, ctx) => {
  program
    .command('emulator')
    .description('run a local Partner Central Channel API (for tests, demos and rehearsals) until Ctrl+C')
    .option('--port <n>', 'port to listen on (0 = any free port)', wholeNumber(0), 4566)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <file>', 'load state from this JSON file and save it there after every change')
    .option('--page-size <n>', 'at most this many items per list page, whatever maxResults says', wholeNumber(1))
    .option('--rate-limit-factor <x>', 'scale the documented rate quotas (3/s writes, 5/s reads)', positiveNumber, 1)
    .option('--no-rate-limits', 'do not throttle at all')
    .option('--latency-ms <ms>', 'delay every answer', wholeNumber(0))
    .option('--fail-rate <r>', 'share of requests answered 500 InternalServerException (0-1)', rate)
    .option('--throttle-rate <r>', 'share of requests answered 429 ThrottlingException (0-1)', rate)
    .option('--drop-rate <r>', 'share of requests performed, then answered with a dropped connection (0-1)', rate)
    .option('--seed <n>', 'seed for injected faults and generated ids, so runs repeat', wholeNumber(0))
    .option('--fault-operations <ops>', 'comma-separated operations that get injected faults (default all)', operationList)
    .option('--auto-create-pmas', 'create an unknown program management account on first use (AWS would answer 404)')
    .option('--account-id <id>', 'the AWS account in new ARNs', accountId)
    .option('--relationship-quota <n>', 'relationships allowed per program management account', wholeNumber(1), 1000)
    .option('--handshake-expiry-ms <ms>', 'a PENDING channel handshake expires this long after its create (default 15 days)', wholeNumber(1))
    .option(
      '--pending-pma-relationships <accept|refuse>',
      'CreateRelationship under a PENDING program management account: refuse (default, ValidationException) or accept (AWS does not say)',
      oneOf<PendingPmaRelationships>('accept', 'refuse'),
    )
    .option(
      '--pma-delete-with-relationships <refuse|cascade>',
      'DeleteProgramManagementAccount of one with relationships: refuse (default, 409) or cascade (delete them too; AWS does not say)',
      oneOf<PmaDeleteWithRelationships>('refuse', 'cascade'),
    )
    .option('--expire-credentials-after <n>', 'after N requests, refuse every request 403 ExpiredTokenException (credentials that expire mid-apply)', wholeNumber(0))
    .option('--deny <ops>', 'comma-separated operations that answer 403 AccessDeniedException', operationList)
    .option('--log', 'print one line per request to stderr')
    .option('--omit-optional-members', 'leave out the output members the model examples leave out (catalog, sector, startDate)')
    .option('--visibility-delay-ms <ms>', 'a new relationship shows in Get and List only this long after its create', wholeNumber(0))
    .option('--client-token-ttl-ms <ms>', 'forget clientTokens this long after their first answer (default: never)', wholeNumber(0))
    .option('--tag-writes-bump-revision', "tag writes bump a relationship's revision and updatedAt")
    .option('--short-pages', 'pages of 1-3 items, each after an empty page that still carries a nextToken')
    .option('--race-next-update', "the first UpdateRelationship meets someone else's rename and answers 500")
    .option('--duplicate-handshakes', 'a second PENDING handshake about one relationship is created, not refused with 409')
    .option('--replay-mismatched-tokens', 'a clientToken used again with a different request answers the first answer again, not 409')
    .option('--pma <[catalog/]id>', 'hold this program management account from the start (repeatable; e.g. pma-rehearsal0001)', pmaArgument)
    .option('--no-pmas-from-files', 'do not create the program management accounts that the files under --dir name')
    .action((opts: EmulatorCommandOptions, command) => runEmulatorCommand(opts, ctx, () => waitForStopSignal(ctx), globalOptionsOf(command).dir));
};
