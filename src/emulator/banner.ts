/**
 * What `pcc emulator` tells a person: where it listens, what it will do differently from AWS, and what to
 * export to point pcc or the AWS SDK at it.
 */
import type { EmulatorOptions, RunningEmulator } from './index.js';
import type { EmulatorState } from './state.js';
import type { RequestLogEntry } from './server.js';

/** The environment a client needs: the endpoint override the SDK honours, and dummy credentials. */
function clientEnvironment(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: endpoint,
    AWS_ACCESS_KEY_ID: 'emulator',
    AWS_SECRET_ACCESS_KEY: 'emulator',
    AWS_REGION: 'us-east-1',
  };
}

const percent = (rate: number | undefined): string => `${Math.round((rate ?? 0) * 1000) / 10}%`;

export function describeEmulator(emulator: RunningEmulator, options: EmulatorOptions): string {
  const lines = [`pcc emulator: Partner Central Channel API listening on ${emulator.endpoint}`];
  const state = emulator.state;
  const counts = `${state.pmas().length} program management accounts, ${state.relationships().length} relationships`;
  if (!options.dataFile) lines.push(`  state: in memory only (${counts}); use --data FILE to keep it`);
  else if (emulator.loadedFromFile) lines.push(`  state: loaded from ${options.dataFile} (${counts}); saved there after every change`);
  else lines.push(`  state: new; saved to ${options.dataFile} after every change`);
  const factor = options.rateLimits ? (options.rateLimits.factor ?? 1) : undefined;
  lines.push(factor === undefined ? '  rate limits: off' : `  rate limits: documented quotas x${factor} (writes ${3 * factor}/s, reads ${5 * factor}/s per operation)`);
  if (options.maxPageSize) lines.push(`  page size: at most ${options.maxPageSize} items a page (deviation: AWS honours maxResults)`);
  if (options.latencyMs) lines.push(`  latency: ${options.latencyMs} ms added to every answer`);
  const f = options.faults;
  if (f && (f.internalErrorRate || f.throttleRate || f.dropAfterCommitRate)) {
    lines.push(
      `  faults: 500 ${percent(f.internalErrorRate)}, 429 ${percent(f.throttleRate)}, commit-then-drop ${percent(f.dropAfterCommitRate)}, seed ${f.seed ?? 1}` +
        (f.operations ? ` (only ${f.operations.join(', ')})` : ''),
    );
  }
  if (options.autoCreatePmas) lines.push('  auto-create PMAs: an unknown PMA is created on first use (deviation: AWS answers 404)');
  if (options.pendingPmaRelationships === 'accept') lines.push('  PENDING PMAs: take relationships (AWS does not say whether they do)');
  if (options.pmaDeleteWithRelationships === 'cascade') lines.push('  PMA delete: deletes its relationships with it (AWS does not say)');
  if (options.deny?.length) lines.push(`  denied (403): ${options.deny.join(', ')}`);
  const envelope = describeEnvelope(options);
  if (envelope.length > 0) lines.push(`  envelope: ${envelope.join('; ')}`);
  lines.push('Point pcc or the AWS SDK at it from another shell:');
  const env = clientEnvironment(emulator.endpoint);
  lines.push(`  export AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL=${env.AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL}`);
  lines.push(`  export AWS_ACCESS_KEY_ID=${env.AWS_ACCESS_KEY_ID} AWS_SECRET_ACCESS_KEY=${env.AWS_SECRET_ACCESS_KEY} AWS_REGION=${env.AWS_REGION}`);
  lines.push('Stop it with Ctrl+C (SIGINT) or SIGTERM.');
  return `${lines.join('\n')}\n`;
}

function describeEnvelope(options: EmulatorOptions): string[] {
  return [
    options.omitOptionalMembers ? 'optional members left out as in the model examples' : '',
    options.visibilityDelayMs ? `new relationships visible after ${options.visibilityDelayMs} ms` : '',
    options.clientTokenTtlMs !== undefined ? `clientTokens forgotten after ${options.clientTokenTtlMs} ms` : '',
    options.tagWritesBumpRevision ? 'tag writes bump revision' : '',
    options.shortPages ? 'short pages after empty ones' : '',
    options.raceNextUpdate ? 'the first UpdateRelationship meets a rename and answers 500' : '',
    options.replayMismatchedTokens ? 'a clientToken reused with another request is replayed, not refused' : '',
  ].filter(Boolean);
}

/** The PMAs it holds, at most this many named. */
const MAX_NAMED = 10;

/**
 * What the emulator holds once started, and, when it holds no PMA, how to get one: nothing can be planned
 * without one, and a new repository's files name none yet.
 */
export function describeHoldings(state: EmulatorState): string {
  const pmas = state.pmas();
  if (pmas.length === 0) {
    return (
      'It holds no program management accounts, so there is nothing to plan against yet. To get one:\n' +
      '  start it again with --pma pma-rehearsal0001 (any pma- and 13 lower-case letters or digits; Sandbox/pma-… for the Sandbox catalog),\n' +
      '  or in a repository whose relationship files name one (programManagementAccountIdentifier): it creates those,\n' +
      '  or with --auto-create-pmas (any PMA is created when first named)\n'
    );
  }
  const named = pmas.slice(0, MAX_NAMED).map((pma) => `${pma.catalog}/${pma.id}`);
  const more = pmas.length > MAX_NAMED ? `, and ${pmas.length - MAX_NAMED} more` : '';
  return `It holds ${pmas.length} program management account${pmas.length === 1 ? '' : 's'} (${named.join(', ')}${more}) and ${state.relationships().length} relationships; \`pcc pmas\` lists them\n`;
}

/** One request log line; only emulator-chosen strings (operation and error names from its tables). */
export function formatRequestLog(entry: RequestLogEntry): string {
  if (entry.dropped) return `drop ${entry.operation} (performed, connection destroyed)\n`;
  return `${entry.status} ${entry.operation}${entry.errorType ? ` ${entry.errorType}` : ''}\n`;
}
