/** The service-period kind: a relationship's START_SERVICE_PERIOD handshake, declared as `servicePeriod:`; composes its facets. */
import type { ResourceKind } from '../resource-kind.js';
import { servicePeriodReader } from './reader.js';
import type { ServicePeriodChange } from './service-period-change.js';
import { servicePeriodWords } from './words.js';

export const servicePeriodKind = {
  name: 'servicePeriod',
  reader: servicePeriodReader,
  words: servicePeriodWords,
} as const satisfies ResourceKind<ServicePeriodChange>;
