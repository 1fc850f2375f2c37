/**
 * A relationship naming a declared PMA (`programManagementAccount: emea`) is loaded in name form: its pmaId and
 * address hold the name, since the PMA's `pma-…` id is known only once it exists. Here a name meets the live PMAs:
 * the declared PMA found live (by its pinned `id`, else at its address `<catalog>/<program>/<accountId>`) gives the
 * entry its id and the id-form address; not found (not created yet), the entry stays in name form, is read nothing
 * and waits. PURE. Here (types only from the kinds) because the relationship, service-period and PMA kinds import
 * one another's values one way only (relationship → service period ← PMA), and both of the first two resolve names.
 */
import type { DesiredRelationship, DesiredRelease, DesiredScope } from '../desired/types.js';
import type { DesiredProgramManagementAccount } from '../kinds/program-management-account/desired-pma.js';
import type { LiveProgramManagementAccountState } from '../kinds/program-management-account/pma-live-state.js';

/** What resolving needs of the desired state. */
export interface DesiredWithPmas {
  relationships: readonly DesiredRelationship[];
  scopes?: readonly DesiredScope[];
  released?: readonly DesiredRelease[];
  programManagementAccounts?: readonly DesiredProgramManagementAccount[];
}

/** What resolving needs of the live state. */
export interface LiveWithPmas {
  programManagementAccounts?: readonly LiveProgramManagementAccountState[];
}

/** The PMA a relationship address's middle part names: a declared one (with its name) and/or a live one. */
export interface PmaOfAddress {
  /** The declared PMA, when the entry named it by name. */
  declared?: DesiredProgramManagementAccount;
  /** The live PMA with that id (or found for the declared one); absent: none is listed. */
  live?: LiveProgramManagementAccountState;
}

export interface ResolvedPmas {
  /** The entries, those naming a PMA found live in id form (pmaId, programManagementAccountIdentifier, address). */
  relationships: DesiredRelationship[];
  /** The scopes, likewise; a name not found stays a name (nothing is read under it). */
  scopes: DesiredScope[];
  /** The `released:` addresses, those in name form whose declared PMA is live in id form (address, pmaId). */
  released: DesiredRelease[];
  /** The PMA an address's `<catalog>/<pma-id or name>` names (see PmaOfAddress); undefined: none known. */
  pmaOf(catalog: string, pmaIdOrName: string): PmaOfAddress | undefined;
}

/**
 * The live PMA a declared one is, as the PMA kind matches it (plan-pmas.ts): its pinned id, else (no pin, or a pin
 * naming no PMA any more) the first one listed at its address.
 */
function liveOfDeclared(declared: DesiredProgramManagementAccount, live: readonly LiveProgramManagementAccountState[]): LiveProgramManagementAccountState | undefined {
  const pinned = declared.id === undefined ? undefined : live.find((pma) => pma.catalog === declared.catalog && pma.id === declared.id);
  return (
    pinned ?? live.find((pma) => pma.id !== undefined && pma.catalog === declared.catalog && pma.program === declared.program && pma.accountId === declared.accountId)
  );
}

const key = (catalog: string, pma: string) => `${catalog}\u0000${pma}`;

/** One resolution per desired and live state: the reader, the planner's facets and the service-period kind all ask. */
type Memo = { resolved: ResolvedPmas; pmas: LiveWithPmas['programManagementAccounts'] };
const memo = new WeakMap<object, WeakMap<object, Memo>>();

export function resolveDeclaredPmas(desired: DesiredWithPmas, live: LiveWithPmas): ResolvedPmas {
  const known = memo.get(desired)?.get(live);
  if (known && known.pmas === live.programManagementAccounts) return known.resolved;
  const resolved = resolve(desired, live);
  const byLive = memo.get(desired) ?? new WeakMap<object, Memo>();
  byLive.set(live, { resolved, pmas: live.programManagementAccounts });
  memo.set(desired, byLive);
  return resolved;
}

function resolve(desired: DesiredWithPmas, live: LiveWithPmas): ResolvedPmas {
  const livePmas = live.programManagementAccounts ?? [];
  const byKey = new Map<string, PmaOfAddress>();
  for (const pma of livePmas) if (pma.id !== undefined) byKey.set(key(pma.catalog, pma.id), { live: pma });
  const idOfName = new Map<string, string>();
  for (const declared of desired.programManagementAccounts ?? []) {
    const found = liveOfDeclared(declared, livePmas);
    byKey.set(key(declared.catalog, declared.name), { declared, ...(found ? { live: found } : {}) });
    if (found?.id !== undefined) {
      idOfName.set(key(declared.catalog, declared.name), found.id);
      byKey.set(key(declared.catalog, found.id), { declared, live: found });
    }
  }
  const idOf = (catalog: string, name: string | undefined) => (name === undefined ? undefined : idOfName.get(key(catalog, name)));
  const relationships = desired.relationships.map((entry) => {
    const id = idOf(entry.catalog, entry.programManagementAccount);
    if (id === undefined) return entry;
    return { ...entry, pmaId: id, programManagementAccountIdentifier: id, address: `${entry.catalog}/${id}/${entry.associatedAccountId}` };
  });
  const scopes = (desired.scopes ?? []).map((scope) => {
    const id = idOf(scope.catalog, scope.programManagementAccount);
    return id === undefined ? scope : { ...scope, pmaId: id };
  });
  const released = (desired.released ?? []).map((release) => {
    const id = idOf(release.catalog, release.pmaId);
    return id === undefined ? release : { ...release, pmaId: id, address: `${release.catalog}/${id}/${release.address.split('/')[2] ?? ''}` };
  });
  return { relationships, scopes, released, pmaOf: (catalog, pma) => byKey.get(key(catalog, pma)) };
}

/** Whether an entry or scope is still in name form: its declared PMA is not live (yet). */
export const isUnresolved = (item: { pmaId: string; programManagementAccount?: string }): boolean =>
  item.programManagementAccount !== undefined && item.pmaId === item.programManagementAccount;

/** Why everything under a PMA is held (never attempted), and whether the plan warns of it. */
export interface PmaHold {
  reasonCode: 'pma-not-active' | 'pma-inactive' | 'pma-status-unknown';
  reason: string;
  warn: boolean;
}

const describePma = (pma: PmaOfAddress, fallback: string) =>
  pma.declared ? `program management account ${pma.declared.name} (${pma.declared.address})` : `program management account ${pma.live?.id ?? fallback}`;

/**
 * What holds everything under `pma` (an address's PMA part, `fallback` its text): only a PMA read as ACTIVE lets
 * anything under it be attempted (issue 21: pcc depends on no answer of the service about other statuses).
 * - a declared PMA not live yet: waiting for it to be created and accepted (`pma-not-active`);
 * - PENDING: waiting for its account to accept (`pma-not-active`);
 * - INACTIVE: held with a warning (`pma-inactive`);
 * - any other status, or none in the answer: held with a warning (`pma-status-unknown`).
 * undefined: ACTIVE, or a PMA no list gave (nothing known of it: the service answers for it, as before issue 21).
 */
export function pmaHoldOf(pma: PmaOfAddress | undefined, fallback: string): PmaHold | undefined {
  if (!pma) return undefined;
  const what = describePma(pma, fallback);
  if (!pma.live) return { reasonCode: 'pma-not-active', reason: `waiting for ${what} to be created and accepted`, warn: false };
  const status = pma.live.status;
  if (status === 'ACTIVE') return undefined;
  const account = pma.live.accountId ?? pma.declared?.accountId;
  if (status === 'PENDING') return { reasonCode: 'pma-not-active', reason: `waiting for ${what} to be accepted${account ? ` by account ${account}` : ''}`, warn: false };
  if (status === 'INACTIVE') return { reasonCode: 'pma-inactive', reason: `${what} is INACTIVE: nothing under it is attempted`, warn: true };
  // A server string: named only when it reads as a status word (nothing else reaches a terminal from here).
  const read =
    status === undefined || status === ''
      ? 'has no status in the service’s answer'
      : /^[A-Z][A-Z_]{0,39}$/.test(status)
        ? `has status ${status}, not ACTIVE`
        : 'has a status pcc does not know, not ACTIVE';
  return { reasonCode: 'pma-status-unknown', reason: `${what} ${read}: nothing under it is attempted`, warn: true };
}
