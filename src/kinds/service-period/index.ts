import type { ResourceKind } from '../resource-kind.js';
import { servicePeriodReader } from './reader.js';
import type { ServicePeriodChange } from './service-period-change.js';

/** Service periods (START_SERVICE_PERIOD channel handshakes on a relationship): the kind's facets. */
export const servicePeriodKind = {
  name: 'servicePeriod',
  reader: servicePeriodReader,
} as const satisfies ResourceKind<ServicePeriodChange>;
