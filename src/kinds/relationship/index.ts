/** The relationship kind: a ListRelationships item, declared under `relationships:`; composes its facets. */
import type { ResourceKind } from '../resource-kind.js';
import { relationshipApplier } from './applier.js';
import { relationshipLoader } from './loader.js';
import { relationshipPlanner } from './planner.js';
import { relationshipReader } from './reader.js';
import type { RelationshipChange } from './relationship-change.js';
import type { RelationshipOutcome } from './relationship-outcome.js';
import { relationshipWords } from './words.js';

export const relationshipKind = {
  name: 'relationship',
  loader: relationshipLoader,
  planner: relationshipPlanner,
  reader: relationshipReader,
  applier: relationshipApplier,
  words: relationshipWords,
} as const satisfies ResourceKind<RelationshipChange, RelationshipOutcome>;
