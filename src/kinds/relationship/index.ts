import type { ResourceKind } from '../resource-kind.js';
import { relationshipPlanner } from './planner.js';
import type { RelationshipChange } from './relationship-change.js';

/** Partner Central Channel relationships: the kind the files declare entry by entry. */
export const relationshipKind: ResourceKind<RelationshipChange> = {
  name: 'relationship',
  planner: relationshipPlanner,
};
