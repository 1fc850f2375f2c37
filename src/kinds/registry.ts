/**
 * The resource kinds pcc manages, listed once. The engines (plan, apply, render, report, live) reach a kind only
 * through this registry and never name one; a kind is one folder beside this file (STYLE.md 14).
 */
import { relationshipKind } from './relationship/index.js';
import type { RelationshipRead, RelationshipReadOptions } from './relationship/read-relationships.js';
import type { RelationshipApi } from './relationship/relationship-api.js';
import type { RelationshipChange } from './relationship/relationship-change.js';
import type { RelationshipLiveState } from './relationship/relationship-live-state.js';
import type { RelationshipOutcome } from './relationship/relationship-outcome.js';
import type { ResourceKind } from './resource-kind.js';
import { servicePeriodKind } from './service-period/index.js';
import type { ServicePeriodRead, ServicePeriodReadOptions } from './service-period/read-service-periods.js';
import type { ServicePeriodApi } from './service-period/service-period-api.js';
import type { ServicePeriodChange } from './service-period/service-period-change.js';
import type { ServicePeriodLiveState } from './service-period/service-period-live-state.js';
import type { ServicePeriodOutcome } from './service-period/service-period-outcome.js';
import type { RelationshipDesiredPart, RelationshipShapingValues } from './relationship/plan-parts.js';
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

/** What became of an applied change of any kind, told apart by `kind`. */
export type ApplyOutcome = RelationshipOutcome | ServicePeriodOutcome;

/** The kinds, in the order they are planned: the one list the engines loop over. */
export const KINDS = [relationshipKind, servicePeriodKind] as const satisfies readonly ResourceKind<PlannedChange, ApplyOutcome>[];

/** The kind of a change (or of an outcome): the registry's entry named by its `kind`. */
export function kindOf(item: { readonly kind: KindName }): ResourceKind<PlannedChange, ApplyOutcome> {
  const kind = KINDS.find((k) => k.name === item.kind);
  if (!kind) throw new Error(`unknown resource kind ${JSON.stringify(item.kind)}`);
  return kind;
}

/** Each kind's part of the live state (LiveState is their intersection). */
export type KindLiveStates = RelationshipLiveState & ServicePeriodLiveState;
/** What each kind's read gives: its part and what the read reports (readLive's result). */
export type KindReads = RelationshipRead & ServicePeriodRead;
/** Each kind's options for its read (readLive's options add the engine's own). */
export type KindReadOptions = RelationshipReadOptions & ServicePeriodReadOptions;
/** Each kind's operations of the ChannelApi port (ChannelApi adds the shared ones). */
export type KindApis = RelationshipApi & ServicePeriodApi;
