/**
 * The resource kinds pcc manages, listed once (KINDS, and their types in KindTypes). The engines (load, read,
 * plan, apply, render, report) reach a kind only through this registry and never name one; a kind is one folder
 * beside this file (STYLE.md 14). Everything else here is derived.
 */
import { programManagementAccountKind, type ProgramManagementAccountKindTypes } from './program-management-account/index.js';
import { relationshipKind, type RelationshipKindTypes } from './relationship/index.js';
import type { ResourceKind } from './resource-kind.js';
import { servicePeriodKind, type ServicePeriodKindTypes } from './service-period/index.js';

/** The kinds, in the order they are planned and read (a kind may use what the kinds before it planned or read). */
export const KINDS = [programManagementAccountKind, relationshipKind, servicePeriodKind] as const satisfies readonly ResourceKind<PlannedChange, ApplyOutcome>[];

/** The types each kind brings (its change, outcome, parts of the desired and live state, its API port, …). */
type KindTypes = ProgramManagementAccountKindTypes | RelationshipKindTypes | ServicePeriodKindTypes;

/** `A | B` → `A & B`: the engines' states hold every kind's part. */
type Intersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;

/** The kinds' names, in registry order: the plan JSON's `kind` values. */
export const KIND_NAMES = KINDS.map((kind) => kind.name);
export type KindName = (typeof KINDS)[number]['name'];

/** A planned change of any kind, told apart by `kind`. */
export type PlannedChange = KindTypes['change'];
/** What became of an applied change of any kind, told apart by `kind`. */
export type ApplyOutcome = KindTypes['outcome'];
/** What the kinds declare in the files: DesiredState is this plus what the loader adds (scopes, files, hash). */
export type KindDesiredParts = Intersection<KindTypes['desiredPart']>;
/** The kinds' plan-shaping options: PlanShapingValues is this plus the engine's own (targets). */
export type KindShapingValues = Intersection<KindTypes['shapingValues']>;
/** Each kind's part of the live state (LiveState is their intersection). */
export type KindLiveStates = Intersection<KindTypes['liveState']>;
/** What each kind's read gives: its part and what the read reports (readLive's result). */
export type KindReads = Intersection<KindTypes['read']>;
/** Each kind's options for its read (readLive's options add the engine's own). */
export type KindReadOptions = Intersection<KindTypes['readOptions']>;
/** The counts each kind adds to the plan summary (PlanSummary adds the shared actions'). */
export type KindPlanCounts = Intersection<KindTypes['planCounts']>;
/** The counts each kind adds to the apply summary (ApplySummary adds the shared actions' and statuses'). */
export type KindApplyCounts = Intersection<KindTypes['applyCounts']>;
/** Each kind's operations of the ChannelApi port (ChannelApi adds the shared ones). */
export type KindApis = Intersection<KindTypes['api']>;

/**
 * The kind of an item a plan lists but leaves alone (unmanaged, prune candidate): its `kind`, which buildPlan always
 * sets; plans saved before there were other kinds carry none, and theirs are relationships.
 */
export function kindOfLeftAlone(item: { readonly kind?: KindName }): ResourceKind<PlannedChange, ApplyOutcome> {
  return kindOf({ kind: item.kind ?? relationshipKind.name });
}

/** The kind of a change (or of an outcome): the registry's entry named by its `kind`. */
export function kindOf(item: { readonly kind: KindName }): ResourceKind<PlannedChange, ApplyOutcome> {
  const kind = KINDS.find((k) => k.name === item.kind);
  if (!kind) throw new Error(`no resource kind ${JSON.stringify(item.kind)}`);
  return kind;
}
