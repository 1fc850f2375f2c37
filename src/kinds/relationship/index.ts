import type { ResourceKind } from '../resource-kind.js';
import { relationshipApplier } from './applier.js';
import { relationshipReader } from './reader.js';
import type { RelationshipChange } from './relationship-change.js';
import type { RelationshipOutcome } from './relationship-outcome.js';

/** Relationships (ListRelationships items): the kind's facets. */
export const relationshipKind = {
  name: 'relationship',
  reader: relationshipReader,
  applier: relationshipApplier,
} as const satisfies ResourceKind<RelationshipChange, RelationshipOutcome>;
