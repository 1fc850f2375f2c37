import { USER_TAG_FIELD } from './tag-changes.js';
import { liveAddressOf } from '../../live/live-state.js';
import { ownValue, sameData } from '../../model/string-keyed.js';
import { countAction } from '../../plan/count-action.js';
import type { KindPlanner } from '../../plan/kind-planner.js';
import { ACKNOWLEDGE_FLAG, deletesUnderServicePeriod } from '../service-period/service-period-commitment.js';
import { relationshipDeletions } from './delete-guard.js';
import { isHeldByPma, pmaDependencies } from './plan-pma-waiting.js';
import { planRelationships, specOf } from './plan-relationships.js';
import { resolveDeclaredPmas } from '../../model/declared-pmas.js';
import type { RelationshipChange } from './relationship-change.js';

const namedAddress = (catalog: string, name: string, account: string) => `${catalog}/${name}/${account}`;

/** How a relationship is planned, counted, checked and compared (src/plan/kind-planner.ts). */
export const relationshipPlanner: KindPlanner<RelationshipChange> = {
  plan: planRelationships,
  addresses: (desired, live) => ({
    declared: resolveDeclaredPmas(desired, live).relationships.map((entry) => entry.address),
    live: live.relationships.map(liveAddressOf),
  }),
  // --replace ADDRESS recreates a declared relationship (plan-relationships.ts).
  replaceable: true,
  // A change of an entry naming its PMA by name answers to the name form too (a saved plan's --target, say).
  addressAliases: (change) => {
    const [catalog = '', pma = '', account = ''] = change.address.split('/');
    const name = change.programManagementAccountName;
    return name === undefined || name === pma ? [] : [namedAddress(catalog, name, account)];
  },
  // `<catalog>/<declared PMA name>/<account>` is, once the PMA is live, its id form (as the entry's address is).
  canonicalAddress: (desired, live) => {
    const { pmaOf } = resolveDeclaredPmas(desired, live);
    return (address) => {
      const [catalog, middle, account, ...rest] = address.split('/');
      if (catalog === undefined || middle === undefined || account === undefined || rest.length > 0) return undefined;
      const pma = pmaOf(catalog, middle);
      const id = pma?.declared?.name === middle ? pma.live?.id : undefined;
      return id === undefined ? undefined : `${catalog}/${id}/${account}`;
    };
  },
  deletions: (changes, live) => relationshipDeletions(changes, live.relationships),
  // A relationship needs nothing applied before it but the create of the declared PMA it waits for (a no-op until the
  // next plan); the engine runs deletes after everything else.
  dependsOn: pmaDependencies,
  count(summary, change) {
    countAction(summary, change);
    if (deletesUnderServicePeriod(change)) summary.underServicePeriod = (summary.underServicePeriod ?? 0) + 1;
  },
  blockers(change, plan, refused) {
    const blockers: Array<{ code: string; message: string }> = [];
    if (refused) {
      // The engine refused it already (not targeted, or blocked).
    } else if (change.action === 'replace' && !plan.options.allowReplace && !(plan.options.replace ?? []).includes(change.address)) {
      // Only a hand-made or edited plan gets here: buildPlan blocks every replace without --allow-replace.
      blockers.push({ code: 'replace-not-allowed', message: `${change.address}: the plan replaces it but was not made with --allow-replace` });
    } else if (change.action === 'delete' && !plan.options.prune) {
      blockers.push({ code: 'delete-not-allowed', message: `${change.address}: the plan deletes it but was not made with --prune` });
    }
    // Whatever the change says of itself (`acknowledged`), only the plan's recorded flag acknowledges; a plan error
    // already says so for a plan as built.
    if (deletesUnderServicePeriod(change) && !(plan.options.acknowledgeServicePeriods ?? []).includes(change.address)) {
      if (!plan.errors.some((error) => error.code === 'service-period-not-acknowledged' && error.address === change.address)) {
        blockers.push({
          code: 'service-period-not-acknowledged',
          message: `${change.address}: the plan ends an accepted service period but was not made with ${ACKNOWLEDGE_FLAG} ${change.address}`,
        });
      }
    }
    return blockers;
  },
  matchesFiles(desired) {
    const byAddress = new Map(desired.relationships.map((entry) => [entry.address, entry]));
    // An entry naming a declared PMA is in name form in the files; its change may hold the PMA's id (resolved).
    const byName = new Map(
      desired.relationships
        .filter((e) => e.programManagementAccount !== undefined)
        .map((e) => [namedAddress(e.catalog, e.programManagementAccount ?? '', e.associatedAccountId), e]),
    );
    const entryOf = (change: RelationshipChange) =>
      byAddress.get(change.address) ??
      (change.programManagementAccountName !== undefined
        ? byName.get(namedAddress(change.address.split('/')[0] ?? '', change.programManagementAccountName, change.address.split('/')[2] ?? ''))
        : undefined);
    // A release in name form (a declared PMA's name) is planned in id form once the PMA is live: the fresh plan checks the id.
    const releasing = new Set((desired.released ?? []).map((release) => release.address));
    const pmaNames = new Set(desired.programManagementAccounts.map((pma) => `${pma.catalog}/${pma.name}`));
    const releasedByName = new Set(
      (desired.released ?? [])
        .filter((release) => pmaNames.has(`${release.catalog}/${release.pmaId}`))
        .map((release) => `${release.catalog}/${release.address.split('/')[2] ?? ''}`),
    );
    const isReleased = (address: string) => {
      const [catalog = '', , account = ''] = address.split('/');
      return releasing.has(address) || releasedByName.has(`${catalog}/${account}`);
    };
    const mismatch = (change: RelationshipChange): string | undefined => {
      if (change.action === 'release' && !isReleased(change.address)) return `${change.address} is to be released but no file lists it under released:`;
      if (change.action === 'delete' && byAddress.has(change.address)) return `${change.address} is to be deleted but a file declares it`;
      if (!change.desired) return undefined;
      const entry = entryOf(change);
      if (!entry) return `${change.address} is in the plan but in no file`;
      // The PMA id a named entry was resolved to is the fresh plan's to check (compare-plans): the rest must match.
      const spec =
        entry.programManagementAccount !== undefined
          ? { ...specOf(entry), programManagementAccountIdentifier: change.desired.programManagementAccountIdentifier }
          : specOf(entry);
      // JSON round trip: the plan went through JSON, so compare like with like (no undefined members).
      if (!sameData(JSON.parse(JSON.stringify(spec)), change.desired)) return `the desired fields of ${change.address} differ from its file entry`;
      // Updates write tag values from their `tags.<key>` fields (what the reviewer saw): those must agree too.
      const tags = change.desired.tags;
      const edited = change.fields.find((f) => f.name.startsWith(USER_TAG_FIELD) && f.after !== ownValue(tags, f.name.slice(USER_TAG_FIELD.length)));
      return edited ? `the ${edited.name} field of ${change.address} differs from its file entry` : undefined;
    };
    return { mismatch };
  },
  // For a delete or replace, the service period it ends: a period accepted since the review makes it another change.
  identity: (change) => ({ desired: change.desired, servicePeriodCommitment: change.servicePeriodCommitment }),
  // Applied only to the relationship as it was when the plan was made: a change since then fails as stale.
  carrySeen: (fresh, seen) => (fresh.revision !== undefined ? { ...fresh, revision: seen.revision } : fresh),
  // A no-op that waits for its PMA (or is held under an INACTIVE one) did nothing: the change seen is not done.
  noLongerNeeded: (noOp) =>
    isHeldByPma(noOp.reasonCode)
      ? { done: false, why: noOp.reason ?? 'its program management account is not active' }
      : { done: true, why: 'the live relationship already matches the files' },
};
