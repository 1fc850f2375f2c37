/**
 * The resource kinds pcc manages, listed once. The engines (plan, apply, render, report, live) reach a kind only
 * through this registry and never name one; a kind is one folder beside this file (STYLE.md 14).
 */
import { relationshipKind } from './relationship/index.js';
import type { RelationshipDesiredPart, RelationshipShapingValues } from './relationship/plan-parts.js';
import type { RelationshipChange } from './relationship/relationship-change.js';
import type { ResourceKind } from './resource-kind.js';
import { servicePeriodKind } from './service-period/index.js';
import type { ServicePeriodChange } from './service-period/service-period-change.js';
import type { ServicePeriodShapingValues } from './service-period/plan-parts.js';

/** The kinds, in the order they are planned (a kind may depend on the changes of the kinds before it). */
export const KIND_NAMES = ['relationship', 'servicePeriod'] as const;
export type KindName = (typeof KIND_NAMES)[number];

/** A planned change of any kind, told apart by `kind`. */
export type PlannedChange = RelationshipChange | ServicePeriodChange;

/** What the kinds declare in the files: DesiredState is this plus what the loader adds (scopes, files, hash). */
export type KindDesiredParts = RelationshipDesiredPart;

/** The kinds' plan-shaping options: PlanShapingValues is this plus the engine's own (targets). */
export type KindShapingValues = RelationshipShapingValues & ServicePeriodShapingValues;

/** The kinds, in KIND_NAMES order: the one list the engines loop over. */
export const KINDS = [relationshipKind, servicePeriodKind] as const satisfies readonly ResourceKind<PlannedChange>[];

const BY_NAME = new Map<string, ResourceKind<PlannedChange>>(KINDS.map((kind) => [kind.name, kind as ResourceKind<PlannedChange>]));

/** The kind a change belongs to (its `kind`). A change of no known kind is a bug (a saved plan's shape is checked first). */
export function kindOf(change: Pick<PlannedChange, 'kind'>): ResourceKind<PlannedChange> {
  const kind = BY_NAME.get(change.kind);
  if (!kind) throw new Error(`no resource kind ${JSON.stringify(change.kind)}`);
  return kind;
}
