/**
 * The `release` action (terraform's `removed` block with `destroy = false`): for each address a file lists under
 * `released:`, the relationship pcc manages there stops being managed: its `pcc:` tags are removed and nothing
 * else changes. Only `pcc:managed=true` relationships are released; an address with none, or with one pcc does not
 * manage, gets a no-op that says so (after a release has landed, that is what the next plan shows). PURE.
 */
import type { DesiredRelease } from '../../desired/types.js';
import { isManaged, liveAddressOf, managedTagOf, type LiveRelationshipState } from '../../live/live-state.js';
import { RESERVED_TAG_PREFIX } from '../../model/ownership-tags.js';
import { sortedRecord } from './diff-fields.js';
import type { RelationshipChange } from './relationship-change.js';

/** The sentence a release carries. */
const RELEASE_REASON = `listed under released: its ${RESERVED_TAG_PREFIX} tags are removed; the relationship stays as it is, unmanaged`;

export interface ReleasePlan {
  changes: RelationshipChange[];
  /** Ids of the live relationships released: neither pruned nor listed as prune candidates. */
  claimed: Set<string>;
}

/** The `pcc:` tags of a relationship, as fields going away (`tags.pcc:managed`, …), sorted by key. */
function reservedTagFields(tags: Readonly<Record<string, string>>): RelationshipChange['fields'] {
  return Object.keys(tags)
    .filter((key) => key.startsWith(RESERVED_TAG_PREFIX))
    .sort()
    .map((key) => ({ name: `tags.${key}`, before: tags[key] }));
}

function releaseOf(release: DesiredRelease, live: LiveRelationshipState): RelationshipChange {
  return {
    kind: 'relationship',
    address: release.address,
    action: 'release',
    id: live.id,
    arn: live.arn,
    ...(live.revision === undefined ? {} : { revision: live.revision }),
    source: { file: release.source.file, line: release.source.line },
    fields: reservedTagFields(live.tags),
    reason: RELEASE_REASON,
    reasonCode: 'release-listed',
    liveTags: sortedRecord(live.tags),
  };
}

function notManaged(release: DesiredRelease, live: LiveRelationshipState): RelationshipChange {
  const value = managedTagOf(live);
  const why = value === undefined ? 'it carries no pcc:managed tag' : `its pcc:managed is ${JSON.stringify(value)}, not "true"`;
  return {
    kind: 'relationship',
    address: release.address,
    action: 'no-op',
    id: live.id,
    source: { file: release.source.file, line: release.source.line },
    fields: [],
    reason: `listed under released:, but pcc does not manage ${live.id} (${why}): nothing to release`,
    reasonCode: 'release-not-managed',
    warnings: [`released: ${live.id} is not managed by pcc (${why}), so there is nothing to release; once you have seen that, remove the line from released:`],
  };
}

function notFound(release: DesiredRelease): RelationshipChange {
  return {
    kind: 'relationship',
    address: release.address,
    action: 'no-op',
    source: { file: release.source.file, line: release.source.line },
    fields: [],
    reason: 'listed under released:, but no live relationship has this address: nothing to release',
    reasonCode: 'release-not-found',
    warnings: [`released: no live relationship has the address ${release.address} (a typo, or deleted since); remove the line from released:`],
  };
}

/** Plans each release against the live relationships (those a file entry claimed are never released). */
export function planReleased(released: readonly DesiredRelease[], live: readonly LiveRelationshipState[], claimedByEntries: ReadonlySet<string>): ReleasePlan {
  const changes: RelationshipChange[] = [];
  const claimed = new Set<string>();
  for (const release of released) {
    const atAddress = live.filter((item) => !claimedByEntries.has(item.id) && liveAddressOf(item) === release.address);
    if (atAddress.length === 0) changes.push(notFound(release));
    for (const item of atAddress) {
      if (!isManaged(item)) {
        changes.push(notManaged(release, item));
        continue;
      }
      changes.push(releaseOf(release, item));
      claimed.add(item.id);
    }
  }
  return { changes, claimed };
}
