/**
 * How a service-period change and its outcome read (the render engine's KindWords). Its actions say what is sent
 * to the customer, so it has symbols and summary counts of its own: a request (`>>`), a revoke of the accepted
 * period (`<<`), both (`<>`, a replace), pending handshakes withdrawn and the period in force kept (`~~`, an
 * update), or only reported (`..`).
 */
import type { ApplyOutcome } from '../../apply/outcome.js';
import type { ServicePeriodOutcome } from './service-period-outcome.js';
import type { Action } from '../../plan/actions.js';
import { describeTerms } from '../../model/service-period.js';
import { describeWithdrawn } from './plan-service-period-withdraw.js';
import type { KindWords } from '../../render/kind-words.js';
import type { ServicePeriodChange } from './service-period-change.js';

const SERVICE_PERIOD_SYMBOLS = { request: '>>', revoke: '<<', replace: '<>', withdraw: '~~', report: '..' } as const;

/** The symbol of a service-period change or outcome by its action. */
function symbolOf(action: Action): string {
  if (action === 'create') return SERVICE_PERIOD_SYMBOLS.request;
  if (action === 'delete') return SERVICE_PERIOD_SYMBOLS.revoke;
  if (action === 'update') return SERVICE_PERIOD_SYMBOLS.withdraw;
  return action === 'replace' ? SERVICE_PERIOD_SYMBOLS.replace : SERVICE_PERIOD_SYMBOLS.report;
}

function describe(change: ServicePeriodChange): string {
  const terms = change.servicePeriod?.terms ?? {};
  const cancel = change.servicePeriod?.cancel;
  const revoke = change.servicePeriod?.revoke;
  if (change.action === 'delete')
    return `accepted service period ${revoke ?? ''} will be revoked (REVOKE_SERVICE_PERIOD, the customer must accept): ${describeTerms(terms)}`;
  if (change.action === 'replace') return `accepted service period ${revoke ?? ''} will be revoked and the declared terms requested: ${describeTerms(terms)}`;
  if (change.action === 'update')
    return `pending ${describeWithdrawn(change.servicePeriod?.withdraw ?? [])} will be withdrawn (CancelChannelHandshake): the accepted service period ${change.servicePeriod?.handshakeId ?? ''} stays: ${describeTerms(terms)}`;
  if (change.action === 'create' && cancel) return `pending request ${cancel} will be canceled and the service period requested again: ${describeTerms(terms)}`;
  if (change.action === 'create') return `service period will be requested from the customer: ${describeTerms(terms)}`;
  return `service period ${describeTerms(terms)}: ${change.reason ?? change.servicePeriod?.status ?? 'no change'}`;
}

/** A service period (or its revoke) that waits for the customer: shown (so the reviewer knows), though not a change. */
const isWaiting = (change: ServicePeriodChange): boolean =>
  change.reasonCode === 'service-period-pending' || change.reasonCode === 'service-period-revoke-pending' || change.reasonCode === 'service-period-waiting';

/** What a succeeded outcome did, by its action. */
const DONE: Partial<Record<ApplyOutcome['action'], string>> = {
  create: 'requested service period',
  delete: 'revoke of the service period sent',
  replace: 'service period revoked and requested again',
  update: 'pending service-period handshakes withdrawn',
};

const periods = (count: number) => `${count} service period${count === 1 ? '' : 's'}`;
const handshakes = (count: number) => `${count} pending service-period handshake${count === 1 ? '' : 's'}`;

export const servicePeriodWords: KindWords<ServicePeriodChange, ServicePeriodOutcome> = {
  noun: ['service period', 'service periods'],
  symbol: (change) => symbolOf(change.action),
  describe,
  fieldValue: () => undefined,
  extraLines: () => [],
  shownThoughUnchanged: isWaiting,
  heldBack: (change) => change.reasonCode === 'service-period-waiting',
  planCounts: [
    { key: 'request', line: (count) => `${periods(count)} to request`, row: { symbol: SERVICE_PERIOD_SYMBOLS.request, label: 'service period to request' } },
    { key: 'revoke', line: (count) => `${periods(count)} to revoke`, row: { symbol: SERVICE_PERIOD_SYMBOLS.revoke, label: 'service period to revoke' } },
    {
      key: 'withdraw',
      line: (count) => `${handshakes(count)} to withdraw`,
      row: { symbol: SERVICE_PERIOD_SYMBOLS.withdraw, label: 'pending service-period handshake to withdraw' },
    },
  ],
  planNotes: [],
  targetedWith: ['its service period', 'their service periods'],
  outcome: (action) => ({ symbol: symbolOf(action), done: DONE[action] ?? 'requested service period', destroys: false }),
  outcomeIds: (outcome) => (outcome.withdrawn?.length ? outcome.withdrawn.join(', ') : outcome.id),
  outcomeMembers: (outcome) => ({ afterId: {}, afterNote: outcome.withdrawn?.length ? { withdrawn: outcome.withdrawn } : {} }),
  applyCounts: [
    { key: 'requested', line: (count) => `${periods(count)} requested` },
    { key: 'revoked', line: (count) => `${periods(count)} revoked` },
    { key: 'withdrawn', line: (count) => `${count} pending handshake${count === 1 ? '' : 's'} withdrawn` },
  ],
};
