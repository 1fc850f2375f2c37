/**
 * The service period of an entry that no longer declares one, while the customer's accepted period is in force:
 * with `--revoke`, a REVOKE_SERVICE_PERIOD (action `delete`, like `--prune` for relationships); without it,
 * reported and nothing sent. A revoke waiting for the customer is shown, not drift; a rejected or expired one is
 * sent again only with `--revoke --resend`. PURE.
 */
import type { DesiredRelationship } from '../../desired/types.js';
import { describeTerms } from '../../model/service-period.js';
import type { ChangeReasonCode } from '../../plan/change-reasons.js';
import type { ServicePeriodFlags } from './plan-service-period.js';
import type { ServicePeriodChange } from './service-period-change.js';
import { periodInForce, type PeriodHistory } from './service-period-history.js';

interface Decision {
  revoke: boolean;
  reasonCode: ChangeReasonCode;
  reason: string;
  warn?: boolean;
}

function decide(accepted: string, history: PeriodHistory, flags: ServicePeriodFlags): Decision {
  const revoke = history.revoke;
  const since = revoke?.createdAt === undefined ? '' : ` since ${revoke.createdAt.slice(0, 10)}`;
  if (revoke?.status === 'PENDING') {
    return { revoke: false, reasonCode: 'service-period-revoke-pending', reason: `revoke waiting for the customer${since} (${revoke.id})` };
  }
  if (revoke?.status === 'REJECTED' || revoke?.status === 'EXPIRED') {
    const was = `the revoke ${revoke.id} was ${revoke.status.toLowerCase()}${since}`;
    if (flags.revoke && flags.resend) return { revoke: true, reasonCode: 'service-period-revoke', reason: `${was}: --revoke --resend sends it again` };
    return {
      revoke: false,
      warn: true,
      reasonCode: 'service-period-revoke-closed',
      reason: `${was}; the period ${accepted} stays (--revoke --resend sends the revoke again)`,
    };
  }
  if (flags.revoke)
    return { revoke: true, reasonCode: 'service-period-revoke', reason: `servicePeriod is no longer declared: --revoke revokes the accepted period ${accepted}` };
  return {
    revoke: false,
    warn: true,
    reasonCode: 'service-period-undeclared',
    reason: `servicePeriod is no longer declared, but the accepted period ${accepted} stays in force (--revoke revokes it)`,
  };
}

/** The revoke change for an entry without `servicePeriod` whose relationship has a period in force; else undefined. */
export function planServicePeriodRevoke(
  entry: DesiredRelationship,
  relationship: { id: string },
  history: PeriodHistory | undefined,
  flags: ServicePeriodFlags,
): ServicePeriodChange | undefined {
  const accepted = periodInForce(history);
  if (entry.servicePeriod || !history || !accepted) return undefined;
  const decision = decide(accepted.id, history, flags);
  return {
    kind: 'servicePeriod',
    address: entry.address,
    action: decision.revoke ? 'delete' : 'no-op',
    id: relationship.id,
    source: { file: entry.source.file, line: entry.source.line },
    fields: decision.revoke ? [{ name: 'servicePeriod', before: accepted.terms }] : [],
    reason: decision.reason,
    reasonCode: decision.reasonCode,
    servicePeriod: {
      catalog: entry.catalog,
      programManagementAccountIdentifier: entry.programManagementAccountIdentifier,
      terms: accepted.terms,
      handshakeId: accepted.id,
      status: 'ACCEPTED',
      ...(history.revoke?.createdAt ? { since: history.revoke.createdAt } : accepted.createdAt ? { since: accepted.createdAt } : {}),
      revoke: accepted.id,
      // A new token for a revoke sent again: the rejected one's token would only replay the rejected handshake.
      ...(decision.revoke && history.revoke ? { resendsRevoke: history.revoke.id } : {}),
    },
    ...(decision.warn ? { warnings: [`${decision.reason} (${describeTerms(accepted.terms)})`] } : {}),
  };
}
