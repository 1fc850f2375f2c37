import type { KindReader } from '../../live/kind-reader.js';
import { readServicePeriodState, type ServicePeriodRead } from './read-service-periods.js';

/** How service periods are read: the channel handshakes about the relationships read before. */
export const servicePeriodReader: KindReader<ServicePeriodRead> = {
  read: readServicePeriodState,
  sdkApi: async () => (await import('./sdk-service-period-api.js')).sdkServicePeriodApi,
};
