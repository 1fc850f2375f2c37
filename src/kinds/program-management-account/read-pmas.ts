/**
 * The PMAs' side of the live state. Every PMA ListProgramManagementAccounts gives in the catalogs the files name
 * (declared PMAs' catalogs, relationship entries' and document defaults'): the relationship kind resolves PMA names
 * through them and sees a PMA's status. In catalogs where a file declares PMAs, also each PMA's tags (pcc:managed
 * says which undeclared ones are prune candidates) and every PROGRAM_MANAGEMENT_ACCOUNT handshake this account sent
 * there (one list: what the declared PMAs' handshakes are, and what the quotas count). A catalog where no file
 * declares PMAs costs one list, and a role without ListProgramManagementAccounts there reads none (repositories
 * that only name PMAs by id need no new permission).
 */
import { ApiError } from '../../live/api-error.js';
import type { ChannelApi } from '../../live/channel-api.js';
import type { ReadContext } from '../../live/kind-reader.js';
import { CATALOGS } from '../../live/program-management-accounts.js';
import { runBounded } from '../../live/run-bounded.js';
import { isManagedPma } from './plan-pma.js';
import { livePmaAddress, namedByIdentifier } from './plan-pmas.js';
import type { LivePmaHandshake, LiveProgramManagementAccountState, ProgramManagementAccountLiveState } from './pma-live-state.js';

/** What the PMA read takes beside the engine's options (ReadLiveOptions). */
export interface ProgramManagementAccountReadOptions {
  /** Catalogs to list PMAs in besides those the files name (`pcc import`). */
  pmaCatalogs?: readonly string[];
}

/** What the PMA read gives: its part of the live state. */
export type ProgramManagementAccountRead = ProgramManagementAccountLiveState;

/** The catalogs to list PMAs in, sorted, and those where a file declares PMAs. */
function catalogsOf({ desired, options }: ReadContext): { listed: string[]; declaring: Set<string> } {
  const declaring = new Set((desired.programManagementAccounts ?? []).map((pma) => pma.catalog));
  const named = [...(desired.scopes ?? []), ...desired.relationships].map((item) => item.catalog);
  const listed = [...new Set([...declaring, ...named, ...(options.pmaCatalogs ?? [])])].sort();
  return { listed, declaring };
}

/** The PMAs of one catalog; none when a catalog no file declares PMAs in may not be listed. */
async function listCatalog(api: ChannelApi, catalog: string, required: boolean): Promise<LiveProgramManagementAccountState[]> {
  try {
    // Filter again on our side: only the catalog asked about, whatever the server sent.
    return (await api.listProgramManagementAccounts(catalog)).filter((pma) => pma.catalog === catalog);
  } catch (error) {
    if (!required && error instanceof ApiError && error.category === 'access-denied') return [];
    throw error;
  }
}

/**
 * The managed PMAs of `pmas` a plan may delete: those no declared PMA stands for (by address or id pin), which
 * --prune deletes, and those a file pins by id at another address, which a replace deletes.
 */
function deletable(context: ReadContext, pmas: readonly LiveProgramManagementAccountState[]): LiveProgramManagementAccountState[] {
  const declared = context.desired.programManagementAccounts ?? [];
  const addresses = new Set(declared.map((pma) => pma.address));
  const pinnedAt = new Map(declared.flatMap((pma) => (pma.id === undefined ? [] : [[pma.id, pma.address] as const])));
  const named = namedByIdentifier(context.desired);
  return pmas.filter((pma) => {
    if (!isManagedPma(pma) || pma.id === undefined) return false;
    const address = livePmaAddress(pma);
    const pin = pinnedAt.get(pma.id);
    if (pin !== undefined) return address !== pin;
    if (named.has(`${pma.catalog}/${pma.id}`)) return false;
    return address === undefined || !addresses.has(address);
  });
}

/** A catalog where a file declares PMAs: every PMA's tags, the relationships under those a plan may delete, the handshakes. */
async function readDeclaringCatalog(context: ReadContext, catalog: string, pmas: LiveProgramManagementAccountState[]): Promise<LivePmaHandshake[]> {
  const { api, options } = context;
  const concurrency = options.concurrency ?? 8;
  // At most 50 PMAs an account: every one's tags (which are pcc's tells the prune candidates apart).
  const tags = await runBounded(pmas, concurrency, async (pma) => (pma.arn ? await api.listTags(pma.arn) : undefined));
  pmas.forEach((pma, index) => {
    const read = tags[index];
    if (read) pma.tags = read;
  });
  // A PMA is never deleted while relationships are under it: the plan counts them.
  const candidates = deletable(context, pmas);
  const counts = await runBounded(
    candidates,
    concurrency,
    async (pma) => (await api.listRelationships({ catalog, programManagementAccountIdentifiers: [pma.id ?? ''] })).length,
  );
  candidates.forEach((pma, index) => (pma.relationships = counts[index] ?? 0));
  return (await api.listPmaHandshakes(catalog, 'all')).filter((handshake) => handshake.catalog === catalog);
}

/**
 * The 50-PMA quota is per account, over every catalog: when a declared PMA is not found (a create may be planned),
 * the PMAs of the catalogs the files do not name are counted too. A catalog the role may not list counts none.
 */
async function countOtherCatalogs(context: ReadContext, listed: readonly string[], found: readonly LiveProgramManagementAccountState[]): Promise<number | undefined> {
  const declared = context.desired.programManagementAccounts ?? [];
  const missing = declared.some((pma) => !found.some((live) => (pma.id !== undefined && live.id === pma.id) || livePmaAddress(live) === pma.address));
  const others = CATALOGS.filter((catalog) => !listed.includes(catalog));
  if (!missing || others.length === 0) return undefined;
  let count = 0;
  for (const catalog of others) count += (await listCatalog(context.api, catalog, false)).length;
  return count;
}

export async function readPmaState(context: ReadContext): Promise<ProgramManagementAccountRead> {
  const { listed, declaring } = catalogsOf(context);
  const programManagementAccounts: LiveProgramManagementAccountState[] = [];
  const pmaHandshakes: LivePmaHandshake[] = [];
  for (const catalog of listed) {
    const pmas = await listCatalog(context.api, catalog, declaring.has(catalog));
    if (declaring.has(catalog)) pmaHandshakes.push(...(await readDeclaringCatalog(context, catalog, pmas)));
    programManagementAccounts.push(...pmas);
  }
  const others = await countOtherCatalogs(context, listed, programManagementAccounts);
  // Repositories that declare no PMA see no new member in their live state unless a PMA was listed.
  return {
    ...(others !== undefined ? { pmasInOtherCatalogs: others } : {}),
    ...(programManagementAccounts.length > 0 || declaring.size > 0 ? { programManagementAccounts } : {}),
    ...(declaring.size > 0 ? { pmaHandshakes } : {}),
  };
}
