/** The relationship kind: a ListRelationships item, declared under `relationships:`; composes its facets. */
import type { ResourceKind } from '../resource-kind.js';
import { relationshipApplier } from './applier.js';
import { relationshipImporter } from './importer.js';
import { relationshipLoader } from './loader.js';
import { relationshipPlanner } from './planner.js';
import { relationshipReader } from './reader.js';
import type { RelationshipDesiredPart, RelationshipPlanCounts, RelationshipShapingValues } from './plan-parts.js';
import type { RelationshipRead, RelationshipReadOptions } from './read-relationships.js';
import type { RelationshipApi } from './relationship-api.js';
import type { RelationshipChange } from './relationship-change.js';
import type { RelationshipLiveState } from './relationship-live-state.js';
import type { RelationshipApplyCounts, RelationshipOutcome } from './relationship-outcome.js';
import { relationshipWords } from './words.js';

export const relationshipKind = {
  name: 'relationship',
  loader: relationshipLoader,
  planner: relationshipPlanner,
  reader: relationshipReader,
  applier: relationshipApplier,
  words: relationshipWords,
  importer: relationshipImporter,
} as const satisfies ResourceKind<RelationshipChange, RelationshipOutcome>;

/** The types this kind brings to the engines; the registry derives the engines' unions and intersections from them. */
export interface RelationshipKindTypes {
  change: RelationshipChange;
  outcome: RelationshipOutcome;
  desiredPart: RelationshipDesiredPart;
  shapingValues: RelationshipShapingValues;
  liveState: RelationshipLiveState;
  read: RelationshipRead;
  readOptions: RelationshipReadOptions;
  api: RelationshipApi;
  planCounts: RelationshipPlanCounts;
  applyCounts: RelationshipApplyCounts;
}
