/**
 * The service-period side of the live state. For each live relationship a file entry matches and that either
 * declares a `servicePeriod` or (without one) has an accepted period pcc could revoke: every START_ and
 * REVOKE_SERVICE_PERIOD handshake this account sent about it (ListChannelHandshakes, participant SENDER), and,
 * when there are any, the PENDING handshakes of each type this account has in all (the service's active quota).
 * Repositories whose relationships have no periods cost one call per catalog (the accepted START handshakes).
 */
import type { DesiredRelationship } from '../desired/types.js';
import { ApiError } from './api-error.js';
import type { ChannelApi, LiveRelationship, LiveServicePeriodHandshake, ServicePeriodHandshakeType } from './channel-api.js';
import { latestPerRelationship, matchedByEntries, type PendingHandshakeCount, type SentHandshake } from './live-state.js';

export interface ServicePeriodReads {
  /** The latest START_SERVICE_PERIOD handshake per relationship read, sorted by relationship id. */
  servicePeriods: LiveServicePeriodHandshake[];
  /** Every handshake read, both types. */
  handshakes: LiveServicePeriodHandshake[];
  /** PENDING handshakes per catalog and type; empty when nothing was read. */
  pendingHandshakes: PendingHandshakeCount[];
  /** Every handshake this account sent in those catalogs (the per-day quota's count); absent when not read. */
  sentHandshakes?: SentHandshake[];
}

const TYPES: readonly ServicePeriodHandshakeType[] = ['START_SERVICE_PERIOD', 'REVOKE_SERVICE_PERIOD'];

function byCatalog(relationships: readonly LiveRelationship[]): [string, string[]][] {
  const ids = new Map<string, string[]>();
  for (const item of relationships) ids.set(item.catalog, [...(ids.get(item.catalog) ?? []), item.id]);
  return [...ids].sort(([a], [b]) => (a < b ? -1 : 1)).map(([catalog, list]) => [catalog, list.sort()]);
}

/** Every handshake of `type` sent about these relationships. */
async function handshakesOf(api: ChannelApi, relationships: readonly LiveRelationship[], type: ServicePeriodHandshakeType): Promise<LiveServicePeriodHandshake[]> {
  const all: LiveServicePeriodHandshake[] = [];
  for (const [catalog, ids] of byCatalog(relationships)) all.push(...(await api.listServicePeriodHandshakes(catalog, ids, { handshakeType: type })));
  return all;
}

/**
 * Every START_ and REVOKE_SERVICE_PERIOD handshake sent about these relationships, and the latest START of each
 * (those with none are left out): enough to tell the period in force (a revoke the customer accepted ends it).
 */
export async function periodHandshakesOf(api: ChannelApi, relationships: readonly LiveRelationship[]): Promise<ServicePeriodReads> {
  const handshakes: LiveServicePeriodHandshake[] = [];
  for (const type of TYPES) handshakes.push(...(await handshakesOf(api, relationships, type)));
  const servicePeriods = latestPerRelationship(handshakes.filter((h) => h.handshakeType === 'START_SERVICE_PERIOD'));
  return { servicePeriods, handshakes, pendingHandshakes: [] };
}

/** Relationships (matched by an entry without servicePeriod) whose period some START handshake shows accepted. */
async function revokeCandidates(api: ChannelApi, relationships: readonly LiveRelationship[]): Promise<LiveRelationship[]> {
  const accepted = new Set<string>();
  for (const [catalog] of byCatalog(relationships)) {
    for (const h of await api.listServicePeriodHandshakes(catalog, 'all', { statuses: ['ACCEPTED'] })) accepted.add(h.relationshipId);
  }
  return relationships.filter((item) => accepted.has(item.id));
}

/**
 * As revokeCandidates, but a role without ListChannelHandshakes (one made before service periods, for files that
 * declare none) finds none rather than failing every plan: such a role cannot have let pcc request a period.
 */
async function revokeCandidatesIfAllowed(api: ChannelApi, relationships: readonly LiveRelationship[], anyDeclared: boolean): Promise<LiveRelationship[]> {
  try {
    return await revokeCandidates(api, relationships);
  } catch (error) {
    if (!anyDeclared && error instanceof ApiError && error.kind === 'access-denied') return [];
    throw error;
  }
}

export async function readServicePeriods(api: ChannelApi, desired: readonly DesiredRelationship[], live: readonly LiveRelationship[]): Promise<ServicePeriodReads> {
  const declaring = live.filter(matchedByEntries(desired, (entry) => entry.servicePeriod !== undefined));
  const others = live.filter(matchedByEntries(desired, (entry) => entry.servicePeriod === undefined));
  const anyDeclared = declaring.length > 0 || desired.some((entry) => entry.servicePeriod !== undefined);
  const candidates = others.length > 0 ? await revokeCandidatesIfAllowed(api, others, anyDeclared) : [];
  const inScope = [...new Set([...declaring, ...candidates])];
  // New relationships' periods count against the active quota too: their catalogs are the entries'.
  const catalogs = new Set([...inScope.map((r) => r.catalog), ...desired.filter((e) => e.servicePeriod).map((e) => e.catalog)]);
  if (catalogs.size === 0) return { servicePeriods: [], handshakes: [], pendingHandshakes: [] };
  const { servicePeriods, handshakes } = await periodHandshakesOf(api, inScope);
  const pendingHandshakes: PendingHandshakeCount[] = [];
  const sentHandshakes: SentHandshake[] = [];
  for (const catalog of [...catalogs].sort()) {
    for (const handshakeType of TYPES) {
      const pending = await api.listServicePeriodHandshakes(catalog, 'all', { handshakeType, statuses: ['PENDING'] });
      pendingHandshakes.push({ catalog, handshakeType, pending: pending.length });
      // The per-day quota counts every handshake to an account, about any relationship under any PMA: read them all.
      for (const sent of await api.listServicePeriodHandshakes(catalog, 'all', { handshakeType })) sentHandshakes.push({ ...sent, catalog });
    }
  }
  return { servicePeriods, handshakes, pendingHandshakes, sentHandshakes };
}
