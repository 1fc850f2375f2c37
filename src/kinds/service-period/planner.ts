import type { ChangeDependency, PlannedChange } from '../../plan/plan-types.js';
import { countAction } from '../../plan/count-action.js';
import type { KindPlanner } from '../../plan/kind-planner.js';
import { checkHandshakeQuotas } from './handshake-quotas.js';
import { planServicePeriods } from './plan-service-periods.js';
import { attachCommitments } from './service-period-commitment.js';
import type { ServicePeriodChange } from './service-period-change.js';

const isServicePeriod = (change: PlannedChange): change is ServicePeriodChange => change.kind === 'servicePeriod';

/** What the edges are drawn to, indexed once per plan: relationship creates and replaces by address, withdraws by catalog. */
interface EdgeTargets {
  madeAt: Map<string, PlannedChange[]>;
  withdrawsIn: Map<string, ServicePeriodChange[]>;
}

/** Appends in place (a copy per change would make a plan of many changes quadratic). */
function appendTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const targetsOf = new WeakMap<readonly PlannedChange[], EdgeTargets>();

function edgeTargets(changes: readonly PlannedChange[]): EdgeTargets {
  const known = targetsOf.get(changes);
  if (known) return known;
  const targets: EdgeTargets = { madeAt: new Map(), withdrawsIn: new Map() };
  for (const change of changes) {
    if (change.kind === 'relationship' && (change.action === 'create' || change.action === 'replace')) {
      appendTo(targets.madeAt, change.address, change);
    } else if (isServicePeriod(change) && change.action === 'update') {
      appendTo(targets.withdrawsIn, change.servicePeriod.catalog, change);
    }
  }
  targetsOf.set(changes, targets);
  return targets;
}

/**
 * A service-period change needs the relationship it is about: created or replaced by the same apply, its id is
 * known only after that (`relationshipIdentifier`). A request, revoke or replace needs every withdraw in its
 * catalog applied first: a withdraw frees the active-handshake slots it counts on (handshake-quotas.ts). In plan order.
 */
function dependsOn(change: ServicePeriodChange, changes: readonly PlannedChange[]): ChangeDependency[] {
  const { madeAt, withdrawsIn } = edgeTargets(changes);
  const edges: ChangeDependency[] = (madeAt.get(change.address) ?? []).map((made) => ({
    kind: made.kind,
    address: made.address,
    action: made.action,
    knownAfterApply: ['relationshipIdentifier'],
  }));
  if (change.action === 'create' || change.action === 'delete' || change.action === 'replace') {
    for (const withdraw of withdrawsIn.get(change.servicePeriod.catalog) ?? []) edges.push({ kind: withdraw.kind, address: withdraw.address, action: withdraw.action });
  }
  return edges;
}

/** How a service period is planned, counted, checked and compared (src/plan/kind-planner.ts). */
export const servicePeriodPlanner: KindPlanner<ServicePeriodChange> = {
  plan: planServicePeriods,
  // A service period shares its relationship's address: the relationship kind names the addresses.
  addresses: () => ({ declared: [], live: [] }),
  review: (changes, { live, recorded }) => attachCommitments(changes, live, recorded.acknowledgeServicePeriods ?? []),
  check: (changes, { live, options }) => checkHandshakeQuotas(changes, live, options.now),
  dependsOn,
  count(summary, change) {
    if (change.action === 'update') {
      // A withdraw sends nothing: it counts the pending handshakes it cancels.
      summary.withdraw = (summary.withdraw ?? 0) + (change.servicePeriod?.withdraw?.length ?? 0);
    } else if (change.action !== 'no-op') {
      // A replace both revokes and requests: it counts in each.
      if (change.action !== 'delete') summary.request = (summary.request ?? 0) + 1;
      if (change.action !== 'create') summary.revoke = (summary.revoke ?? 0) + 1;
    } else {
      countAction(summary, change);
    }
  },
  // A revoke or replace in a plan not made with its flag (only a hand-made or edited plan has one).
  blockers(change, { options }, refused) {
    if (refused) return [];
    if (change.action === 'delete' && !options.revoke)
      return [{ code: 'revoke-not-allowed', message: `${change.address}: the plan revokes its service period but was not made with --revoke` }];
    if (change.action === 'replace' && !options.replaceServicePeriods) {
      return [
        {
          code: 'service-period-replace-not-allowed',
          message: `${change.address}: the plan replaces its service period but was not made with --replace-service-periods`,
        },
      ];
    }
    return [];
  },
  // What a service period sends is checked against a fresh plan at apply; the files are checked by its relationship.
  matchesFiles: () => ({ mismatch: () => undefined }),
  // What its handshakes send and withdraw.
  identity: (change) => ({ servicePeriod: change.servicePeriod }),
  carrySeen: (fresh) => fresh,
  // Done only when the no-op shows the seen terms pending or accepted; a warning (other terms accepted, a request
  // rejected) means the live state moved away from what was reviewed.
  noLongerNeeded: (noOp) =>
    noOp.warnings?.length ? { done: false, why: noOp.reason ?? 'see a fresh plan' } : { done: true, why: noOp.reason ?? 'the service period is as declared' },
};
