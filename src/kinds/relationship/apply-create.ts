import { missingMembers, type ChannelApi, type LiveRelationship } from '../../live/channel-api.js';
import type { RelationshipSpec } from '../../model/relationship.js';
import { addressOf } from '../../model/address.js';
import { fieldRow, READ_FIELDS } from '../../model/relationship-fields.js';
import { MANAGED_TAG, RESERVED_TAG_PREFIX, SUPPORT_PLAN_TAG } from '../../model/ownership-tags.js';
import { readSupportPlanTag } from '../../model/support-plan-tag.js';
import { userTagsOf } from './diff-fields.js';
import { isApiError } from '../../apply/change-context.js';
import { createClientToken } from './client-token.js';
import { createdBy, type CreatedBy } from './created-by.js';
import { readAllowingLag } from '../../apply/read-lag.js';
import { tagsForCreate } from './tag-changes.js';
import { ownValue, sameData } from '../../model/string-keyed.js';

export interface Created {
  id: string;
  arn: string;
  /** The create answered 409 but the relationship it asked for exists and carries pcc's tag. */
  foundAfterConflict?: boolean;
  /** The first token's answer named a relationship since deleted; this one was made with a fresh token. */
  replayedId?: string;
  /** Reads did not show it within the lag retries, but the service's 409 names it as holding the address. */
  notYetVisible?: boolean;
  /** Whose create made it, from its APPLY_RUN_TAG: only `mine` is reported as created. */
  by: CreatedBy;
}

/** What createOnce establishes: the relationship at the address, before whose create made it is read. */
type Found = Omit<Created, 'by'> & { tags?: Record<string, string> };

/**
 * A replayed answer can only name a deleted relationship so many times before something else is wrong. Every
 * prune-and-declare-again of one unchanged entry adds a generation for as long as the service remembers tokens,
 * so this bounds a misbehaving service, not how often a user may do that.
 */
const MAX_GENERATIONS = 25;

/**
 * CreateRelationship with a deterministic clientToken and every tag, so retries and re-runs never make a
 * second relationship. The request also carries this apply run's APPLY_RUN_TAG, left out of the token: two
 * applies racing send one token, the service makes one relationship and answers the other with it (a replay)
 * or refuses it (409); either way the run tag on the relationship says whose create landed (`by`). The service
 * replays a token's first answer even after that relationship was deleted (prune, then the entry comes back
 * unchanged): the answer is checked with GetRelationship, and a vanished id is created again under a token
 * that names it, still deterministic. The service allows one relationship per PMA and account, so even a wrong
 * check cannot make a duplicate: it meets a 409, handled as below.
 */
export async function createRelationship(
  api: ChannelApi,
  address: string,
  desired: RelationshipSpec,
  after: string | undefined,
  lag: readonly number[],
  runId: string,
): Promise<Created> {
  let previous = after;
  let replayedId: string | undefined;
  let unseen: Found | undefined;
  for (let generation = 0; generation < MAX_GENERATIONS; generation++) {
    const created = await createOnce(api, address, desired, createClientToken(address, desired, previous), lag, runId, unseen);
    // A new relationship may take a while to show in GetRelationship: only a 404 that outlasts the lag
    // retries means the token's answer named a relationship deleted since.
    if (created.notYetVisible) return await withMaker(api, created, lag, runId);
    if (created.foundAfterConflict || (await readBack(api, desired, created, lag))) {
      return await withMaker(api, replayedId ? { ...created, replayedId } : created, lag, runId);
    }
    unseen = created;
    replayedId = created.id;
    previous = created.id;
  }
  throw new Error(`the service keeps answering with relationships that do not exist (last ${replayedId ?? '?'})`);
}

/** Whose create made it: the tags findOwnMatch read, or a read of them (a create sets its tags at once; reads may lag). */
async function withMaker(api: ChannelApi, found: Found, lag: readonly number[], runId: string): Promise<Created> {
  const { tags: known, ...created } = found;
  let tags = known;
  try {
    tags ??=
      (await readAllowingLag(async () => {
        const now = await api.listTags(created.arn);
        return Object.keys(now).some((key) => key.startsWith(RESERVED_TAG_PREFIX)) ? now : undefined;
      }, lag)) ?? {};
  } catch (error) {
    throw new CreateOutcomeUnknownError(created.id, error);
  }
  return { ...created, by: createdBy(tags, runId) };
}

async function createOnce(
  api: ChannelApi,
  address: string,
  desired: RelationshipSpec,
  clientToken: string,
  lag: readonly number[],
  runId: string,
  unseen?: Found,
): Promise<Found> {
  let answer;
  try {
    answer = await api.createRelationship({ ...withoutUndefined(desired), clientToken, tags: tagsForCreate(desired, runId) });
  } catch (error) {
    // 409: a relationship already holds this address, or the token was first used with another request (another
    // run's tag). It counts as the one asked for only if it matches what was asked (fields, user tags,
    // support-plan fingerprint) and carries `pcc:managed`; otherwise the conflict is the failure. Whose it is,
    // its run tag says.
    if (!isApiError(error, 'conflict')) throw error;
    // The 409 names the relationship the previous token's answer gave, which reads did not show: it exists
    // (reads lag longer than the retries), made by a create for exactly this entry.
    if (unseen && error.resourceId === unseen.id) return { id: unseen.id, arn: unseen.arn, notYetVisible: true };
    const found = await findOwnMatch(api, address, desired, lag);
    if (!found) throw error;
    return { ...found, foundAfterConflict: true };
  }
  if (answer.id && answer.arn) return { id: answer.id, arn: answer.arn };
  // The answer's id and ARN are optional in the model: the relationship this create made is the one at the
  // address that matches what was asked and carries pcc's tags.
  const found = await findOwnMatch(api, address, desired, lag);
  if (!found)
    throw new Error(`CreateRelationship answered without the new relationship's ${answer.id ? 'ARN' : 'id'}, and no relationship at ${address} matches what was asked`);
  return found;
}

const refFor = (desired: RelationshipSpec) => ({
  catalog: desired.catalog,
  programManagementAccountIdentifier: desired.programManagementAccountIdentifier,
});

/**
 * A create answered with an id that cannot then be read (credentials expired, the network went): it most likely
 * landed, but that is not proven (a replayed answer may name a relationship deleted since). Not a failure.
 */
export class CreateOutcomeUnknownError extends Error {
  constructor(
    readonly id: string,
    override readonly cause: unknown,
  ) {
    super(`CreateRelationship answered with ${id}, but reading it back failed`);
  }
}

async function readBack(api: ChannelApi, desired: RelationshipSpec, created: Found, lag: readonly number[]): Promise<true | undefined> {
  try {
    return await readAllowingLag(() => exists(api, desired, created.id), lag);
  } catch (error) {
    throw new CreateOutcomeUnknownError(created.id, error);
  }
}

/** True when GetRelationship finds it; undefined (not yet, or never) on a 404. */
async function exists(api: ChannelApi, desired: RelationshipSpec, id: string): Promise<true | undefined> {
  try {
    await api.getRelationship({ ...refFor(desired), identifier: id });
    return true;
  } catch (error) {
    if (isApiError(error, 'not-found')) return undefined;
    throw error;
  }
}

/** The relationships ListRelationships shows at the address; undefined while it shows none (reads may lag). */
async function listAtAddress(api: ChannelApi, address: string, desired: RelationshipSpec): Promise<LiveRelationship[] | undefined> {
  const live = await api.listRelationships({
    catalog: desired.catalog,
    programManagementAccountIdentifiers: [desired.programManagementAccountIdentifier],
    associatedAccountIds: [desired.associatedAccountId],
  });
  const atAddress = live.filter((r) => addressOf(r.catalog, r.programManagementAccountId, r.associatedAccountId) === address);
  return atAddress.length > 0 ? atAddress : undefined;
}

async function findOwnMatch(api: ChannelApi, address: string, desired: RelationshipSpec, lag: readonly number[]): Promise<Found | undefined> {
  // The 409 says something holds the address, so a list that shows nothing there is lagging.
  const atAddress = (await readAllowingLag(() => listAtAddress(api, address, desired), lag)) ?? [];
  const [listed] = atAddress;
  if (atAddress.length !== 1 || !listed) return undefined;
  // ListRelationships lacks some fields (resaleAccountModel), and any member may be absent: read the detail when
  // needed. A member still unknown proves nothing, so it does not match.
  const needsDetail = READ_FIELDS.some((name) => desired[name] !== undefined && !fieldRow(name).travels.includes('list')) || missingMembers(listed).length > 0;
  const only = needsDetail ? await api.getRelationship({ ...refFor(desired), identifier: listed.id }) : listed;
  if (!matchesAsked(desired, only)) return undefined;
  const tags = await api.listTags(only.arn);
  // The support plan is write-only: its fingerprint and the user tags must be what this create would have set.
  const wanted = tagsForCreate(desired);
  const same = (key: string) => ownValue(tags, key) === ownValue(wanted, key);
  const samePlan = readSupportPlanTag(ownValue(tags, SUPPORT_PLAN_TAG) ?? '').fingerprint === readSupportPlanTag(ownValue(wanted, SUPPORT_PLAN_TAG) ?? '').fingerprint;
  const ours = same(MANAGED_TAG) && samePlan && sameData(userTagsOf(tags), userTagsOf(wanted));
  return ours ? { id: only.id, arn: only.arn, tags } : undefined;
}

/**
 * Every field a read returns is what the create asked for; a `whenDeclared` field only when the entry declares it.
 * The support plan and tags are compared through the tags (findOwnMatch).
 */
function matchesAsked(desired: RelationshipSpec, live: LiveRelationship): boolean {
  return READ_FIELDS.every((name) => (fieldRow(name).compare === 'whenDeclared' && desired[name] === undefined) || sameData(live[name], desired[name]));
}

/** Optional members left out rather than sent as undefined. */
function withoutUndefined(desired: RelationshipSpec): RelationshipSpec {
  return Object.fromEntries(Object.entries(desired).filter(([, v]) => v !== undefined)) as unknown as RelationshipSpec;
}
