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
import { isManaged, latestPerRelationship, matchedByEntries, type LiveRelationshipState, type PendingHandshakeCount } from './live-state.js';

export interface ServicePeriodReads {
  /** The latest START_SERVICE_PERIOD handshake per relationship read, sorted by relationship id. */
  servicePeriods: LiveServicePeriodHandshake[];
  /** Every handshake read, both types. */
  handshakes: LiveServicePeriodHandshake[];
  /** PENDING handshakes per catalog and type; empty when nothing was read. */
  pendingHandshakes: PendingHandshakeCount[];
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
  return allowedOrNone(() => revokeCandidates(api, relationships), anyDeclared);
}

/**
 * Managed relationships no entry matches (--prune deletes them) with an accepted or pending service-period handshake:
 * a delete must show the terms it breaks. One call per catalog, only when there are such relationships.
 */
async function pruneCandidatesWithPeriods(api: ChannelApi, relationships: readonly LiveRelationship[]): Promise<LiveRelationship[]> {
  const ids = new Set<string>();
  for (const [catalog] of byCatalog(relationships)) {
    for (const h of await api.listServicePeriodHandshakes(catalog, 'all', { statuses: ['ACCEPTED', 'PENDING'] })) ids.add(h.relationshipId);
  }
  return relationships.filter((item) => ids.has(item.id));
}

/** `read`, or none when the role may not list handshakes and no file declares a period (see revokeCandidatesIfAllowed). */
async function allowedOrNone(read: () => Promise<LiveRelationship[]>, anyDeclared: boolean): Promise<LiveRelationship[]> {
  try {
    return await read();
  } catch (error) {
    if (!anyDeclared && error instanceof ApiError && error.kind === 'access-denied') return [];
    throw error;
  }
}

export async function readServicePeriods(api: ChannelApi, desired: readonly DesiredRelationship[], live: readonly LiveRelationshipState[]): Promise<ServicePeriodReads> {
  const declaring = live.filter(matchedByEntries(desired, (entry) => entry.servicePeriod !== undefined));
  const others = live.filter(matchedByEntries(desired, (entry) => entry.servicePeriod === undefined));
  const matched = matchedByEntries(desired, () => true);
  const unmatchedManaged = live.filter((item) => isManaged(item) && !matched(item));
  const anyDeclared = declaring.length > 0 || desired.some((entry) => entry.servicePeriod !== undefined);
  const candidates = others.length > 0 ? await revokeCandidatesIfAllowed(api, others, anyDeclared) : [];
  const pruned = unmatchedManaged.length > 0 ? await allowedOrNone(() => pruneCandidatesWithPeriods(api, unmatchedManaged), anyDeclared) : [];
  const inScope = [...new Set([...declaring, ...candidates, ...pruned])];
  // New relationships' periods count against the active quota too: their catalogs are the entries'.
  const catalogs = new Set([...inScope.map((r) => r.catalog), ...desired.filter((e) => e.servicePeriod).map((e) => e.catalog)]);
  if (catalogs.size === 0) return { servicePeriods: [], handshakes: [], pendingHandshakes: [] };
  const { servicePeriods, handshakes } = await periodHandshakesOf(api, inScope);
  const pendingHandshakes: PendingHandshakeCount[] = [];
  for (const catalog of [...catalogs].sort()) {
    for (const handshakeType of TYPES) {
      const pending = await api.listServicePeriodHandshakes(catalog, 'all', { handshakeType, statuses: ['PENDING'] });
      pendingHandshakes.push({ catalog, handshakeType, pending: pending.length });
    }
  }
  return { servicePeriods, handshakes, pendingHandshakes };
}
