/**
 * Service-period changes (kind `servicePeriod`): beside each entry that declares a `servicePeriod`, what to do
 * about the customer's agreement. A request (`create`) is planned when no handshake with the declared terms is
 * pending or accepted; a pending one is shown as waiting, which is not drift. A rejected or expired request
 * is shown and not sent again on its own (customers must not be spammed). Declared terms that are the period in
 * force are never requested again; pending handshakes that contradict them are withdrawn instead
 * (plan-service-period-withdraw.ts). PURE.
 */
import type { DesiredRelationship } from '../../desired/types.js';
import { describeTerms, FIXED_COMMITMENT_DAYS, sameTerms, termsOf, utcDayAfter, utcDaysBetween } from '../../model/service-period.js';
import type { ChangeReasonCode } from '../../plan/change-reasons.js';
import type { PlanError } from '../../plan/plan-types.js';
import type { ServicePeriodChange } from './service-period-change.js';
import { planServicePeriodWithdraw } from './plan-service-period-withdraw.js';
import { periodInForce, type PeriodHistory } from './service-period-history.js';

export interface ServicePeriodPlan {
  change?: ServicePeriodChange;
  error?: PlanError;
}

/** The problem with a new request's end date, or undefined: before today, or outside 60-365 UTC days from today. */
function endDateProblem(entry: DesiredRelationship, now: number | undefined): PlanError | undefined {
  const period = entry.servicePeriod;
  if (period?.type !== 'FIXED_COMMITMENT_PERIOD' || now === undefined) return undefined;
  const days = utcDaysBetween(now, Date.parse(`${period.endDate}T00:00:00Z`));
  if (days >= FIXED_COMMITMENT_DAYS.min && days <= FIXED_COMMITMENT_DAYS.max) return undefined;
  const why = Number.isNaN(days) ? 'is not a real day' : days < 0 ? 'is in the past' : `is ${days} days away`;
  return {
    code: 'service-period-end-date',
    message: `${entry.address}: servicePeriod.endDate ${period.endDate} ${why}; a new request needs an end date ${FIXED_COMMITMENT_DAYS.min}-${FIXED_COMMITMENT_DAYS.max} days from today`,
    address: entry.address,
    hint: `choose an endDate between ${utcDayAfter(now, FIXED_COMMITMENT_DAYS.min)} and ${utcDayAfter(now, FIXED_COMMITMENT_DAYS.max)} (UTC)`,
    source: { file: entry.source.file, line: entry.source.line },
  };
}

interface Decision {
  request: boolean;
  reasonCode: ChangeReasonCode;
  reason: string;
}

/** Flags of the plan that let it send more than a first request. */
export interface ServicePeriodFlags {
  /** `--resend`: request again after a rejected or expired request (or revoke). */
  resend?: boolean;
  /** `--replace-service-periods`: an accepted period with other terms is revoked and the declared terms requested. */
  replace?: boolean;
  /** `--revoke`: an accepted period no entry declares any more is revoked. */
  revoke?: boolean;
}

function decide(entry: DesiredRelationship, history: PeriodHistory, flags: ServicePeriodFlags): Decision {
  const period = entry.servicePeriod;
  if (!period) throw new Error('decide needs a servicePeriod');
  const latest = history.latest;
  const since = latest?.createdAt === undefined ? '' : ` since ${latest.createdAt.slice(0, 10)}`;
  // The customer agreed to these terms and they are in force: whatever happened since, nothing is asked again.
  const inForce = periodInForce(history);
  if (inForce && sameTerms(period, inForce.terms)) return { request: false, reasonCode: 'service-period-accepted', reason: `accepted by the customer (${inForce.id})` };
  const revoked = latest?.status === 'ACCEPTED' && !periodInForce(history);
  if (!latest || latest.status === 'CANCELED' || revoked) {
    const why = revoked ? `the accepted period ${latest.id} was revoked` : 'no service period is pending or accepted';
    return { request: true, reasonCode: 'service-period-none', reason: `${why}: it will be requested from the customer` };
  }
  const same = sameTerms(period, latest.terms);
  const seen = describeTerms(latest.terms);
  switch (latest.status) {
    case 'PENDING':
      return same
        ? { request: false, reasonCode: 'service-period-pending', reason: `waiting for the customer${since} (${latest.id})` }
        : {
            request: true,
            reasonCode: 'service-period-rerequest',
            reason: `the pending request ${latest.id} asks for ${seen}: it will be canceled and the declared terms requested`,
          };
    case 'ACCEPTED':
      if (same) return { request: false, reasonCode: 'service-period-accepted', reason: `accepted by the customer (${latest.id})` };
      if (flags.replace)
        return {
          request: true,
          reasonCode: 'service-period-replace',
          reason: `the accepted period ${latest.id} is ${seen}: --replace-service-periods revokes it and requests the declared terms`,
        };
      return {
        request: false,
        reasonCode: 'service-period-terms-differ',
        reason: `the accepted period ${latest.id} is ${seen}, not the declared terms; it stays (--replace-service-periods revokes it and requests the declared terms)`,
      };
    case 'REJECTED':
    case 'EXPIRED':
      if (flags.resend)
        return {
          request: true,
          reasonCode: 'service-period-resend',
          reason: `the request ${latest.id} was ${latest.status.toLowerCase()}${since}: --resend requests it again`,
        };
      return {
        request: false,
        reasonCode: 'service-period-closed',
        reason: `the request ${latest.id} was ${latest.status.toLowerCase()}${since}; pcc does not request again on its own (--resend does)`,
      };
    default:
      return {
        request: false,
        reasonCode: 'service-period-closed',
        reason: `the status of request ${latest.id} is unknown (the answer left it out); nothing is requested`,
      };
  }
}

/**
 * The servicePeriod change for an entry that declares one (else nothing). `relationship` is the live one it
 * matched (absent: created in the same apply); `latest` its latest service-period handshake; `now` the clock.
 */
export function planServicePeriod(
  entry: DesiredRelationship,
  relationship: { id: string } | undefined,
  history: PeriodHistory | undefined,
  now: number | undefined,
  flags: ServicePeriodFlags = {},
): ServicePeriodPlan {
  const period = entry.servicePeriod;
  if (!period) return {};
  const withdraw = relationship && planServicePeriodWithdraw(entry, relationship, history);
  if (withdraw) return { change: withdraw };
  const seen = relationship ? (history ?? {}) : {};
  const latest = seen.latest;
  const decision = decide(entry, seen, flags);
  const replacing = decision.reasonCode === 'service-period-replace';
  if (decision.request) {
    const error = endDateProblem(entry, now);
    if (error) return { error };
  }
  const terms = termsOf(period);
  const change: ServicePeriodChange = {
    kind: 'servicePeriod',
    address: entry.address,
    action: replacing ? 'replace' : decision.request ? 'create' : 'no-op',
    ...(relationship ? { id: relationship.id } : {}),
    source: { file: entry.source.file, line: entry.source.line },
    fields: !decision.request
      ? []
      : decision.reasonCode === 'service-period-rerequest' || replacing
        ? [{ name: 'servicePeriod', before: latest?.terms, after: terms }]
        : [{ name: 'servicePeriod', after: terms }],
    reason: decision.reason,
    reasonCode: decision.reasonCode,
    servicePeriod: {
      catalog: entry.catalog,
      programManagementAccountIdentifier: entry.programManagementAccountIdentifier,
      terms,
      ...(latest ? { handshakeId: latest.id, ...(latest.status ? { status: latest.status } : {}), ...(latest.createdAt ? { since: latest.createdAt } : {}) } : {}),
      ...(decision.reasonCode === 'service-period-rerequest' && latest ? { cancel: latest.id } : {}),
      ...(replacing && latest ? { revoke: latest.id } : {}),
    },
    ...(decision.reasonCode === 'service-period-terms-differ' || decision.reasonCode === 'service-period-closed' ? { warnings: [decision.reason] } : {}),
  };
  return { change };
}
