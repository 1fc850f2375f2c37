import type { ResourceKind } from '../resource-kind.js';
import { servicePeriodPlanner } from './planner.js';
import type { ServicePeriodChange } from './service-period-change.js';

/** A relationship's service period: START_ and REVOKE_SERVICE_PERIOD channel handshakes the customer answers. */
export const servicePeriodKind: ResourceKind<ServicePeriodChange> = {
  name: 'servicePeriod',
  planner: servicePeriodPlanner,
};
