/** The pure core of PMA planning: create, adopt, update, replace, delete and the handshake's wait, resend and quotas. */
import { describe, expect, it } from 'vitest';
import type { DesiredProgramManagementAccount } from '../../src/kinds/program-management-account/desired-pma.js';
import type { LivePmaHandshake, LiveProgramManagementAccountState } from '../../src/kinds/program-management-account/pma-live-state.js';
import { PMA_QUOTAS } from '../../src/kinds/program-management-account/pma-quotas.js';
import type { LiveState } from '../../src/live/live-state.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { PlanOptions } from '../../src/plan/plan-options.js';
import { desiredState, MANAGED } from '../support/state-builders.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const EMEA = '123456789012';
const ID = 'pma-aaaaaaaaaaaa1';

function declared(overrides: Partial<DesiredProgramManagementAccount> = {}): DesiredProgramManagementAccount {
  const pma = { name: 'emea', catalog: 'AWS', program: 'DISTRIBUTION', accountId: EMEA, displayName: 'EMEA', tags: {}, ...overrides };
  return {
    ...pma,
    address: `${pma.catalog}/${pma.program}/${pma.accountId}`,
    source: { file: 'relationships/pmas.yaml', line: 3, column: 5 },
    entry: { docIndex: 0, index: 0 },
  };
}

function live(overrides: Partial<LiveProgramManagementAccountState> = {}): LiveProgramManagementAccountState {
  const id = overrides.id ?? ID;
  return {
    id,
    arn: `arn:aws:partnercentral:us-east-1:000000000000:catalog/AWS/program-management-account/${id}`,
    catalog: 'AWS',
    program: 'DISTRIBUTION',
    accountId: EMEA,
    displayName: 'EMEA',
    status: 'ACTIVE',
    revision: '3',
    tags: { ...MANAGED },
    ...overrides,
  };
}

const handshake = (status: LivePmaHandshake['status'], createdAt = '2026-11-30T08:00:00.000Z', id = 'ch-aaaaaaaaaaaa1'): LivePmaHandshake => ({
  id,
  catalog: 'AWS',
  pmaId: ID,
  receiverAccountId: EMEA,
  ...(status ? { status } : {}),
  createdAt,
});

function plan(pmas: DesiredProgramManagementAccount[], state: Partial<LiveState>, options: Partial<PlanOptions> = {}) {
  const desired = { ...desiredState([]), programManagementAccounts: pmas };
  return buildPlan(
    desired,
    { relationships: [], programManagementAccounts: [], pmaHandshakes: [], ...state },
    { prune: false, allowReplace: false, dir: 'relationships', now: NOW, ...options },
  );
}

const pmaChanges = (p: ReturnType<typeof plan>) => p.changes.filter((c) => c.kind === 'programManagementAccount');

describe('planning program management accounts', () => {
  it('creates a declared PMA no live one stands for, with its handshake, counted as one to send', () => {
    const p = plan([declared({ tags: { team: 'emea' } })], {});
    expect(pmaChanges(p)).toEqual([
      expect.objectContaining({
        action: 'create',
        address: `AWS/DISTRIBUTION/${EMEA}`,
        handshake: { send: true, sent: 0 },
        fields: [
          { name: 'program', after: 'DISTRIBUTION' },
          { name: 'accountId', after: EMEA },
          { name: 'displayName', after: 'EMEA' },
          { name: 'tags.team', after: 'emea' },
        ],
      }),
    ]);
    expect(p.summary).toMatchObject({ create: 1, pmaHandshake: 1 });
    expect(p.applyable).toBe(true);
  });

  it('waits for the account while its handshake is PENDING: a shown no-op, not a change, nothing sent', () => {
    const p = plan([declared()], { programManagementAccounts: [live({ status: 'PENDING' })], pmaHandshakes: [handshake('PENDING')] });
    expect(pmaChanges(p)).toEqual([
      expect.objectContaining({ action: 'no-op', reasonCode: 'pma-handshake-pending', reason: `waiting for account ${EMEA} to accept (ch-aaaaaaaaaaaa1)` }),
    ]);
    expect(p.summary).toMatchObject({ create: 0, update: 0, noOp: 1 });
    expect(p.summary.pmaHandshake).toBeUndefined();
  });

  it('shows a rejected or expired handshake with a warning, and sends another only with --resend (the next in sequence)', () => {
    for (const status of ['REJECTED', 'EXPIRED'] as const) {
      const state = { programManagementAccounts: [live({ status: 'PENDING' })], pmaHandshakes: [handshake(status)] };
      const [shown] = pmaChanges(plan([declared()], state));
      expect(shown).toMatchObject({ action: 'no-op', reasonCode: 'pma-handshake-rejected', handshake: { send: false, sent: 1, status } });
      expect(shown?.warnings?.[0]).toMatch(/--resend/);
      const [resent] = pmaChanges(plan([declared()], state, { resend: true }));
      expect(resent).toMatchObject({ action: 'update', reasonCode: 'pma-handshake-resend', handshake: { send: true, sent: 1 } });
    }
  });

  it('sends the handshake a PENDING PMA lacks (an apply stopped between the create and the handshake)', () => {
    const [change] = pmaChanges(plan([declared()], { programManagementAccounts: [live({ status: 'PENDING' })] }));
    expect(change).toMatchObject({ action: 'update', reasonCode: 'pma-handshake-due', handshake: { send: true, sent: 0 }, fields: [] });
  });

  it('adopts an unmanaged PMA at the address (tagged, never created again), updating what differs', () => {
    const [change] = pmaChanges(plan([declared({ displayName: 'EMEA new' })], { programManagementAccounts: [live({ tags: {} })] }));
    expect(change).toMatchObject({ action: 'adopt', id: ID, fields: [{ name: 'displayName', before: 'EMEA', after: 'EMEA new' }] });
  });

  it('updates displayName and user tags in place, with the revision planned against; ACTIVE and as declared is a hidden no-op', () => {
    const [change] = pmaChanges(
      plan([declared({ displayName: 'EMEA new', tags: { team: 'b' } })], { programManagementAccounts: [live({ tags: { ...MANAGED, team: 'a', old: 'x' } })] }),
    );
    expect(change).toMatchObject({ action: 'update', programManagementAccount: { revision: '3' } });
    expect(change?.fields).toEqual([
      { name: 'displayName', before: 'EMEA', after: 'EMEA new' },
      { name: 'tags.old', before: 'x' },
      { name: 'tags.team', before: 'a', after: 'b' },
    ]);
    const [same] = pmaChanges(plan([declared()], { programManagementAccounts: [live()] }));
    expect(same).toMatchObject({ action: 'no-op', fields: [] });
    expect(same?.reasonCode).toBeUndefined();
  });

  it('a pinned PMA whose program or account changed is a replacement: blocked without --allow-replace, never for an unmanaged one', () => {
    const pinned = declared({ id: ID, accountId: '210987654321' });
    const [blocked] = pmaChanges(plan([pinned], { programManagementAccounts: [live()] }));
    expect(blocked).toMatchObject({
      action: 'replace',
      blocked: true,
      reasonCode: 'replace-blocked-no-allow',
      fields: [expect.objectContaining({ name: 'accountId', forcesReplace: true })],
    });
    const allowed = plan([pinned], { programManagementAccounts: [live()] }, { allowReplace: true });
    expect(pmaChanges(allowed)[0]).toMatchObject({ action: 'replace', reasonCode: 'replace-allowed' });
    expect(pmaChanges(allowed)[0]?.blocked).toBeUndefined();
    const [unmanaged] = pmaChanges(plan([pinned], { programManagementAccounts: [live({ tags: {} })] }, { allowReplace: true }));
    expect(unmanaged).toMatchObject({ blocked: true, reasonCode: 'replace-blocked-unmanaged' });
    expect(plan([declared({ id: 'pma-bbbbbbbbbbbb2', accountId: '210987654321' })], { programManagementAccounts: [live()] }).errors.map((e) => e.code)).toEqual([
      'pma-id-not-found',
    ]);
    // After a replace the pin names the old PMA: the new one at the address stands for it, with a warning to update the pin.
    const [stale] = pmaChanges(plan([declared({ id: 'pma-bbbbbbbbbbbb2' })], { programManagementAccounts: [live()] }));
    expect(stale).toMatchObject({ action: 'no-op', id: ID, warnings: [expect.stringContaining(`write id: ${ID}`)] });
  });

  it('undeclared PMAs in a catalog that declares PMAs: managed ones are pruned (never with relationships under them), others reported', () => {
    const other = live({ id: 'pma-cccccccccccc3', accountId: '333333333333', displayName: 'Old', relationships: 0 });
    const handMade = live({ id: 'pma-dddddddddddd4', accountId: '444444444444', tags: { 'pcc:managed': 'yes' } });
    const sandbox = live({ id: 'pma-eeeeeeeeeeee5', catalog: 'Sandbox', relationships: 0 });
    const state = { programManagementAccounts: [live(), other, handMade, sandbox] };
    const without = plan([declared()], state);
    expect(without.pruneCandidates).toEqual([{ kind: 'programManagementAccount', address: 'AWS/DISTRIBUTION/333333333333', id: other.id, displayName: 'Old' }]);
    expect(without.unmanaged).toEqual([expect.objectContaining({ kind: 'programManagementAccount', id: handMade.id, managedTag: 'yes' })]);
    const pruned = plan([declared()], state, { prune: true });
    expect(pmaChanges(pruned).filter((c) => c.action === 'delete')).toEqual([expect.objectContaining({ id: other.id, reasonCode: 'pma-delete-not-in-files' })]);
    expect(pruned.errors).toEqual([]);
    const busy = plan([declared()], { programManagementAccounts: [live(), { ...other, relationships: 3 }] }, { prune: true });
    expect(busy.errors).toEqual([expect.objectContaining({ code: 'pma-has-relationships', message: expect.stringContaining('still has 3 relationships') })]);
    expect(busy.applyable).toBe(false);
    // The delete guard counts PMA deletes too.
    expect(plan([declared()], state, { prune: true, maxDeletes: 0 }).errors.map((e) => e.code)).toEqual(['delete-guard']);
  });

  it('looks at nothing where no file declares PMAs', () => {
    const p = plan([], { programManagementAccounts: [live(), live({ id: 'pma-cccccccccccc3', accountId: '333333333333', tags: {} })] }, { prune: true });
    expect(pmaChanges(p)).toEqual([]);
    expect(p.unmanaged).toEqual([]);
  });

  it('plans the quotas as errors: 5 handshakes a day to one account, 100 pending, 50 PMAs', () => {
    const sentToday = Array.from({ length: PMA_QUOTAS.handshakesPerAccountPerDay }, (_, i) => ({
      ...handshake('REJECTED', '2026-12-01T0' + String(i) + ':00:00.000Z', `ch-aaaaaaaaaaa${i}x`),
    }));
    const day = plan([declared()], { programManagementAccounts: [live({ status: 'PENDING' })], pmaHandshakes: sentToday }, { resend: true });
    expect(day.errors.map((e) => e.code)).toEqual(['pma-handshake-quota']);
    const yesterday = sentToday.map((h) => ({ ...h, createdAt: '2026-11-29T00:00:00.000Z' }));
    expect(plan([declared()], { programManagementAccounts: [live({ status: 'PENDING' })], pmaHandshakes: yesterday }, { resend: true }).errors).toEqual([]);
    const pending = Array.from({ length: PMA_QUOTAS.pendingHandshakes }, (_, i) => ({
      ...handshake('PENDING', '2026-11-01T00:00:00.000Z', `ch-p${i}`),
      pmaId: `pma-x${i}`,
      receiverAccountId: `9${i}`,
    }));
    expect(plan([declared()], { pmaHandshakes: pending }).errors.map((e) => e.message)).toEqual([
      expect.stringContaining('101 PROGRAM_MANAGEMENT_ACCOUNT handshakes would be pending'),
    ]);
    const many = Array.from({ length: PMA_QUOTAS.pmasPerAccount }, (_, i) =>
      live({ id: `pma-m${String(i).padStart(12, '0')}`, accountId: String(500000000000 + i), tags: {} }),
    );
    expect(plan([declared()], { programManagementAccounts: many }).errors.map((e) => e.code)).toEqual(['pma-quota']);
  });
});
