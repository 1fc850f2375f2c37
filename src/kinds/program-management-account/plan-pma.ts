/**
 * One declared PMA against the live one at its address (or its `id` pin): create, adopt, update, replace, or a
 * no-op shown while its account has not accepted. PURE.
 */
import { MANAGED_TAG, MANAGED_TAG_VALUE, isReservedTagKey } from '../../model/ownership-tags.js';
import { ownValue } from '../../model/string-keyed.js';
import type { FieldChange } from '../../plan/plan-types.js';
import type { DesiredProgramManagementAccount } from './desired-pma.js';
import type { PlannedPmaHandshake, ProgramManagementAccountChange } from './pma-change.js';
import { handshakesOf } from './pma-handshakes.js';
import type { LivePmaHandshake, LiveProgramManagementAccountState } from './pma-live-state.js';

/** Plan fields named `tags.<key>` are user tags. */
export const TAG_FIELD = 'tags.';

export const isManagedPma = (live: LiveProgramManagementAccountState): boolean => ownValue(live.tags, MANAGED_TAG) === MANAGED_TAG_VALUE;

/** The user tags of a live PMA (no `pcc:` or `aws:` ones). */
const userTagsOf = (tags: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(tags ?? {}).filter(([key]) => !isReservedTagKey(key)));

/** The fields that differ: displayName, then user tags by key (a live tag the file does not declare goes). */
function diffFields(desired: DesiredProgramManagementAccount, live: LiveProgramManagementAccountState): FieldChange[] {
  const fields: FieldChange[] = [];
  if (live.displayName !== desired.displayName) fields.push({ name: 'displayName', before: live.displayName, after: desired.displayName });
  // Tags unknown (not read): nothing to compare, and nothing removed.
  if (live.tags === undefined) return fields;
  const before = userTagsOf(live.tags);
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(desired.tags)])].sort()) {
    const was = ownValue(before, key);
    const will = ownValue(desired.tags, key);
    if (was !== will) fields.push({ name: `${TAG_FIELD}${key}`, ...(was === undefined ? {} : { before: was }), ...(will === undefined ? {} : { after: will }) });
  }
  return fields;
}

/** What a create sets, for the reviewer. */
function createFields(desired: DesiredProgramManagementAccount): FieldChange[] {
  return [
    { name: 'program', after: desired.program },
    { name: 'accountId', after: desired.accountId },
    { name: 'displayName', after: desired.displayName },
    ...Object.keys(desired.tags)
      .sort()
      .map((key) => ({ name: `${TAG_FIELD}${key}`, after: desired.tags[key] })),
  ];
}

/** The planned PMA of a change: what the file declares, and what was seen live. */
function plannedOf(desired: DesiredProgramManagementAccount, live?: LiveProgramManagementAccountState) {
  return {
    name: desired.name,
    catalog: desired.catalog,
    program: desired.program,
    accountId: desired.accountId,
    displayName: desired.displayName,
    tags: { ...desired.tags },
    ...(live?.revision !== undefined ? { revision: live.revision } : {}),
    ...(live?.status !== undefined ? { status: live.status } : {}),
    ...(live?.arn !== undefined ? { arn: live.arn } : {}),
    ...(live?.tags !== undefined ? { liveTags: { ...live.tags } } : {}),
  };
}

/** A handshake's status and since, as the change records it. */
const seen = (h: LivePmaHandshake | undefined) => (h ? { id: h.id, ...(h.status ? { status: h.status } : {}), ...(h.createdAt ? { since: h.createdAt } : {}) } : {});

/** Where a PENDING PMA's handshake stands, and what the plan does about it. */
interface HandshakeState {
  handshake: PlannedPmaHandshake;
  /** Shown though unchanged: waiting, or rejected/expired without --resend. */
  reason?: string;
  reasonCode?: ProgramManagementAccountChange['reasonCode'];
  warning?: string;
}

function handshakeState(
  desired: DesiredProgramManagementAccount,
  live: LiveProgramManagementAccountState,
  all: readonly LivePmaHandshake[] | undefined,
  resend: boolean,
): HandshakeState | undefined {
  if (live.status !== 'PENDING' || live.id === undefined) return undefined;
  const history = handshakesOf(all, live.catalog, live.id);
  const latest = history.at(-1);
  const sent = history.length;
  const account = desired.accountId;
  if (latest?.status === 'PENDING' || latest?.status === 'ACCEPTED') {
    const why = `waiting for account ${account} to accept (${latest.id})`;
    return { handshake: { send: false, sent, ...seen(latest) }, reason: why, reasonCode: 'pma-handshake-pending' };
  }
  if (latest?.status === 'REJECTED' || latest?.status === 'EXPIRED') {
    const what = `the handshake ${latest.id} to account ${account} was ${latest.status.toLowerCase()}`;
    if (resend) return { handshake: { send: true, sent, ...seen(latest) }, reason: `${what}: --resend sends it again`, reasonCode: 'pma-handshake-resend' };
    return {
      handshake: { send: false, sent, ...seen(latest) },
      reason: what,
      reasonCode: 'pma-handshake-rejected',
      warning: `${what}; the PMA stays PENDING: run with --resend to send it again`,
    };
  }
  // None, or the last one canceled (or of no status pcc knows): the PMA cannot become active without one.
  return { handshake: { send: true, sent, ...seen(latest) }, reason: `no handshake waits for account ${account}: one is sent`, reasonCode: 'pma-handshake-due' };
}

/** The change for one declared PMA, given the live one it matched (undefined: none). */
export function planDeclaredPma(
  desired: DesiredProgramManagementAccount,
  live: LiveProgramManagementAccountState | undefined,
  handshakes: readonly LivePmaHandshake[] | undefined,
  options: { resend: boolean; allowReplace: boolean; relationships?: number },
): ProgramManagementAccountChange {
  const base = { kind: 'programManagementAccount' as const, address: desired.address, source: { file: desired.source.file, line: desired.source.line } };
  if (!live) {
    return { ...base, action: 'create', fields: createFields(desired), programManagementAccount: plannedOf(desired), handshake: { send: true, sent: 0 } };
  }
  const id = live.id === undefined ? {} : { id: live.id };
  if (live.program !== desired.program || live.accountId !== desired.accountId) {
    // Only an `id` pin gets here: a PMA at another address. Program and account cannot change in place.
    const fields: FieldChange[] = [
      ...(live.program !== desired.program ? [{ name: 'program', before: live.program, after: desired.program, forcesReplace: true }] : []),
      ...(live.accountId !== desired.accountId ? [{ name: 'accountId', before: live.accountId, after: desired.accountId, forcesReplace: true }] : []),
    ];
    const managed = isManagedPma(live);
    const blocked = !managed || !options.allowReplace;
    const reason = !managed
      ? 'program or accountId cannot change in place, and pcc does not manage this program management account (no pcc:managed=true): it is never deleted'
      : options.allowReplace
        ? 'program or accountId cannot change in place: --allow-replace deletes it and creates the declared one'
        : 'program or accountId cannot change in place: re-run with --allow-replace to delete it and create the declared one';
    return {
      ...base,
      ...id,
      action: 'replace',
      fields,
      ...(blocked ? { blocked: true } : {}),
      reason,
      reasonCode: !managed ? 'replace-blocked-unmanaged' : options.allowReplace ? 'replace-allowed' : 'replace-blocked-no-allow',
      programManagementAccount: plannedOf(desired, live),
      handshake: { send: true, sent: 0 },
      ...(options.relationships !== undefined ? { relationships: options.relationships } : {}),
    };
  }
  const fields = diffFields(desired, live);
  const state = handshakeState(desired, live, handshakes, options.resend);
  const planned = plannedOf(desired, live);
  const waiting = state && {
    handshake: state.handshake,
    ...(state.reason ? { reason: state.reason } : {}),
    ...(state.reasonCode ? { reasonCode: state.reasonCode } : {}),
  };
  const warnings = [
    ...(state?.warning ? [state.warning] : []),
    ...(live.status === 'INACTIVE' ? [`program management account ${live.id ?? desired.address} is INACTIVE: nothing under it is attempted`] : []),
  ];
  const more = { ...waiting, ...(warnings.length > 0 ? { warnings } : {}) };
  if (!isManagedPma(live)) {
    // Someone set pcc:managed to another value (an opt-out): adopting overrides it, so the reviewer is told, as for relationships.
    const tag = ownValue(live.tags, MANAGED_TAG);
    const optOut = tag === undefined ? [] : [`pcc:managed is ${JSON.stringify(tag)}, not "true": not managed by pcc; adopting sets it to "true"`];
    const adoptWarnings = [...warnings, ...optOut];
    return { ...base, ...id, action: 'adopt', fields, programManagementAccount: planned, ...more, ...(adoptWarnings.length > 0 ? { warnings: adoptWarnings } : {}) };
  }
  if (fields.length > 0 || state?.handshake.send) return { ...base, ...id, action: 'update', fields, programManagementAccount: planned, ...more };
  return { ...base, ...id, action: 'no-op', fields: [], programManagementAccount: planned, ...more };
}
