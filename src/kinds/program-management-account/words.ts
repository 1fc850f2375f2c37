/**
 * How a PMA change and its outcome read (the render engine's KindWords): terraform's symbols and verbs, an adopt
 * as terraform shows an import, and the handshake its account must accept.
 */
import { ACTION_PAST_TENSE, ACTION_SYMBOLS } from '../../plan/actions.js';
import type { ExtraLine, KindWords } from '../../render/kind-words.js';
import type { ProgramManagementAccountChange } from './pma-change.js';
import type { ProgramManagementAccountOutcome } from './pma-outcome.js';
import { sendsHandshake } from './pma-quotas.js';

function symbol(change: ProgramManagementAccountChange): string {
  if (change.blocked) return '!';
  if (change.action === 'adopt' && change.fields.length > 0) return ACTION_SYMBOLS.update;
  return ACTION_SYMBOLS[change.action];
}

const handshakeTo = (change: ProgramManagementAccountChange) => `a PROGRAM_MANAGEMENT_ACCOUNT handshake to account ${change.programManagementAccount.accountId}`;

function describe(change: ProgramManagementAccountChange): string {
  const because = change.reason ? ` (${change.reason})` : '';
  if (change.blocked) return `replacement blocked: ${change.reason ?? 'program or accountId cannot change in place'}`;
  switch (change.action) {
    case 'create':
      return `will be created, then ${handshakeTo(change)} sent (it becomes ACTIVE when that account accepts)`;
    case 'update':
      return change.fields.length > 0
        ? `will be updated in place${sendsHandshake(change) ? `, and ${handshakeTo(change)} sent` : ''}`
        : `${handshakeTo(change)} will be sent${because}`;
    case 'adopt': {
      const adopted = change.fields.length > 0 ? 'will be adopted (updated, then tagged as managed)' : 'will be adopted (tagged as managed)';
      return sendsHandshake(change) ? `${adopted}, then ${handshakeTo(change)} sent` : adopted;
    }
    case 'replace':
      return `must be replaced${because}${sendsHandshake(change) ? `; the new one gets ${handshakeTo(change)}` : ''}`;
    case 'delete':
      return 'will be deleted';
    default:
      return change.reason ?? 'has no changes';
  }
}

/** A handshake the account has not answered, or one it turned down: what the reviewer must know. */
function extraLines(change: ProgramManagementAccountChange): ExtraLine[] {
  const lines: ExtraLine[] = [];
  if (change.action !== 'no-op' && change.reason && (change.reasonCode === 'pma-handshake-pending' || change.reasonCode === 'pma-handshake-rejected')) {
    lines.push({ label: 'Handshake', text: change.reason });
  }
  if (change.action === 'delete' && change.handshake?.status === 'PENDING' && change.handshake.id) {
    lines.push({ label: 'Handshake', text: `pending ${change.handshake.id} to account ${change.programManagementAccount.accountId} is left unanswerable` });
  }
  if (change.relationships !== undefined && change.relationships > 0) lines.push({ label: 'Relationships', text: `${change.relationships} under it` });
  return lines;
}

const handshakes = (count: number) => `${count} PMA handshake${count === 1 ? '' : 's'}`;

export const programManagementAccountWords: KindWords<ProgramManagementAccountChange, ProgramManagementAccountOutcome> = {
  noun: ['program management account', 'program management accounts'],
  symbol,
  describe,
  fieldValue: () => undefined,
  extraLines,
  // Waiting for its account, turned down, or INACTIVE: shown so the reviewer knows, though nothing changes.
  shownThoughUnchanged: (change) => change.reasonCode === 'pma-handshake-pending' || change.reasonCode === 'pma-handshake-rejected' || (change.warnings?.length ?? 0) > 0,
  planCounts: [{ key: 'pmaHandshake', line: (count) => `${handshakes(count)} to send`, row: { label: 'PMA handshake to send' } }],
  planNotes: [],
  outcome: (action) => ({ symbol: ACTION_SYMBOLS[action].trim(), done: ACTION_PAST_TENSE[action], destroys: action === 'delete' || action === 'replace' }),
  outcomeIds: (outcome) => (outcome.id && outcome.handshakeId ? `${outcome.id}, handshake ${outcome.handshakeId}` : outcome.id),
  outcomeMembers: (outcome) => ({ afterId: outcome.handshakeId ? { handshakeId: outcome.handshakeId } : {}, afterNote: {} }),
  applyCounts: [{ key: 'pmaHandshakesSent', line: (count) => `${handshakes(count)} sent` }],
  replaceWarning: {
    consequence: 'The new program management account gets a new id and must be accepted by its account again; files that name the old id must be updated.',
  },
};
