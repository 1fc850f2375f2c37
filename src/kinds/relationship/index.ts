/** The relationship kind: a ListRelationships item, declared under `relationships:`; composes its facets. */
import type { ResourceKind } from '../resource-kind.js';
import { relationshipReader } from './reader.js';
import type { RelationshipChange } from './relationship-change.js';
import { relationshipWords } from './words.js';

export const relationshipKind = {
  name: 'relationship',
  reader: relationshipReader,
  words: relationshipWords,
} as const satisfies ResourceKind<RelationshipChange>;
