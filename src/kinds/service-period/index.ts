/** The service-period kind: a relationship's START_SERVICE_PERIOD handshake, declared as `servicePeriod:`; composes its facets. */
import type { ResourceKind } from '../resource-kind.js';
import { servicePeriodApplier } from './applier.js';
import { servicePeriodLoader } from './loader.js';
import { servicePeriodPlanner } from './planner.js';
import { servicePeriodReader } from './reader.js';
import type { ServicePeriodChange } from './service-period-change.js';
import type { ServicePeriodOutcome } from './service-period-outcome.js';
import { servicePeriodWords } from './words.js';

export const servicePeriodKind = {
  name: 'servicePeriod',
  loader: servicePeriodLoader,
  planner: servicePeriodPlanner,
  reader: servicePeriodReader,
  applier: servicePeriodApplier,
  words: servicePeriodWords,
} as const satisfies ResourceKind<ServicePeriodChange, ServicePeriodOutcome>;
