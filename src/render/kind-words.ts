/**
 * What the renderers need of a resource kind: its words (after AWS CDK's cloudformation-diff, a generic formatter
 * fed per-type data). The render and report engines name no kind: they ask the registry's kinds for these, in
 * registry order. Strings returned are NOT sanitised: each renderer escapes for its own medium at the last step.
 *
 * The shared actions (create, adopt, update, replace, delete, release) have shared words and symbols
 * (src/plan/actions.ts); a kind whose actions mean something else (a service period's create is a request) counts
 * them under its own summary keys and says so here.
 */
import type { ApplyOutcome, ApplySummary, OutcomeBase } from '../apply/outcome.js';
import type { ChangeBase, FieldChange, PlanSummary } from '../plan/plan-types.js';

/** The keys of `S` whose values are counts. */
type CountKey<S> = { [K in keyof S]-?: S[K] extends number | undefined ? K : never }[keyof S];

/** A count a kind adds to a summary line (shown only when non-zero), e.g. `2 service periods to request`. */
export interface CountWords<S> {
  key: CountKey<S>;
  /** The words for `count` (> 0) on the summary line. */
  line(count: number): string;
}

/** A plan count, also a row of the markdown summary table: `` | `>>` service period to request | 2 | ``. */
export interface PlanCountWords extends CountWords<PlanSummary> {
  /** The row's symbol (a code span), if any, and label (trusted markdown). */
  row: { symbol?: string; label: string };
}

/** A line shown under a change, after its fields: `Service period: agreed with the customer, …`. */
export interface ExtraLine {
  /** The line's label, e.g. `Service period` (shown bold, and red in a terminal). */
  label: string;
  text: string;
}

/** How a succeeded outcome of one action reads: `+ created`, `>> requested service period`. */
export interface OutcomeWords {
  /** The symbol before the words; empty for none (an adopt, like terraform's import). */
  symbol: string;
  /** What was done, in the past tense. */
  done: string;
  /** It removed something (a delete, a replace's delete): painted as a warning. */
  destroys: boolean;
}

/** The notice apply prints before it replaces changes of this kind: what is deleted and created again. */
interface ReplaceWarningWords {
  /** The closing line: what the reader must do about it. */
  consequence: string;
}

/** The words of one resource kind, as the renderers and reporters use them (src/kinds/<kind>/words.ts). */
export interface KindWords<C extends ChangeBase = ChangeBase, O extends OutcomeBase = OutcomeBase> {
  /** The kind's noun, singular and plural: `relationship`, `relationships`. */
  readonly noun: readonly [string, string];
  /** The symbol before a change's address: `+`, `~`, `-/+`, `!` (blocked), `>>`, blank for none. */
  symbol(change: C): string;
  /** What happens to it, after its address: `will be created`, `must be replaced (…)`. */
  describe(change: C): string;
  /**
   * A field's `before` or `after` in this kind's words where it has some (a support plan in words, a `before` no API
   * returns); undefined: the value as JSON (src/render/format-value.ts).
   */
  fieldValue(field: FieldChange, side: 'before' | 'after'): string | undefined;
  /** Lines under a change after its fields: what else the reviewer must weigh (none: empty). */
  extraLines(change: C): readonly ExtraLine[];
  /** A no-op shown though it changes nothing, e.g. a service period waiting for the customer. */
  shownThoughUnchanged(change: C): boolean;
  /** A no-op that stands for a change held back (never attempted, e.g. under a PMA that is not ACTIVE): the plan does not say the live state matches. */
  heldBack?(change: C): boolean;
  /** The counts this kind adds to the plan summary line after the shared action counts, in order. */
  readonly planCounts: readonly PlanCountWords[];
  /** Notes (not changes) on the plan summary line, after `N to release`: e.g. deletes under a service period. */
  readonly planNotes: readonly PlanCountWords[];
  /** What a `--target ADDRESS` takes in with the target, one and many (`its service period`); absent: nothing. */
  readonly targetedWith?: readonly [string, string];
  /** How a succeeded outcome of `action` reads. */
  outcome(action: ApplyOutcome['action']): OutcomeWords;
  /**
   * The ids an outcome names, as shown after its address (unsanitised): `rs-a`, `rs-old → rs-new` for a replace,
   * the handshakes a withdraw canceled; undefined: none.
   */
  outcomeIds(outcome: O): string | undefined;
  /** The members of an outcome the `--format json` apply result shows beyond the shared ones, before and after `error`/`note`. */
  outcomeMembers(outcome: O): { afterId: Record<string, unknown>; afterNote: Record<string, unknown> };
  /** The counts this kind adds to the apply summary line after the shared action counts, in order. */
  readonly applyCounts: readonly CountWords<ApplySummary>[];
  /** The warning before apply replaces (deletes and creates again) a change of this kind; absent: none. */
  readonly replaceWarning?: ReplaceWarningWords;
}
