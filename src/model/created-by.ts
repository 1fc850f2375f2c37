import { APPLY_RUN_TAG } from './ownership-tags.js';
import { ownValue } from './string-keyed.js';

/**
 * Whose create made a resource (a relationship, a program management account) a create was answered with or found: `mine` when it carries this run's
 * APPLY_RUN_TAG (only a create of this run sends that value, and the service sets a create's tags with it);
 * `another` when it carries another run's (the service replayed, or answered 409 to, the same clientToken
 * that run used first); `unproven` when it carries none (made by a pcc that wrote no run tag, or the tag was
 * removed since): not this run's as far as anything shows, so never reported as created by it.
 */
export type CreatedBy = 'mine' | 'another' | 'unproven';

export function createdBy(tags: Readonly<Record<string, string>>, runId: string): CreatedBy {
  const run = ownValue(tags, APPLY_RUN_TAG);
  if (run === undefined) return 'unproven';
  return run === runId ? 'mine' : 'another';
}
