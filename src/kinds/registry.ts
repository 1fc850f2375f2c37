/**
 * The resource kinds pcc manages, listed once. The engines (plan, apply, render, report, live) reach a kind only
 * through this registry and never name one; a kind is one folder beside this file (STYLE.md 14).
 */
import type { RelationshipChange } from './relationship/relationship-change.js';
import type { ServicePeriodChange } from './service-period/service-period-change.js';

/** The kinds, in the order they are planned (a kind may depend on the changes of the kinds before it). */
export const KIND_NAMES = ['relationship', 'servicePeriod'] as const;
export type KindName = (typeof KIND_NAMES)[number];

/** A planned change of any kind, told apart by `kind`. */
export type PlannedChange = RelationshipChange | ServicePeriodChange;
