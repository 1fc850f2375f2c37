/**
 * Applying one PMA change. A create sends CreateProgramManagementAccount (tags pcc:managed=true and the user's,
 * a clientToken per address and apply run), reads the PMA back by address when the answer lacks its id or may
 * hide a landed create, then sends its handshake. A handshake goes out once: CreateChannelHandshake without the
 * SDK's blind retries, and after an answer that may hide a landed one, a read-back before it is sent again
 * (sendOnce). An update renames with the revision planned against, writes user tags, adopts (pcc:managed=true)
 * and sends a handshake that is due. A delete deletes. Never throws: a failure is a `failed` outcome.
 */
import { failed, isApiError, STALE_MESSAGE } from '../../apply/change-context.js';
import { readAllowingLag } from '../../apply/read-lag.js';
import type { ChannelApi } from '../../live/channel-api.js';
import { createdBy } from '../../model/created-by.js';
import { APPLY_RUN_TAG, MANAGED_TAG, MANAGED_TAG_VALUE, isReservedTagKey } from '../../model/ownership-tags.js';
import { ownValue } from '../../model/string-keyed.js';
import { sendOnce } from '../service-period/send-handshake.js';
import type { ProgramManagementAccountChange } from './pma-change.js';
import { pmaCreateToken, pmaHandshakeToken } from './pma-handshakes.js';
import type { ProgramManagementAccountOutcome } from './pma-outcome.js';
import { TAG_FIELD } from './plan-pma.js';
import { livePmaAddress } from './plan-pmas.js';

type Action = ProgramManagementAccountOutcome['action'];

interface ApplyPmaContext {
  api: ChannelApi;
  runId: string;
  readLagDelaysMs: readonly number[];
  /** Waits (ms) between handshake attempts whose answer was lost (default: sendOnce's). */
  handshakeDelaysMs?: readonly number[];
}

const outcomeOf = (change: ProgramManagementAccountChange, action: Action, extra: Partial<ProgramManagementAccountOutcome>): ProgramManagementAccountOutcome => ({
  kind: 'programManagementAccount',
  address: change.address,
  action,
  status: 'succeeded',
  ...(change.source ? { source: change.source } : {}),
  ...extra,
});

/** The live PMA at the change's address, read back (allowing for read lag when `expected`). */
async function readBack(api: ChannelApi, change: ProgramManagementAccountChange, delays: readonly number[]): Promise<{ id: string; arn?: string } | undefined> {
  const find = async () => {
    const found = (await api.listProgramManagementAccounts(change.programManagementAccount.catalog)).find((pma) => livePmaAddress(pma) === change.address);
    return found?.id ? { id: found.id, ...(found.arn ? { arn: found.arn } : {}) } : undefined;
  };
  return readAllowingLag(find, delays);
}

const mayHaveLanded = (error: unknown) =>
  isApiError(error, 'network') || isApiError(error, 'internal') || isApiError(error, 'throttling') || isApiError(error, 'conflict');

/** The PMA a create gave: `mine` only when this run's create is proven to have made it (the answer, or its APPLY_RUN_TAG). */
interface MadePma {
  id: string;
  arn?: string;
  mine: boolean;
  /** Not this run's: whose it is, for the outcome. */
  managed?: boolean;
}

/**
 * Whose the PMA found at the address after a 409 or a lost answer is: only one carrying this run's APPLY_RUN_TAG
 * (which only this run's create sends) is this run's create. Its tags are read on its ARN; none readable: unproven.
 */
async function ownerOf(api: ChannelApi, found: { id: string; arn?: string }, runId: string): Promise<MadePma> {
  const tags = found.arn ? await api.listTags(found.arn) : {};
  const mine = createdBy(tags, runId) === 'mine';
  return { ...found, mine, managed: ownValue(tags, MANAGED_TAG) === MANAGED_TAG_VALUE };
}

/** CreateProgramManagementAccount, and the PMA's id: from the answer, or read back by address (then proven ours or not). */
async function createPma(change: ProgramManagementAccountChange, context: ApplyPmaContext): Promise<MadePma> {
  const { api, runId, readLagDelaysMs } = context;
  const { catalog, program, accountId, displayName, tags } = change.programManagementAccount;
  try {
    const made = await api.createProgramManagementAccount({
      catalog,
      program,
      accountId,
      displayName,
      // The run tag says, after a 409 or a lost answer, whose create made the PMA at the address.
      tags: { ...tags, [MANAGED_TAG]: MANAGED_TAG_VALUE, [APPLY_RUN_TAG]: runId },
      clientToken: pmaCreateToken(change.address, runId),
    });
    if (made.id) return { id: made.id, ...(made.arn ? { arn: made.arn } : {}), mine: true };
  } catch (error) {
    // A lost answer may hide a landed create; a 409 may be another run's create at this address, or anyone's PMA.
    if (!mayHaveLanded(error)) throw error;
    const found = await readBack(api, change, readLagDelaysMs);
    if (found) return ownerOf(api, found, runId);
    throw error;
  }
  const found = await readBack(api, change, readLagDelaysMs);
  if (!found) throw new Error('the service answered without an id and no program management account shows at this address: plan again');
  return ownerOf(api, found, runId);
}

/** Sends the PMA's handshake once (the `sent`-th), unless one already waits: its id. */
async function sendPmaHandshake(change: ProgramManagementAccountChange, pmaId: string, context: ApplyPmaContext): Promise<{ id: string; note?: string }> {
  const { api } = context;
  const { catalog } = change.programManagementAccount;
  const sent = change.action === 'create' || change.action === 'replace' ? 0 : (change.handshake?.sent ?? 0);
  const findLanded = async () => (await api.listPmaHandshakes(catalog, [pmaId], ['PENDING', 'ACCEPTED'])).find((h) => h.pmaId === pmaId)?.id;
  return sendOnce(
    () => api.createPmaHandshake({ catalog, pmaId, clientToken: pmaHandshakeToken(catalog, pmaId, sent) }),
    findLanded,
    context.handshakeDelaysMs,
    'a handshake to its account',
  );
}

/** The user-tag writes of the plan's `tags.<key>` fields (what the reviewer saw), and pcc:managed for an adopt. */
async function writeTags(api: ChannelApi, change: ProgramManagementAccountChange): Promise<void> {
  const set: Array<[string, string]> = [];
  const remove: string[] = [];
  for (const field of change.fields) {
    const key = field.name.startsWith(TAG_FIELD) ? field.name.slice(TAG_FIELD.length) : undefined;
    if (key === undefined || isReservedTagKey(key)) continue;
    if (field.after === undefined) remove.push(key);
    else set.push([key, String(field.after)]);
  }
  if (change.action === 'adopt') set.push([MANAGED_TAG, MANAGED_TAG_VALUE]);
  const arn = change.programManagementAccount.arn;
  if (set.length === 0 && remove.length === 0) return;
  if (!arn) throw new Error('the plan holds no ARN for this program management account: its tags cannot be written; plan again');
  if (set.length > 0) await api.tagResource(arn, Object.fromEntries(set));
  if (remove.length > 0) await api.untagResource(arn, remove);
}

async function updatePma(change: ProgramManagementAccountChange, context: ApplyPmaContext): Promise<ProgramManagementAccountOutcome> {
  const id = change.id ?? '';
  const planned = change.programManagementAccount;
  const action: Action = change.action === 'adopt' ? 'adopt' : 'update';
  let note: string | undefined;
  if (change.fields.some((f) => f.name === 'displayName')) {
    try {
      await context.api.updateProgramManagementAccount({
        catalog: planned.catalog,
        identifier: id,
        displayName: planned.displayName,
        ...(planned.revision !== undefined ? { revision: planned.revision } : {}),
      });
    } catch (error) {
      if (!isApiError(error, 'conflict')) throw error;
      // A 409 after the SDK retried may be our own rename landing first (its answer lost): a re-read tells.
      const now = (await context.api.listProgramManagementAccounts(planned.catalog)).find((pma) => pma.id === id);
      const ours = now?.displayName === planned.displayName && planned.revision !== undefined && Number(now.revision) === Number(planned.revision) + 1;
      if (!ours) return failed(change, `UpdateProgramManagementAccount answered 409: the program management account ${STALE_MESSAGE}`);
      note = 'confirmed by a re-read after the SDK retried';
    }
  }
  await writeTags(context.api, change);
  const handshake = change.handshake?.send ? await sendPmaHandshake(change, id, context) : undefined;
  const said = handshake?.note ?? note;
  return outcomeOf(change, action, { id, ...(handshake ? { handshakeId: handshake.id } : {}), ...(said ? { note: said } : {}) });
}

async function deletePma(change: ProgramManagementAccountChange, api: ChannelApi): Promise<ProgramManagementAccountOutcome> {
  try {
    await api.deleteProgramManagementAccount(change.programManagementAccount.catalog, change.id ?? '');
  } catch (error) {
    if (isApiError(error, 'not-found')) return { ...outcomeOf(change, 'delete', { id: change.id ?? '' }), status: 'skipped', note: 'already gone' };
    throw error;
  }
  return outcomeOf(change, 'delete', { ...(change.id ? { id: change.id } : {}) });
}

/**
 * The outcome of a create that found a PMA this run did not make at the address: nothing sent about it. Another
 * pcc's (pcc:managed=true): skipped, its handshake is that apply's (a plan sends one if none waits). Anyone else's:
 * failed, never claimed nor invited in pcc's name; the next plan adopts it.
 */
function notMadeHere(
  change: ProgramManagementAccountChange,
  action: Action,
  made: MadePma,
  extra: Partial<ProgramManagementAccountOutcome>,
): ProgramManagementAccountOutcome {
  if (made.managed) {
    const note = `already created by another apply (a concurrent or earlier run): ${made.id} is at this address and carries no ${APPLY_RUN_TAG} tag of this apply; no handshake is sent (plan again: one is sent if none waits)`;
    return { ...outcomeOf(change, action, { ...extra, id: made.id }), status: 'skipped', note };
  }
  return {
    ...failed(change, `the address is taken by ${made.id}, which pcc did not create (no pcc:managed=true): nothing is sent about it; plan again (it is adopted)`),
    id: made.id,
  };
}

/** A create (or a replace's create) and its handshake. The PMA made, but its handshake not sent: failed, with its id. */
async function createWithHandshake(
  change: ProgramManagementAccountChange,
  action: Action,
  context: ApplyPmaContext,
  extra: Partial<ProgramManagementAccountOutcome> = {},
) {
  const made = await createPma(change, context);
  if (!made.mine) return notMadeHere(change, action, made, extra);
  try {
    const handshake = await sendPmaHandshake(change, made.id, context);
    return outcomeOf(change, action, { ...extra, id: made.id, handshakeId: handshake.id, ...(handshake.note ? { note: handshake.note } : {}) });
  } catch (error) {
    return {
      ...failed(change, error),
      id: made.id,
      error: `created ${made.id}, but its handshake was not sent (${failed(change, error).error ?? ''}): plan again to send it`,
    };
  }
}

export async function applyPma(change: ProgramManagementAccountChange, context: ApplyPmaContext): Promise<ProgramManagementAccountOutcome> {
  try {
    switch (change.action) {
      case 'create':
        return await createWithHandshake(change, 'create', context);
      case 'update':
      case 'adopt':
        return await updatePma(change, context);
      case 'delete':
        return await deletePma(change, context.api);
      case 'replace': {
        const gone = await deletePma(change, context.api);
        return await createWithHandshake(change, 'replace', context, gone.id ? { note: `replaced ${gone.id}` } : {});
      }
      default:
        return failed(change, `a ${change.action} of a program management account is not applied`);
    }
  } catch (error) {
    return failed(change, error);
  }
}
