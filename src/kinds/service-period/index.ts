/** The service-period kind: a relationship's START_SERVICE_PERIOD handshake, declared as `servicePeriod:`; composes its facets. */
import type { ResourceKind } from '../resource-kind.js';
import { servicePeriodApplier } from './applier.js';
import { servicePeriodImporter } from './importer.js';
import { servicePeriodLoader } from './loader.js';
import { servicePeriodPlanner } from './planner.js';
import { servicePeriodReader } from './reader.js';
import type { ServicePeriodPlanCounts, ServicePeriodShapingValues } from './plan-parts.js';
import type { ServicePeriodRead, ServicePeriodReadOptions } from './read-service-periods.js';
import type { ServicePeriodApi } from './service-period-api.js';
import type { ServicePeriodChange } from './service-period-change.js';
import type { ServicePeriodLiveState } from './service-period-live-state.js';
import type { ServicePeriodApplyCounts, ServicePeriodOutcome } from './service-period-outcome.js';
import { servicePeriodWords } from './words.js';

export const servicePeriodKind = {
  name: 'servicePeriod',
  loader: servicePeriodLoader,
  planner: servicePeriodPlanner,
  reader: servicePeriodReader,
  applier: servicePeriodApplier,
  words: servicePeriodWords,
  importer: servicePeriodImporter,
} as const satisfies ResourceKind<ServicePeriodChange, ServicePeriodOutcome>;

/** The types this kind brings to the engines; the registry derives the engines' unions and intersections from them. */
export interface ServicePeriodKindTypes {
  change: ServicePeriodChange;
  outcome: ServicePeriodOutcome;
  desiredPart: object;
  shapingValues: ServicePeriodShapingValues;
  liveState: ServicePeriodLiveState;
  read: ServicePeriodRead;
  readOptions: ServicePeriodReadOptions;
  api: ServicePeriodApi;
  planCounts: ServicePeriodPlanCounts;
  applyCounts: ServicePeriodApplyCounts;
}
