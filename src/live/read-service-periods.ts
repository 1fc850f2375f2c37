/**
 * The service-period side of the live state: for each live relationship a file gives a `servicePeriod`, the
 * latest START_SERVICE_PERIOD handshake this account sent about it (ListChannelHandshakes, participant
 * SENDER). Only those relationships are asked about, so repositories without service periods make no such call.
 */
import type { DesiredRelationship } from '../desired/types.js';
import type { ChannelApi, LiveRelationship, LiveServicePeriodHandshake } from './channel-api.js';
import { matchedByEntries } from './live-state.js';

/** The live relationships whose entry (by address or `id` pin) declares a servicePeriod, and those `also` chooses. */
function relationshipsWithPeriods(
  desired: readonly DesiredRelationship[],
  live: readonly LiveRelationship[],
  also: (live: LiveRelationship) => boolean,
): LiveRelationship[] {
  const declared = matchedByEntries(desired, (entry) => entry.servicePeriod !== undefined);
  return live.filter((item) => declared(item) || also(item));
}

/** Later first: by createdAt, then updatedAt, then id (an answer may lack the times). */
function isLater(a: LiveServicePeriodHandshake, b: LiveServicePeriodHandshake): boolean {
  const key = (h: LiveServicePeriodHandshake) => `${h.createdAt ?? ''}\u0000${h.updatedAt ?? ''}\u0000${h.id}`;
  return key(a) > key(b);
}

/** The latest service-period handshake per relationship in scope (see `also`), sorted by relationship id. */
export async function readServicePeriods(
  api: ChannelApi,
  desired: readonly DesiredRelationship[],
  live: readonly LiveRelationship[],
  also: (live: LiveRelationship) => boolean = () => false,
): Promise<LiveServicePeriodHandshake[]> {
  return latestServicePeriods(api, relationshipsWithPeriods(desired, live, also));
}

/** The latest service-period handshake of each of these relationships (those with none are left out). */
export async function latestServicePeriods(api: ChannelApi, relationships: readonly LiveRelationship[]): Promise<LiveServicePeriodHandshake[]> {
  const byCatalog = new Map<string, string[]>();
  for (const item of relationships) byCatalog.set(item.catalog, [...(byCatalog.get(item.catalog) ?? []), item.id]);
  const latest = new Map<string, LiveServicePeriodHandshake>();
  for (const [catalog, ids] of [...byCatalog].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const handshake of await api.listServicePeriodHandshakes(catalog, ids.sort())) {
      const seen = latest.get(handshake.relationshipId);
      if (!seen || isLater(handshake, seen)) latest.set(handshake.relationshipId, handshake);
    }
  }
  return [...latest.values()].sort((a, b) => (a.relationshipId < b.relationshipId ? -1 : 1));
}
