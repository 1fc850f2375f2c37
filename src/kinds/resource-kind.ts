/**
 * The contract between the engines and a resource kind (after terraform-plugin-framework's `resource.Resource`:
 * schema plus read, plan and apply per type; and AWS CDK cloudformation-diff, a generic engine fed per-type data).
 * Each engine states what it needs of a kind as one facet in its own folder; a kind (src/kinds/<kind>/index.ts)
 * brings every facet, and src/kinds/registry.ts lists the kinds once.
 */
import type { KindApplier } from '../apply/kind-applier.js';
import type { KindLoader } from '../desired/kind-loader.js';
import type { OutcomeBase } from '../apply/outcome.js';
import type { KindImporter } from '../commands/kind-importer.js';
import type { KindReader } from '../live/kind-reader.js';
import type { KindPlanner } from '../plan/kind-planner.js';
import type { ChangeBase } from '../plan/plan-types.js';
import type { KindWords } from '../render/kind-words.js';

export interface ResourceKind<C extends ChangeBase = ChangeBase, O extends OutcomeBase<C['kind']> = OutcomeBase<C['kind']>> {
  /** The plan JSON's `kind` of this kind's changes, e.g. `relationship`. */
  readonly name: C['kind'];
  /** How its sections of the files become its part of the desired state, with its named rules (src/desired/kind-loader.ts). */
  readonly loader: KindLoader;
  /** How its changes are planned, counted, checked and compared (src/plan/kind-planner.ts). */
  readonly planner: KindPlanner<C>;
  /** How apply makes its changes, orders its deletes and counts its outcomes (src/apply/kind-applier.ts). */
  readonly applier: KindApplier<C, O>;
  /** How its live state is read, and its operations over the AWS SDK (src/live/kind-reader.ts). */
  readonly reader: KindReader;
  /** How its changes and outcomes read (src/render/kind-words.ts). */
  readonly words: KindWords<C, O>;
  /** What `pcc import` writes of its live items no file declares (src/commands/kind-importer.ts). */
  readonly importer: KindImporter;
}
