/**
 * Plan values for tests of what reads a plan (renderers, apply, saved-plan checks). Changes come from the real
 * planner where it can make them (a create is buildPlan's own), and a plan's `summary` and `applyable` are
 * always the real summariser's and the one applyability decision's, never counted by hand: a test cannot build
 * a plan the planner would contradict in those.
 */
import type { DesiredRelationship } from '../../src/desired/types.js';
import type { RelationshipSpec } from '../../src/model/relationship.js';
import { isApplyable } from '../../src/plan/applyable.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { specOf } from '../../src/kinds/relationship/plan-relationships.js';
import type { RelationshipChange } from '../../src/kinds/relationship/relationship-change.js';
import type { Plan, PlanError, PlannedChange, UnmanagedRelationship } from '../../src/plan/plan-types.js';
import { summarizePlan } from '../../src/plan/summarize-plan.js';
import { desiredEntry, desiredState } from './state-builders.js';

/** What apply sends for a desired entry at `account` (the planner's specOf), overridable field by field. */
export function spec(account: string, overrides: Partial<RelationshipSpec> = {}): RelationshipSpec {
  return specOf(desiredEntry(account, overrides));
}

/** The planner's create for a desired entry at `account`, declared by default at relationships/acme.yaml:4. */
export function createChange(account: string, overrides: Partial<DesiredRelationship> = {}): RelationshipChange {
  const entry = desiredEntry(account, { source: { file: 'relationships/acme.yaml', line: 4, column: 5 }, ...overrides });
  const plan = buildPlan(desiredState([entry]), { relationships: [] }, { prune: false, allowReplace: false, dir: 'relationships' });
  return plan.changes.find((change) => change.kind === 'relationship')!;
}

export interface PlanParts {
  changes?: PlannedChange[];
  unmanaged?: UnmanagedRelationship[];
  errors?: PlanError[];
  /** Default: as the planner would have been asked, prune when a change deletes, allowReplace when a replace is not blocked. */
  options?: Plan['options'];
}

/** A plan of these parts, sorted by address, with the summary and applyability the planner would record. */
export function makePlan({ changes = [], unmanaged = [], errors = [], options }: PlanParts = {}): Plan {
  const planOptions = options ?? { prune: changes.some((c) => c.action === 'delete'), allowReplace: changes.some((c) => c.action === 'replace' && !c.blocked) };
  return {
    formatVersion: 1,
    desiredHash: 'sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    dir: 'relationships',
    options: planOptions,
    applyable: isApplyable({ changes, errors, options: planOptions }),
    changes: [...changes].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)),
    unmanaged,
    errors,
    summary: summarizePlan(changes, unmanaged.length),
  };
}

/** The change as a relationship change (a test's own plan: any other kind is a failure of the test's setup). */
export function asRelationship(change: PlannedChange | undefined): RelationshipChange {
  if (change?.kind !== 'relationship') throw new Error(`expected a relationship change, got ${change?.kind ?? 'none'}`);
  return change;
}
