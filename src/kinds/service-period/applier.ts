import type { AppliedDependency, KindApplier } from '../../apply/kind-applier.js';
import { statusCounts } from '../../apply/kind-applier.js';
import { applyServicePeriod, servicePeriodAction } from './apply-service-period.js';
import type { ServicePeriodChange } from './service-period-change.js';
import type { ServicePeriodOutcome } from './service-period-outcome.js';

/** The value a service period takes from the relationship change it depends on (ChangeDependency.knownAfterApply). */
const RELATIONSHIP_IDENTIFIER = 'relationshipIdentifier';

/**
 * The relationship a service period is for: the one its relationship change made in this apply (the dependency
 * whose outcome gives the relationship identifier), or the planned one.
 */
function relationshipFor(change: ServicePeriodChange, dependencies: readonly AppliedDependency[]): { id?: string; why?: string } {
  const made = dependencies.find((d) => d.outcome && d.dependency.knownAfterApply?.includes(RELATIONSHIP_IDENTIFIER))?.outcome;
  if (!made) return change.id ? { id: change.id } : { why: 'no relationship at this address' };
  return made.status === 'succeeded' && made.id ? { id: made.id } : { why: 'its relationship was not created' };
}

/** How servicePeriod changes are applied (apply-service-period.ts), once their relationship exists, and counted. */
export const servicePeriodApplier: KindApplier<ServicePeriodChange, ServicePeriodOutcome> = {
  async apply(change, context) {
    const relationship = relationshipFor(change, context.dependencies);
    if (!relationship.id)
      return {
        address: change.address,
        action: servicePeriodAction(change),
        kind: 'servicePeriod',
        status: 'skipped',
        note: `service period not sent: ${relationship.why ?? ''}`,
      };
    return applyServicePeriod(context.api, change, relationship.id);
  },
  // A revoke ends a period but deletes nothing: service-period changes run as soon as what they depend on ran.
  destroys: () => false,
  count(outcome) {
    const withdrawn = outcome.withdrawn?.length ? { withdrawn: outcome.withdrawn.length } : {};
    if (outcome.status !== 'succeeded') return { ...withdrawn, ...statusCounts(outcome) };
    if (outcome.action === 'update') return withdrawn;
    return { ...withdrawn, ...(outcome.action === 'delete' ? {} : { requested: 1 }), ...(outcome.action === 'create' ? {} : { revoked: 1 }) };
  },
  // Its relationship (the outcome's id is a handshake's, no relationship).
  touched: (change) => (change.id ? [{ id: change.id }] : []),
};
