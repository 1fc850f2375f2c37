/**
 * The contract between the engines and a resource kind (after terraform-plugin-framework's `resource.Resource`:
 * schema plus read, plan and apply per type; and AWS CDK cloudformation-diff, a generic engine fed per-type data).
 * Each engine states what it needs of a kind as one facet in its own folder; a kind (src/kinds/<kind>/index.ts)
 * brings every facet, and src/kinds/registry.ts lists the kinds once.
 */
import type { KindPlanner } from '../plan/kind-planner.js';
import type { ChangeBase } from '../plan/plan-types.js';

export interface ResourceKind<C extends ChangeBase = ChangeBase> {
  /** The plan JSON's `kind` of this kind's changes, e.g. `relationship`. */
  readonly name: C['kind'];
  /** How its changes are planned, counted, checked and compared (src/plan/kind-planner.ts). */
  readonly planner: KindPlanner<C>;
}
