/** The relationship kind: a channel relationship between a program management account and an account. */
import type { ResourceKind } from '../resource-kind.js';
import { relationshipApplier } from './applier.js';
import type { RelationshipChange } from './relationship-change.js';
import type { RelationshipOutcome } from './relationship-outcome.js';

export const relationshipKind = {
  name: 'relationship',
  applier: relationshipApplier,
} as const satisfies ResourceKind<RelationshipChange, RelationshipOutcome>;
