import type { DesiredRelationship } from '../../desired/types.js';
import { liveAddressOf, type LiveRelationshipState } from '../../live/live-state.js';
import type { PlanError } from '../../plan/plan-types.js';

/** A desired entry and the live relationship it stands for (none: it is to be created). */
interface Match {
  desired: DesiredRelationship;
  live?: LiveRelationshipState;
}

export interface MatchResult {
  /** Entries without a matching problem, in input order. */
  matches: Match[];
  errors: PlanError[];
  /**
   * Ids of live relationships a file entry refers to, matched or in error: never deleted, never listed as
   * unmanaged (a plan with errors must not also propose destroying what the broken entry points at).
   */
  claimed: Set<string>;
}

const sourceOf = (entry: DesiredRelationship) => ({ file: entry.source.file, line: entry.source.line });

function groupByAddress(live: readonly LiveRelationshipState[]): Map<string, LiveRelationshipState[]> {
  const groups = new Map<string, LiveRelationshipState[]>();
  for (const item of live) {
    const address = liveAddressOf(item);
    const group = groups.get(address);
    if (group) group.push(item);
    else groups.set(address, [item]);
  }
  return groups;
}

function matchPinned(
  entry: DesiredRelationship & { id: string },
  byId: ReadonlyMap<string, LiveRelationshipState>,
): { live: LiveRelationshipState } | { error: PlanError } {
  const live = byId.get(entry.id);
  if (!live) {
    return {
      error: {
        code: 'pin-not-found',
        message: `id ${entry.id} names no live relationship in ${entry.catalog}/${entry.pmaId}`,
        address: entry.address,
        hint: 'correct the id, or remove it to match by address (a missing relationship is then created)',
        source: sourceOf(entry),
      },
    };
  }
  const liveAddress = liveAddressOf(live);
  if (liveAddress !== entry.address) {
    return {
      error: {
        code: 'pin-address-mismatch',
        message: `id ${entry.id} is the relationship at ${liveAddress}, not ${entry.address}`,
        address: entry.address,
        hint: 'correct the id; catalog, PMA and associatedAccountId of an existing relationship cannot change',
        source: sourceOf(entry),
      },
    };
  }
  return { live };
}

/**
 * Pairs each desired entry with a live relationship: by its `id` pin when it has one, else by address. A pin
 * must name an existing relationship at the entry's own address; an address held by two live relationships
 * needs a pin. Problems become PlanErrors and the entry is left out of `matches`.
 */
export function matchLive(desired: readonly DesiredRelationship[], live: readonly LiveRelationshipState[]): MatchResult {
  const byId = new Map(live.map((item) => [item.id, item]));
  const byAddress = groupByAddress(live);
  const matches: Match[] = [];
  const errors: PlanError[] = [];
  const claimed = new Set<string>();

  for (const entry of desired) {
    const atAddress = byAddress.get(entry.address) ?? [];
    if (entry.id !== undefined) {
      const pinned = matchPinned({ ...entry, id: entry.id }, byId);
      if ('error' in pinned) {
        errors.push(pinned.error);
        for (const item of atAddress) claimed.add(item.id);
        if (byId.has(entry.id)) claimed.add(entry.id);
        continue;
      }
      claimed.add(pinned.live.id);
      matches.push({ desired: entry, live: pinned.live });
      continue;
    }
    if (atAddress.length > 1) {
      const ids = atAddress.map((item) => item.id).sort();
      errors.push({
        code: 'ambiguous-address',
        message: `${atAddress.length} live relationships have the address ${entry.address} (${ids.join(', ')})`,
        address: entry.address,
        hint: `pin the entry to one of them with \`id: ${ids[0]}\``,
        source: sourceOf(entry),
      });
      for (const id of ids) claimed.add(id);
      continue;
    }
    const only = atAddress[0];
    if (only) claimed.add(only.id);
    matches.push(only ? { desired: entry, live: only } : { desired: entry });
  }
  return { matches, errors, claimed };
}
