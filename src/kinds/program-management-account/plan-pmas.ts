/**
 * The PMA kind's plan: each declared PMA against the live one at its address (or its `id` pin), and, in catalogs
 * where a file declares PMAs, the live PMAs no file declares: managed ones are deleted with --prune (never while
 * relationships are under them) and prune candidates without; the rest are reported as unmanaged, never touched.
 * Catalogs where no file declares PMAs are not looked at. PURE.
 */
import type { PlanInput, KindPlan } from '../../plan/kind-planner.js';
import type { PlanError, PruneCandidate, UnmanagedRelationship } from '../../plan/plan-types.js';
import { MANAGED_TAG, MANAGED_TAG_VALUE } from '../../model/ownership-tags.js';
import { ownValue } from '../../model/string-keyed.js';
import type { DesiredProgramManagementAccount } from './desired-pma.js';
import { pmaAddressOf } from './pma-address.js';
import { handshakesOf } from './pma-handshakes.js';
import type { ProgramManagementAccountChange } from './pma-change.js';
import type { LiveProgramManagementAccountState } from './pma-live-state.js';
import { isManagedPma, planDeclaredPma } from './plan-pma.js';

/** The address of a live PMA; undefined when the answer lacked its program or account. */
export const livePmaAddress = (live: LiveProgramManagementAccountState): string | undefined =>
  live.program && live.accountId ? pmaAddressOf(live.catalog, live.program, live.accountId) : undefined;

const sourceOf = (desired: DesiredProgramManagementAccount) => ({ file: desired.source.file, line: desired.source.line });

/** The plan error of a delete or replace while relationships are under the PMA. */
function hasRelationships(change: ProgramManagementAccountChange, count: number): PlanError {
  return {
    code: 'pma-has-relationships',
    message: `${change.address}: program management account ${change.id ?? ''} still has ${count} relationship${count === 1 ? '' : 's'}; it is not ${change.action === 'delete' ? 'deleted' : 'replaced'} while any exist`,
    address: change.address,
    hint:
      change.action === 'delete' && change.id !== undefined
        ? `no file names it, so --prune does not touch its relationships: add a document with catalog: ${change.programManagementAccount.catalog}, programManagementAccountIdentifier: ${change.id} and relationships: [], apply with --prune (it deletes those pcc manages; move or delete the others), then remove that document and plan with --prune again`
        : 'delete or move its relationships first (remove their entries and plan with --prune), then plan again',
    ...(change.source ? { source: change.source } : {}),
  };
}

const at = (desired: DesiredProgramManagementAccount) => `${desired.source.file}:${desired.source.line}`;

/** The plan error of a live PMA two declarations stand for (one by its `id` pin, one by its address). */
function claimedTwice(desired: DesiredProgramManagementAccount, first: DesiredProgramManagementAccount, live: LiveProgramManagementAccountState): PlanError {
  return {
    code: 'pma-claimed-twice',
    message: `${desired.address}: program management account ${live.id ?? ''} is declared twice: as "${first.name}" (${at(first)}) and as "${desired.name}" (${at(desired)}); one would keep it while the other replaces it`,
    address: desired.address,
    hint: `keep one declaration of ${live.id ?? 'it'}: remove the other, or remove its id: pin (or its address) so it declares another PMA`,
    source: sourceOf(desired),
  };
}

/** The plan error of a pinned PMA moved to an address another live PMA holds. */
function addressTaken(
  desired: DesiredProgramManagementAccount,
  pinned: LiveProgramManagementAccountState | undefined,
  occupant: LiveProgramManagementAccountState,
): PlanError {
  return {
    code: 'pma-address-taken',
    message: `${desired.address}: program management account ${occupant.id ?? ''} is already at this address; ${pinned?.id ?? desired.id ?? ''} (id: pin of "${desired.name}") cannot be replaced by a new one there`,
    address: desired.address,
    hint: `to manage ${occupant.id ?? 'the PMA there'}, remove the id: pin (it is adopted at its address); to keep ${pinned?.id ?? 'the pinned one'}, declare its current program and accountId`,
    source: sourceOf(desired),
  };
}

/** The live PMA a declared one stands for: its pinned id, else the one at its address. */
function matchOf(desired: DesiredProgramManagementAccount, live: readonly LiveProgramManagementAccountState[]): LiveProgramManagementAccountState | undefined {
  if (desired.id !== undefined) return live.find((pma) => pma.id === desired.id && pma.catalog === desired.catalog);
  return live.find((pma) => livePmaAddress(pma) === desired.address);
}

const deleteReason = 'managed by pcc and declared in no file: --prune deletes it';

/** What naming PMAs needs of the desired state: the entries and the documents' defaults. */
interface NamingPmas {
  relationships: readonly { catalog: string; pmaId: string }[];
  scopes?: readonly { catalog: string; pmaId: string }[];
}

/**
 * The PMAs the files name by id or ARN (an entry or a document's default), as `<catalog>/<pma-id>`: spoken for by
 * the files though no file declares them, so never prune candidates and never "in no file". (A name not yet
 * resolved is no pma id and matches nothing here.)
 */
export function namedByIdentifier(desired: NamingPmas): Set<string> {
  return new Set([...(desired.scopes ?? []), ...desired.relationships].map((item) => `${item.catalog}/${item.pmaId}`));
}

export function planPmas({ desired, live, options }: PlanInput): KindPlan<ProgramManagementAccountChange> {
  const declared = desired.programManagementAccounts;
  const listed = live.programManagementAccounts;
  if (declared.length === 0 || listed === undefined) return { changes: [], errors: [] };
  const changes: ProgramManagementAccountChange[] = [];
  const errors: PlanError[] = [];
  const claimed = new Set<LiveProgramManagementAccountState>();
  const claimedBy = new Map<LiveProgramManagementAccountState, DesiredProgramManagementAccount>();
  for (const pma of declared) {
    const pinned = matchOf(pma, listed);
    // A pin naming no PMA any more (e.g. after a replace made a new one): the one at the address, with a warning.
    const atAddress = pinned || pma.id === undefined ? undefined : listed.find((item) => livePmaAddress(item) === pma.address);
    const match = pinned ?? atAddress;
    if (pma.id !== undefined && !match) {
      errors.push({
        code: 'pma-id-not-found',
        message: `${pma.address}: no program management account ${pma.id} in catalog ${pma.catalog}`,
        address: pma.address,
        hint: 'remove the id to create the PMA at its address, or correct it (pcc pmas lists the PMAs this account has)',
        source: sourceOf(pma),
      });
      continue;
    }
    const first = match ? claimedBy.get(match) : undefined;
    if (match && first) {
      // One live PMA, two declarations (a pin and an address): one would keep it while the other replaces it.
      errors.push(claimedTwice(pma, first, match));
      continue;
    }
    if (match) claimedBy.set(match, pma);
    if (match) claimed.add(match);
    const occupant = match && livePmaAddress(match) !== pma.address ? listed.find((item) => item !== match && livePmaAddress(item) === pma.address) : undefined;
    if (occupant) {
      // A replace onto an address another PMA holds: the create would meet 409 after the delete. Never planned.
      claimed.add(occupant);
      errors.push(addressTaken(pma, match, occupant));
    }
    const change = planDeclaredPma(pma, match, live.pmaHandshakes, {
      resend: options.resend ?? false,
      allowReplace: options.allowReplace,
      ...(match?.relationships !== undefined ? { relationships: match.relationships } : {}),
    });
    if (change.action === 'replace' && !change.blocked && (change.relationships ?? 0) > 0) errors.push(hasRelationships(change, change.relationships ?? 0));
    const stalePin = atAddress
      ? [`id ${pma.id ?? ''} names no program management account; ${atAddress.id ?? ''} is at this address: write id: ${atAddress.id ?? ''} (or remove the id)`]
      : [];
    changes.push(stalePin.length > 0 ? { ...change, warnings: [...(change.warnings ?? []), ...stalePin] } : change);
  }
  const declaring = new Set(declared.map((pma) => pma.catalog));
  const named = namedByIdentifier(desired);
  const unmanaged: UnmanagedRelationship[] = [];
  const pruneCandidates: PruneCandidate[] = [];
  for (const pma of listed) {
    const address = livePmaAddress(pma);
    if (claimed.has(pma) || !declaring.has(pma.catalog) || pma.id === undefined || address === undefined) continue;
    // Named by id or ARN in some document: the files speak for it (pcc import declares it); never deleted by --prune.
    if (named.has(`${pma.catalog}/${pma.id}`)) continue;
    const item = { kind: 'programManagementAccount' as const, address, id: pma.id, ...(pma.displayName !== undefined ? { displayName: pma.displayName } : {}) };
    if (!isManagedPma(pma)) {
      const tag = ownValue(pma.tags, MANAGED_TAG);
      unmanaged.push({ ...item, ...(tag !== undefined && tag !== MANAGED_TAG_VALUE ? { managedTag: tag } : {}) });
    } else if (!options.prune) {
      pruneCandidates.push(item);
    } else {
      // Its invitation still waiting: the reviewer is told it is left unanswerable (the account can no longer accept it).
      const history = handshakesOf(live.pmaHandshakes, pma.catalog, pma.id);
      const pending = history.at(-1)?.status === 'PENDING' ? history.at(-1) : undefined;
      const change: ProgramManagementAccountChange = {
        kind: 'programManagementAccount',
        address,
        action: 'delete',
        id: pma.id,
        reason: deleteReason,
        reasonCode: 'pma-delete-not-in-files',
        fields: [
          { name: 'program', before: pma.program },
          { name: 'accountId', before: pma.accountId },
          { name: 'displayName', before: pma.displayName },
        ],
        programManagementAccount: {
          name: '',
          catalog: pma.catalog,
          program: pma.program ?? '',
          accountId: pma.accountId ?? '',
          displayName: pma.displayName ?? '',
          tags: {},
          ...(pma.revision !== undefined ? { revision: pma.revision } : {}),
          ...(pma.status !== undefined ? { status: pma.status } : {}),
          ...(pma.arn !== undefined ? { arn: pma.arn } : {}),
          ...(pma.tags !== undefined ? { liveTags: { ...pma.tags } } : {}),
        },
        ...(pma.relationships !== undefined ? { relationships: pma.relationships } : {}),
        ...(pending
          ? { handshake: { send: false, sent: history.length, id: pending.id, status: 'PENDING' as const, ...(pending.createdAt ? { since: pending.createdAt } : {}) } }
          : {}),
      };
      if ((pma.relationships ?? 0) > 0) errors.push(hasRelationships(change, pma.relationships ?? 0));
      changes.push(change);
    }
  }
  return { changes, errors, unmanaged, pruneCandidates };
}
