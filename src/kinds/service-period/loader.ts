/**
 * The service period's part of loading: nothing of its own at document level. A service period is declared inside a
 * relationship entry (`servicePeriod:`), so the relationship loader applies this kind's rule and shape to each entry
 * (load-service-period.ts) and the period travels on the desired relationship.
 */
import type { KindLoader } from '../../desired/kind-loader.js';

export const servicePeriodLoader: KindLoader<Record<never, never>> = {
  documentKeys: [],
  load: () => ({ part: {}, scopes: [], diagnostics: [] }),
};
