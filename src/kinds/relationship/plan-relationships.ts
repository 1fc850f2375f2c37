import type { DesiredRelationship } from '../../desired/types.js';
import { isManaged, managedTagOf, type LiveRelationshipState } from '../../live/live-state.js';
import type { RelationshipSpec } from '../../model/relationship.js';
import { DETAIL_FIELDS, FIELD_ROWS } from '../../model/relationship-fields.js';
import type { Action } from '../../plan/actions.js';
import { isBlockingReason } from '../../plan/change-reasons.js';
import type { KindPlan, PlanInput } from '../../plan/kind-planner.js';
import type { PlanOptions } from '../../plan/plan-options.js';
import type { PlanError } from '../../plan/plan-types.js';
import { createFields, diffRelationship, sortedRecord, unknownMemberWarnings, userTagsOf } from './diff-fields.js';
import { matchLive } from './match-live.js';
import { planReleased } from './plan-released.js';
import { planUnmatched } from './plan-unmatched.js';
import type { RelationshipChange } from './relationship-change.js';
import { holdUnderInactivePmas } from './plan-pma-waiting.js';
import { forcedReplaceReason, replaceReason } from './replace-reason.js';
import { resolveDeclaredPmas } from '../../model/declared-pmas.js';

/** What apply sends for this entry: the spec fields only (the field table's rows), copied, user tags with sorted keys. */
export function specOf(entry: DesiredRelationship): RelationshipSpec {
  const present = FIELD_ROWS.flatMap(([name, row]) => {
    if (row.compare === 'perTagKey') return [[name, userTagsOf(entry[name] as Record<string, string>)] as const];
    return entry[name] === undefined ? [] : [[name, structuredClone(entry[name])] as const];
  });
  return Object.fromEntries(present) as unknown as RelationshipSpec;
}

/** The declared PMA's name an entry names its PMA by, for its change (absent: an id or ARN). */
const named = (entry: DesiredRelationship) => (entry.programManagementAccount !== undefined ? { programManagementAccountName: entry.programManagementAccount } : {});

function planCreate(entry: DesiredRelationship): RelationshipChange {
  return {
    kind: 'relationship',
    address: entry.address,
    action: 'create',
    source: { file: entry.source.file, line: entry.source.line },
    fields: createFields(entry),
    desired: specOf(entry),
    ...named(entry),
  };
}

function planMatched(entry: DesiredRelationship, live: LiveRelationshipState, options: PlanOptions): RelationshipChange {
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
    ...named(entry),
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

/**
 * One PMA named by its declared name in one entry and by its id in another, with one account: two entries with one
 * address, which the loader could not see (the name's id was not known). The first stays; the second is an error.
 */
function withoutResolvedDuplicates(resolved: readonly DesiredRelationship[]): { entries: DesiredRelationship[]; duplicates: PlanError[] } {
  const first = new Map<string, DesiredRelationship>();
  const entries: DesiredRelationship[] = [];
  const duplicates: PlanError[] = [];
  for (const entry of resolved) {
    const earlier = first.get(entry.address);
    if (!earlier) {
      first.set(entry.address, entry);
      entries.push(entry);
      continue;
    }
    duplicates.push({
      code: 'duplicate-address',
      message: `relationship ${entry.address} is declared twice: here and at ${earlier.source.file}:${earlier.source.line}:${earlier.source.column} (one names its PMA by name, the other by id)`,
      address: entry.address,
      hint: 'remove one of the two entries (an account has one relationship per program management account)',
      source: { file: entry.source.file, line: entry.source.line },
    });
  }
  return { entries, duplicates };
}

/**
 * The relationship changes: each entry matched with its live relationship (created, updated, adopted, replaced
 * or a no-op), each `released:` address, and the live relationships no entry claims (deleted with --prune,
 * else prune candidates or unmanaged). Matching problems are errors (the entry is then left out).
 */
export function planRelationships({ desired, live, options }: PlanInput): KindPlan<RelationshipChange> {
  // Entries naming a declared PMA get its live id (resolve-declared-pmas.ts); one not live yet stays in name form.
  const resolved = resolveDeclaredPmas(desired, live);
  const { entries, duplicates } = withoutResolvedDuplicates(resolved.relationships);
  const { matches, errors, claimed } = matchLive(entries, live.relationships);
  errors.push(...duplicates);
  const changes: RelationshipChange[] = [];
  for (const { desired: entry, live: match } of matches) {
    if (!match) {
      const create = planCreate(entry);
      const replaceAsked = options.replace?.includes(entry.address) === true;
      changes.push(replaceAsked ? { ...create, warnings: ['--replace: nothing live to replace; it is created'] } : create);
      continue;
    }
    const missing = detailMissing(entry, match);
    if (missing) {
      errors.push(missing);
      continue;
    }
    changes.push(planMatched(entry, match, options));
  }
  const releases = planReleased(resolved.released, live.relationships, claimed);
  changes.push(...releases.changes);
  const unmatched = live.relationships.filter((item) => !claimed.has(item.id) && !releases.claimed.has(item.id));
  const { deletes, unmanaged, pruneCandidates } = planUnmatched(unmatched, options.prune);
  changes.push(...deletes);
  return { changes: holdUnderInactivePmas(changes, resolved), errors, unmanaged, pruneCandidates };
}
