import type { ResourceKind } from '../resource-kind.js';
import { relationshipReader } from './reader.js';
import type { RelationshipChange } from './relationship-change.js';

/** Relationships (ListRelationships items): the kind's facets. */
export const relationshipKind = {
  name: 'relationship',
  reader: relationshipReader,
} as const satisfies ResourceKind<RelationshipChange>;
