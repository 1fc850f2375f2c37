import type { DesiredRelationship, DesiredState } from '../desired/types.js';
import { isManaged, managedTagOf, type LiveRelationshipState, type LiveState } from '../live/live-state.js';
import type { RelationshipSpec } from '../model/relationship.js';
import { DETAIL_FIELDS, FIELD_ROWS } from '../model/relationship-fields.js';
import { APPLY_ORDER, type Action } from './actions.js';
import { isApplyable } from './applyable.js';
import { isBlockingReason } from './change-reasons.js';
import { createFields, diffRelationship, sortedRecord, unknownMemberWarnings, userTagsOf } from '../kinds/relationship/diff-fields.js';
import { checkDeleteGuard } from './delete-guard.js';
import { matchLive } from '../kinds/relationship/match-live.js';
import type { RelationshipChange } from '../kinds/relationship/relationship-change.js';
import { PLAN_FORMAT_VERSION, type Plan, type PlanError, type PlannedChange } from './plan-types.js';
import { checkHandshakeQuotas } from '../kinds/service-period/handshake-quotas.js';
import { planServicePeriod, type ServicePeriodFlags } from '../kinds/service-period/plan-service-period.js';
import { planServicePeriodRevoke } from '../kinds/service-period/plan-service-period-revoke.js';
import { periodHistories } from '../kinds/service-period/service-period-history.js';
import { planUnmatched } from '../kinds/relationship/plan-unmatched.js';
import { recordedOptions, type PlanShapingValues } from './plan-options.js';
import { addressErrors, keepTargeted } from './plan-targets.js';
import { planReleased } from '../kinds/relationship/plan-released.js';
import { attachCommitments } from '../kinds/service-period/service-period-commitment.js';
import { forcedReplaceReason, replaceReason } from '../kinds/relationship/replace-reason.js';
import { summarizePlan } from './summarize-plan.js';

/**
 * The plan-shaping options (src/plan/plan-options.ts: prune, allowReplace, maxDeletes, resend, revoke,
 * replaceServicePeriods, targets, replace, acknowledgeServicePeriods), recorded in `plan.options`, and what planning needs besides.
 */
export interface PlanOptions extends PlanShapingValues {
  /** The directory planned from, as given: recorded in the plan. */
  dir: string;
  /** The clock (ms since the epoch) new service-period requests are checked against; absent: not checked. */
  now?: number;
}

/** What apply sends for this entry: the spec fields only (the field table's rows), copied, user tags with sorted keys. */
export function specOf(entry: DesiredRelationship): RelationshipSpec {
  const present = FIELD_ROWS.flatMap(([name, row]) => {
    if (row.compare === 'perTagKey') return [[name, userTagsOf(entry[name] as Record<string, string>)] as const];
    return entry[name] === undefined ? [] : [[name, structuredClone(entry[name])] as const];
  });
  return Object.fromEntries(present) as unknown as RelationshipSpec;
}

function planCreate(entry: DesiredRelationship): PlannedChange {
  return {
    kind: 'relationship',
    address: entry.address,
    action: 'create',
    source: { file: entry.source.file, line: entry.source.line },
    fields: createFields(entry),
    desired: specOf(entry),
  };
}

function planMatched(entry: DesiredRelationship, live: LiveRelationshipState, options: PlanOptions): PlannedChange {
  const managed = isManaged(live);
  const diff = diffRelationship(entry, live, managed);
  const immutable = diff.fields.filter((field) => field.forcesReplace);
  const warnings = [...diff.warnings, ...managedTagWarnings(live), ...unknownMemberWarnings(live)];
  const fields = diff.fields;
  // Key order follows SPEC's example (address, action, id, revision, source, fields), for people reading the JSON.
  const changeOf = (action: Action, extra: Partial<RelationshipChange> = {}): RelationshipChange => ({
    kind: 'relationship',
    address: entry.address,
    action,
    id: live.id,
    arn: live.arn,
    revision: live.revision,
    source: { file: entry.source.file, line: entry.source.line },
    fields,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(action === 'no-op' ? {} : { desired: specOf(entry), liveTags: sortedRecord(live.tags) }),
    ...extra,
  });
  // `--replace ADDRESS` forces a replace of this one relationship, and allows it (beside the blanket --allow-replace).
  const forced = options.replace?.includes(entry.address) === true;
  if (immutable.length > 0 || forced) {
    // Replacing deletes: never allowed for a relationship pcc does not manage, --allow-replace or not.
    const context = { allowReplace: options.allowReplace || forced, managed };
    const why = immutable.length > 0 ? replaceReason(immutable, context) : forcedReplaceReason(context);
    return changeOf('replace', { ...(isBlockingReason(why.reasonCode) ? { blocked: true } : {}), ...why });
  }
  if (!managed) return changeOf('adopt');
  return changeOf(fields.length > 0 ? 'update' : 'no-op');
}

/** A `pcc:managed` value other than `true` is not ownership: adopting replaces it, and the reviewer is told. */
function managedTagWarnings(live: LiveRelationshipState): string[] {
  const value = managedTagOf(live);
  return value === undefined ? [] : [`pcc:managed is ${JSON.stringify(value)}, not "true": not managed by pcc; adopting sets it to "true"`];
}

function detailMissing(entry: DesiredRelationship, live: LiveRelationshipState): PlanError | undefined {
  const declared = DETAIL_FIELDS.filter((name) => entry[name] !== undefined);
  if (declared.length === 0 || live.detailRead) return undefined;
  return {
    code: 'live-detail-missing',
    message: `${entry.address}: ${declared.join(', ')} of ${live.id} was not read (GetRelationship), so it cannot be compared`,
    address: entry.address,
    hint: 'plan again; if it persists, report a bug in pcc',
    source: { file: entry.source.file, line: entry.source.line },
  };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareChanges(a: PlannedChange, b: PlannedChange): number {
  return compareText(a.address, b.address) || APPLY_ORDER[a.action] - APPLY_ORDER[b.action] || compareText(a.id ?? '', b.id ?? '') || compareText(a.kind, b.kind);
}

/**
 * The plan: what it takes to make the live state match the files. PURE: no I/O, no clock, no environment;
 * inputs are never mutated. Matching problems land in `errors` (the entry is then left out of `changes`).
 */
export function buildPlan(desired: DesiredState, live: LiveState, options: PlanOptions): Plan {
  const { matches, errors, claimed } = matchLive(desired.relationships, live.relationships);
  const changes: PlannedChange[] = [];
  const histories = periodHistories(live);
  const flags: ServicePeriodFlags = { resend: options.resend === true, revoke: options.revoke === true, replace: options.replaceServicePeriods === true };
  const addPeriod = (entry: DesiredRelationship, relationship: { id: string } | undefined) => {
    const history = relationship && histories.get(relationship.id);
    const revoke = relationship && planServicePeriodRevoke(entry, relationship, history, flags);
    if (revoke) changes.push(revoke);
    const planned = planServicePeriod(entry, relationship, history, options.now, flags);
    if (planned.change) changes.push(planned.change);
    if (planned.error) errors.push(planned.error);
  };
  for (const { desired: entry, live: match } of matches) {
    if (!match) {
      const create = planCreate(entry);
      const replaceAsked = options.replace?.includes(entry.address) === true;
      changes.push(replaceAsked ? { ...create, warnings: ['--replace: nothing live to replace; it is created'] } : create);
      addPeriod(entry, undefined);
      continue;
    }
    const missing = detailMissing(entry, match);
    if (missing) {
      errors.push(missing);
      continue;
    }
    const change = planMatched(entry, match, options);
    changes.push(change);
    // A replaced relationship gets a new id: its period is requested anew, after the create.
    addPeriod(entry, change.action === 'replace' ? undefined : match);
  }

  const releases = planReleased(desired.released ?? [], live.relationships, claimed);
  changes.push(...releases.changes);
  const unmatched = live.relationships.filter((item) => !claimed.has(item.id) && !releases.claimed.has(item.id));
  const unmatchedPlan = planUnmatched(unmatched, options.prune);
  changes.push(...unmatchedPlan.deletes);
  errors.push(...addressErrors(options, desired, live));
  // A partial plan (--target) holds only what is about its addresses; the guards below count only that.
  const { unmanaged, pruneCandidates, ...kept } = keepTargeted(
    { changes, errors, unmanaged: unmatchedPlan.unmanaged, pruneCandidates: unmatchedPlan.pruneCandidates },
    options,
  );
  const planOptions = recordedOptions(options);
  const committed = attachCommitments([...kept.changes].sort(compareChanges), live, planOptions.acknowledgeServicePeriods ?? []);
  const planned = committed.changes;
  const problems = [
    ...kept.errors,
    ...committed.errors,
    ...checkDeleteGuard(planned, live.relationships, options.maxDeletes),
    ...checkHandshakeQuotas(planned, live, options.now),
  ];
  problems.sort((a, b) => compareText(a.address ?? '', b.address ?? '') || compareText(a.code, b.code));

  return {
    formatVersion: PLAN_FORMAT_VERSION,
    desiredHash: desired.hash,
    dir: options.dir,
    options: planOptions,
    applyable: isApplyable({ changes: planned, errors: problems, options: planOptions }),
    changes: planned,
    unmanaged,
    pruneCandidates,
    errors: problems,
    summary: summarizePlan(planned, unmanaged.length),
  };
}
