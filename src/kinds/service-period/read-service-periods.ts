/**
 * The service-period side of the live state. For each live relationship a file entry matches and that either
 * declares a `servicePeriod` or (without one) has an accepted or pending period (pcc could revoke the one, a replace
 * must show either), and for each managed one no entry matches (--prune would delete it) with such a period: every START_ and
 * REVOKE_SERVICE_PERIOD handshake this account sent about it (ListChannelHandshakes, participant SENDER), and,
 * when there are any, the PENDING handshakes of each type this account has in all (the service's active quota).
 * Repositories whose relationships have no periods cost one call per catalog (the accepted START handshakes).
 */
import type { DesiredRelationship } from '../../desired/types.js';
import { ApiError } from '../../live/api-error.js';
import type { ChannelApi, LiveRelationship, LiveServicePeriodHandshake, ServicePeriodHandshakeType } from '../../live/channel-api.js';
import type { ReadContext } from '../../live/kind-reader.js';
import { isManaged, matchedByEntries, type LiveRelationshipState } from '../../live/live-state.js';
import { latestPerRelationship, type PendingHandshakeCount, type SentHandshake, type ServicePeriodLiveState } from './service-period-live-state.js';
import { resolveDeclaredPmas } from '../../model/declared-pmas.js';

interface ServicePeriodReads {
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
  // Appended in place: a copy per item made 50,000 relationships in one catalog cost minutes and gigabytes.
  for (const item of relationships) {
    const list = ids.get(item.catalog);
    if (list) list.push(item.id);
    else ids.set(item.catalog, [item.id]);
  }
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
async function periodHandshakesOf(api: ChannelApi, relationships: readonly LiveRelationship[]): Promise<ServicePeriodReads> {
  const handshakes: LiveServicePeriodHandshake[] = [];
  for (const type of TYPES) handshakes.push(...(await handshakesOf(api, relationships, type)));
  const servicePeriods = latestPerRelationship(handshakes.filter((h) => h.handshakeType === 'START_SERVICE_PERIOD'));
  return { servicePeriods, handshakes, pendingHandshakes: [] };
}

/**
 * The statuses of the START handshakes (ACCEPTED or PENDING) about these relationships, by relationship id: one
 * ListChannelHandshakes per catalog. An accepted one makes a relationship matched by an entry without servicePeriod
 * a revoke candidate; either, on such a relationship or on a managed one no entry matches, is what a replace or a
 * delete (--prune) of it must show.
 */
async function startStatuses(api: ChannelApi, relationships: readonly LiveRelationship[]): Promise<Map<string, Set<string>>> {
  const statuses = new Map<string, Set<string>>();
  for (const [catalog] of byCatalog(relationships)) {
    for (const h of await api.listServicePeriodHandshakes(catalog, 'all', { statuses: ['ACCEPTED', 'PENDING'] })) {
      statuses.set(h.relationshipId, (statuses.get(h.relationshipId) ?? new Set()).add(h.status ?? ''));
    }
  }
  return statuses;
}

/**
 * As startStatuses, but a role without ListChannelHandshakes (one made before service periods, for files that
 * declare none) finds none rather than failing every plan: such a role cannot have let pcc request a period.
 */
async function startStatusesIfAllowed(api: ChannelApi, relationships: readonly LiveRelationship[], anyDeclared: boolean): Promise<Map<string, Set<string>>> {
  try {
    return await startStatuses(api, relationships);
  } catch (error) {
    if (!anyDeclared && error instanceof ApiError && error.category === 'access-denied') return new Map();
    throw error;
  }
}

async function readServicePeriods(api: ChannelApi, desired: readonly DesiredRelationship[], live: readonly LiveRelationshipState[]): Promise<ServicePeriodReads> {
  const declaring = live.filter(matchedByEntries(desired, (entry) => entry.servicePeriod !== undefined));
  const others = live.filter(matchedByEntries(desired, (entry) => entry.servicePeriod === undefined));
  const matched = matchedByEntries(desired, () => true);
  const unmatchedManaged = live.filter((item) => isManaged(item) && !matched(item));
  const anyDeclared = declaring.length > 0 || desired.some((entry) => entry.servicePeriod !== undefined);
  const asked = [...others, ...unmatchedManaged];
  const statuses = asked.length > 0 ? await startStatusesIfAllowed(api, asked, anyDeclared) : new Map<string, Set<string>>();
  // Accepted: a period pcc could revoke; pending too: shown if a replace (or --prune) deletes the relationship.
  const withPeriods = [...others, ...unmatchedManaged].filter((item) => statuses.has(item.id));
  const inScope = [...new Set([...declaring, ...withPeriods])];
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

/** What the service-period read takes beside the engine's options (ReadLiveOptions). */
export interface ServicePeriodReadOptions {
  /** Read only the service-period handshakes of these, not what a plan reads (`pcc import`: the period in force it writes out). */
  servicePeriodsOf?: (live: LiveRelationship) => boolean;
  /**
   * Without permission to list handshakes (AccessDenied), go on without service periods and say so in
   * `servicePeriodsDenied`, instead of failing the read. For `pcc import`, which can write entries without them;
   * a plan must not (it would request periods again).
   */
  servicePeriodsOptional?: boolean;
}

/** What the service-period read gives: its part of the live state, and whether the read was refused. */
export interface ServicePeriodRead extends ServicePeriodLiveState {
  /** Set when `servicePeriodsOptional` let a refused ListChannelHandshakes pass: no service period was read. */
  servicePeriodsDenied?: true;
}

/** The service periods of the relationships read before (see ServicePeriodReadOptions), or none with `denied` where they may be refused. */
async function readPeriods({ api, desired, live, options }: ReadContext): Promise<ServicePeriodReads & { denied?: true }> {
  const relationships = live.relationships ?? [];
  try {
    if (options.servicePeriodsOf) {
      return await periodHandshakesOf(api, relationships.filter(options.servicePeriodsOf));
    }
    // Entries naming a declared PMA match their relationships under its live id.
    return await readServicePeriods(api, resolveDeclaredPmas(desired, live).relationships, relationships);
  } catch (error) {
    if (options.servicePeriodsOptional && error instanceof ApiError && error.category === 'access-denied') {
      return { servicePeriods: [], handshakes: [], pendingHandshakes: [], denied: true };
    }
    throw error;
  }
}

/** The service-period part of the live state: each member only when something was read. */
export async function readServicePeriodState(context: ReadContext): Promise<ServicePeriodRead> {
  const { servicePeriods, handshakes, pendingHandshakes, sentHandshakes, denied } = await readPeriods(context);
  return {
    ...(servicePeriods.length > 0 ? { servicePeriods } : {}),
    ...(handshakes.length > 0 ? { handshakes } : {}),
    ...(pendingHandshakes.length > 0 ? { pendingHandshakes } : {}),
    ...(sentHandshakes ? { sentHandshakes } : {}),
    ...(denied ? { servicePeriodsDenied: denied } : {}),
  };
}
