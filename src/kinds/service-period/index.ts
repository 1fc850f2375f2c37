/** The servicePeriod kind: the service period a relationship's customer is asked to accept (channel handshakes). */
import type { ResourceKind } from '../resource-kind.js';
import { servicePeriodApplier } from './applier.js';
import type { ServicePeriodChange } from './service-period-change.js';
import type { ServicePeriodOutcome } from './service-period-outcome.js';

export const servicePeriodKind = {
  name: 'servicePeriod',
  applier: servicePeriodApplier,
} as const satisfies ResourceKind<ServicePeriodChange, ServicePeriodOutcome>;
