/** How a PMA change and its outcome read (the render engine's KindWords). */
import { ACTION_PAST_TENSE, ACTION_SYMBOLS } from '../../plan/actions.js';
import type { KindWords } from '../../render/kind-words.js';
import type { ProgramManagementAccountChange } from './pma-change.js';
import type { ProgramManagementAccountOutcome } from './pma-outcome.js';

export const programManagementAccountWords: KindWords<ProgramManagementAccountChange, ProgramManagementAccountOutcome> = {
  symbol: (change) => ACTION_SYMBOLS[change.action],
  describe: (change) => change.reason ?? change.action,
  fieldValue: () => undefined,
  extraLines: () => [],
  shownThoughUnchanged: (change) => change.reasonCode === 'pma-handshake-pending',
  planCounts: [],
  planNotes: [],
  outcome: (action) => ({ symbol: ACTION_SYMBOLS[action], done: ACTION_PAST_TENSE[action], destroys: action === 'delete' || action === 'replace' }),
  outcomeIds: (outcome) => outcome.id,
  outcomeMembers: (outcome) => ({ afterId: outcome.handshakeId ? { handshakeId: outcome.handshakeId } : {}, afterNote: {} }),
  applyCounts: [],
};
