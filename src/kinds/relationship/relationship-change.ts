import type { RelationshipSpec } from '../../model/relationship.js';
import type { ChangeBase } from '../../plan/plan-types.js';
import type { ServicePeriodCommitment } from '../service-period/service-period-change.js';

/**
 * A planned change to one relationship (kind `relationship`): create, update, adopt, replace, delete, release or
 * no-op of a ListRelationships item, as SPEC.md "The plan" describes.
 */
export interface RelationshipChange extends ChangeBase<'relationship'> {
  /** The live relationship's ARN (all actions but create). */
  arn?: string;
  /** The live revision seen at plan time; updates send it, deletes re-check it. */
  revision?: string;
  /**
   * The full desired relationship, for create, update, adopt and replace: what apply sends.
   * `tags` here are user tags only; apply adds the `pcc:` tags.
   */
  desired?: RelationshipSpec;
  /** The live tags seen at plan time (user and `pcc:`), for update/adopt/delete. */
  liveTags?: Record<string, string>;
  /**
   * The declared PMA's name, when the entry names it by `programManagementAccount:`. While that PMA is not live the
   * address holds the name (`<catalog>/<name>/<account>`) and the change is a waiting no-op (`pma-not-active`).
   */
  programManagementAccountName?: string;
  /**
   * For a delete or replace: the service period agreed with the customer that deleting the relationship ends, and
   * the service-period handshakes still pending on it. Absent when there are neither.
   */
  servicePeriodCommitment?: ServicePeriodCommitment;
}
