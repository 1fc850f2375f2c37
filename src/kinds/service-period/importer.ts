/**
 * `pcc import` for service periods: the period in force of each relationship an import writes out, as the
 * `servicePeriod` member of that relationship's entry. A refused read of the handshakes does not stop the import:
 * the entries are written without it, and a note says so.
 */
import type { KindImporter } from '../../commands/kind-importer.js';
import { matchedByEntries, type LiveState } from '../../live/live-state.js';
import { servicePeriodOfTerms, type ServicePeriod } from '../../model/service-period.js';
import { periodHistories, periodInForce } from './service-period-history.js';

/**
 * The service period in force of each relationship, by relationship id, as a file declares it: the latest
 * accepted request unless a revoke of it was accepted. A later pending, rejected or expired request does not
 * change it (writing none would make `--revoke` revoke it; writing a revoked one would request it again).
 */
function periodsInForce(live: LiveState): Map<string, ServicePeriod> {
  const periods = new Map<string, ServicePeriod>();
  for (const [relationshipId, history] of periodHistories(live)) {
    const inForce = periodInForce(history);
    const period = inForce ? servicePeriodOfTerms(inForce.terms) : undefined;
    if (period) periods.set(relationshipId, period);
  }
  return periods;
}

export const servicePeriodImporter: KindImporter = {
  // The handshakes of the relationships no entry declares (those written out); a refused read is a note.
  readOptions: ({ desired }) => {
    const declared = matchedByEntries(desired.relationships, () => true);
    return { servicePeriodsOf: (live) => !declared(live), servicePeriodsOptional: true };
  },
  select(_desired, live) {
    const periods = periodsInForce(live);
    const notes = live.servicePeriodsDenied
      ? ['pcc import: service periods were not read (no permission for partnercentral:ListChannelHandshakes); entries have no servicePeriod\n']
      : [];
    return {
      count: 0,
      notes,
      write: (draft) => {
        for (const [relationshipId, period] of periods) {
          const entry = draft.entries.get(relationshipId);
          if (entry) entry.servicePeriod = period;
        }
      },
    };
  },
};
