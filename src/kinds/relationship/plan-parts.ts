/** What the relationship kind adds to the desired state and to the plan-shaping options (the engines' types are their intersection). */
import type { DesiredRelationship, DesiredRelease } from '../../desired/types.js';

export interface RelationshipDesiredPart {
  relationships: DesiredRelationship[];
  /** Addresses to release, in file order; absent or empty when no document lists any. */
  released?: DesiredRelease[];
}

export interface RelationshipShapingValues {
  prune: boolean;
  allowReplace: boolean;
  maxDeletes?: number;
  /** `--replace ADDRESS`, sorted, no repeats: these relationships are replaced (delete + create), and may be. */
  replace?: string[];
}

/** The plan counts the relationship kind adds to PlanSummary. */
export interface RelationshipPlanCounts {
  /** Deletes and replaces (not blocked) of relationships under an accepted service period; absent when none. */
  underServicePeriod?: number;
}
