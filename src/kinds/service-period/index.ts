import type { ResourceKind } from '../resource-kind.js';
import { servicePeriodApplier } from './applier.js';
import { servicePeriodReader } from './reader.js';
import type { ServicePeriodChange } from './service-period-change.js';
import type { ServicePeriodOutcome } from './service-period-outcome.js';

/** Service periods (START_SERVICE_PERIOD channel handshakes on a relationship): the kind's facets. */
export const servicePeriodKind = {
  name: 'servicePeriod',
  reader: servicePeriodReader,
  applier: servicePeriodApplier,
} as const satisfies ResourceKind<ServicePeriodChange, ServicePeriodOutcome>;
