import type { DesiredState } from '../desired/types.js';
import { suggestClosest } from '../desired/suggest.js';
import type { LiveState } from '../live/live-state.js';
import { KINDS } from '../kinds/registry.js';
import type { PlanShapingValues } from './plan-options.js';
import type { Plan, PlanError } from './plan-types.js';

/**
 * `--target`/`--replace` addresses as the plan names them: each kind may give an address it knows under another form
 * its canonical one (e.g. a relationship address naming a declared PMA by name, once that PMA is live). PURE.
 */
export function resolveAddressOptions<O extends Pick<PlanShapingValues, 'targets' | 'replace'>>(options: O, desired: DesiredState, live: LiveState): O {
  if (options.targets === undefined && options.replace === undefined) return options;
  const resolvers = KINDS.flatMap(({ planner }) => (planner.canonicalAddress ? [planner.canonicalAddress(desired, live)] : []));
  const resolve = (address: string): string => resolvers.reduce((named, canonical) => canonical(named) ?? named, address);
  const unique = (addresses: readonly string[]) => [...new Set(addresses.map(resolve))];
  return {
    ...options,
    ...(options.targets !== undefined ? { targets: unique(options.targets) } : {}),
    ...(options.replace !== undefined ? { replace: unique(options.replace) } : {}),
  };
}

const nounsOf = (kinds: readonly (typeof KINDS)[number][]) => kinds.map((kind) => kind.words.noun[0]).join(' or ');

/**
 * `--target ADDRESS` and `--replace ADDRESS` against what the files declare and the live state holds (both already
 * resolved by resolveAddressOptions): an address that names nothing is an error (with the likeliest address meant),
 * never silently a plan of nothing; `--replace` naming a kind whose plan does not honour it is an error too. PURE.
 */
export function addressErrors(options: PlanShapingValues, desired: DesiredState, live: LiveState): PlanError[] {
  const addressed = KINDS.map((kind) => ({ kind, ...kind.planner.addresses(desired, live) })).filter(({ declared, live: held }) => declared.length + held.length > 0);
  const replaceable = KINDS.filter((kind) => kind.planner.replaceable === true);
  const declared = addressed.filter(({ kind }) => kind.planner.replaceable === true).flatMap((named) => named.declared);
  const known = [...new Set(addressed.flatMap((named) => [...named.declared, ...named.live]))];
  const errors: PlanError[] = [];
  const unknown = (code: string, flag: string, address: string, among: readonly string[], what: string): PlanError => {
    const closest = suggestClosest(address, among);
    return {
      code,
      message: `${flag} ${address} matches no ${what}`,
      address,
      hint: closest ? `did you mean ${closest}?` : `give an address as the plan shows it (CATALOG/PMA/ACCOUNT)`,
    };
  };
  // Named as the files declare them (relationships first): a set that declares no PMA reads as before issue 21.
  const declaring = addressed
    .filter((named) => named.declared.length > 0)
    .sort((a, b) => Number(b.kind.planner.replaceable === true) - Number(a.kind.planner.replaceable === true));
  const targeted = nounsOf(declaring.length > 0 ? declaring.map(({ kind }) => kind) : replaceable);
  for (const address of options.targets ?? []) {
    if (!known.includes(address)) errors.push(unknown('target-not-found', '--target', address, known, `${targeted} declared in the files or live in the PMAs they name`));
  }
  for (const address of options.replace ?? []) {
    if (declared.includes(address)) continue;
    const other = addressed.find(({ kind, declared: its, live: held }) => kind.planner.replaceable !== true && (its.includes(address) || held.includes(address)));
    if (other) {
      errors.push({
        code: 'replace-not-replaceable',
        message: `--replace ${address} is the address of a ${other.kind.words.noun[0]}: --replace recreates only a ${nounsOf(replaceable)}`,
        address,
        hint: `a ${other.kind.words.noun[0]} is replaced when its file changes what forces a replacement (the plan shows it with -/+, and --allow-replace lets it through); leave out --replace ${address}`,
      });
      continue;
    }
    errors.push(
      unknown('replace-not-declared', '--replace', address, declared, `${nounsOf(replaceable)} declared in the files (only a declared one can be created again)`),
    );
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
