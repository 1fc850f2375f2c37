/**
 * Relationships under a program management account that is not ACTIVE are never attempted (issue 21): whether the
 * service accepts relationships under a PENDING PMA is not documented, so pcc depends on neither answer.
 * - A declared PMA not live yet (its create is planned): each entry naming it is a no-op shown though unchanged,
 *   `pma-not-active`, waiting for it to be created and accepted; its `dependsOn` names the PMA's create.
 * - A PENDING PMA (named or by identifier): the same no-op, waiting for its account to accept.
 * - An INACTIVE PMA: every change under it (no-ops too) becomes a no-op with a warning, `pma-inactive`.
 * - A PMA listed with no status or one pcc does not know: likewise, `pma-status-unknown` (only ACTIVE lets through).
 * The next plan after the PMA is ACTIVE plans them as usual. PURE.
 */
import type { ChangeDependency, PlannedChange } from '../../plan/plan-types.js';
import type { RelationshipChange } from './relationship-change.js';
import { pmaHoldOf, type PmaHold, type PmaOfAddress, type ResolvedPmas } from '../../model/declared-pmas.js';

/** Whether a relationship change with this reason code is held by its PMA (its service period waits with it). */
export const isHeldByPma = (code: string | undefined): boolean => code === 'pma-not-active' || code === 'pma-inactive' || code === 'pma-status-unknown';

/** `<catalog>/<pma-id or name>/<account>` → its catalog and PMA part. */
function pmaPartOf(address: string): { catalog: string; pma: string } {
  const [catalog = '', pma = ''] = address.split('/');
  return { catalog, pma };
}

/**
 * What holds `change` back, if anything (pmaHoldOf: everything under a PMA not read as ACTIVE). Under a PENDING PMA
 * a no-op stays a plain no-op: it attempts nothing, and its relationship exists already.
 */
function holdOf(change: RelationshipChange, pma: PmaOfAddress | undefined, fallback: string): PmaHold | undefined {
  const hold = pmaHoldOf(pma, fallback);
  if (hold && pma?.live?.status === 'PENDING' && change.action === 'no-op') return undefined;
  return hold;
}

/** The changes, each under a PMA that is not ACTIVE replaced by its no-op (see the file comment). */
export function holdUnderInactivePmas(changes: readonly RelationshipChange[], resolved: ResolvedPmas): RelationshipChange[] {
  return changes.map((change) => {
    const { catalog, pma } = pmaPartOf(change.address);
    // Still in name form: never sent, whatever is known of the name (a name always waits until it has an id).
    const named = change.programManagementAccountName === pma ? { declared: undefined } : undefined;
    const hold = holdOf(change, resolved.pmaOf(catalog, pma) ?? named, pma);
    if (!hold) return change;
    const held = change.action === 'no-op' ? '' : ` (planned: ${change.action})`;
    return {
      kind: 'relationship',
      address: change.address,
      action: 'no-op',
      ...(change.id !== undefined ? { id: change.id } : {}),
      ...(change.arn !== undefined ? { arn: change.arn } : {}),
      ...(change.source ? { source: change.source } : {}),
      ...(change.programManagementAccountName !== undefined ? { programManagementAccountName: change.programManagementAccountName } : {}),
      fields: [],
      reason: hold.reason,
      reasonCode: hold.reasonCode,
      ...(hold.warn ? { warnings: [`${hold.reason}${held}`] } : {}),
    };
  });
}

const isPmaCreate = (change: PlannedChange, name: string): boolean =>
  change.kind === 'programManagementAccount' && change.action === 'create' && change.programManagementAccount.name === name;

/**
 * A relationship waiting for a declared PMA the same apply creates: it needs that create, and the PMA's id known only
 * after it (`programManagementAccountIdentifier`). It is a no-op now (the next plan creates it), but the edge says why
 * it waits and what for.
 */
export function pmaDependencies(change: RelationshipChange, changes: readonly PlannedChange[]): ChangeDependency[] {
  const name = change.programManagementAccountName;
  if (change.reasonCode !== 'pma-not-active' || name === undefined || pmaPartOf(change.address).pma !== name) return [];
  return changes
    .filter((other) => isPmaCreate(other, name))
    .map((create) => ({ kind: create.kind, address: create.address, action: create.action, knownAfterApply: ['programManagementAccountIdentifier'] }));
}
