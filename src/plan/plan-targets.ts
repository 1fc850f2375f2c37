import type { DesiredState } from '../desired/types.js';
import { suggestClosest } from '../desired/suggest.js';
import type { LiveState } from '../live/live-state.js';
import { KINDS } from '../kinds/registry.js';
import type { PlanShapingValues } from './plan-options.js';
import type { Plan, PlanError } from './plan-types.js';

/**
 * `--target ADDRESS` and `--replace ADDRESS` against what the files declare and the live state holds: an address
 * that names nothing is an error (with the likeliest address meant), never silently a plan of nothing. PURE.
 */
export function addressErrors(options: PlanShapingValues, desired: DesiredState, live: LiveState): PlanError[] {
  const addresses = KINDS.map(({ planner }) => planner.addresses(desired, live));
  const declared = addresses.flatMap((named) => named.declared);
  const known = [...new Set([...declared, ...addresses.flatMap((named) => named.live)])];
  const errors: PlanError[] = [];
  const unknown = (code: string, flag: string, address: string, among: readonly string[], what: string): PlanError => {
    const closest = suggestClosest(address, among);
    return {
      code,
      message: `${flag} ${address} matches no relationship ${what}`,
      address,
      hint: closest ? `did you mean ${closest}?` : `give an address as the plan shows it (CATALOG/PMA/ACCOUNT)`,
    };
  };
  for (const address of options.targets ?? []) {
    if (!known.includes(address)) errors.push(unknown('target-not-found', '--target', address, known, 'declared in the files or live in the PMAs they name'));
  }
  for (const address of options.replace ?? []) {
    if (!declared.includes(address))
      errors.push(unknown('replace-not-declared', '--replace', address, declared, 'declared in the files (only a declared one can be created again)'));
  }
  return errors;
}

/** Whether `address` is in the plan: every address when no `--target` was given. */
export function isTargeted(options: Pick<PlanShapingValues, 'targets'>, address: string | undefined): boolean {
  return options.targets === undefined || address === undefined || options.targets.includes(address);
}

type Parts = Pick<Plan, 'changes' | 'unmanaged' | 'errors'> & { pruneCandidates: NonNullable<Plan['pruneCandidates']> };

/**
 * A partial plan's parts: only what is about a targeted address (a relationship and its service period share it).
 * Errors without an address concern the whole plan and stay.
 */
export function keepTargeted(parts: Parts, options: Pick<PlanShapingValues, 'targets'>): Parts {
  if (options.targets === undefined) return parts;
  const keep = <T extends { address?: string }>(items: readonly T[]) => items.filter((item) => isTargeted(options, item.address));
  return { changes: keep(parts.changes), unmanaged: keep(parts.unmanaged), pruneCandidates: keep(parts.pruneCandidates), errors: keep(parts.errors) };
}
