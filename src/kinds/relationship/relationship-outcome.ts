import type { OutcomeBase } from '../../apply/outcome.js';

/** What became of one relationship change: `id` is the relationship acted on (for a create or replace, the new one). */
export interface RelationshipOutcome extends OutcomeBase<'relationship'> {
  /** For a replace: the relationship that was deleted. */
  replacedId?: string;
  /**
   * A create (or a replace's create) answered with a relationship another apply run made first, as its
   * `pcc:apply-run` tag proves: `skipped`, and counted as `createdByAnother`, never as created.
   */
  createdByAnother?: true;
}

/** The apply counts the relationship kind adds to ApplySummary. */
export interface RelationshipApplyCounts {
  /** Creates answered with a relationship another apply run made (createdByAnother), not counted as skipped; absent when none. */
  createdByAnother?: number;
}
