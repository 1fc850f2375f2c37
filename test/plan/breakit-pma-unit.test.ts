/** Defects found by review of issue 21 (program management accounts as code), as failing tests: the pure cores. */
import { describe, expect, it } from 'vitest';
import type { DesiredProgramManagementAccount } from '../../src/kinds/program-management-account/desired-pma.js';
import type { LiveProgramManagementAccountState } from '../../src/kinds/program-management-account/pma-live-state.js';
import { readLive } from '../../src/live/read-live.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderPlan } from '../../src/render/index.js';
import { applyPma } from '../../src/kinds/program-management-account/apply-pma.js';
import type { ProgramManagementAccountChange } from '../../src/kinds/program-management-account/pma-change.js';
import { apiError, createFakeChannelApi } from '../support/fake-channel-api.js';
import type { DesiredRelationship } from '../../src/desired/types.js';
import type { LiveState } from '../../src/live/live-state.js';
import { desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const OLD_ID = 'pma-emea000000001';

function declared(overrides: Partial<DesiredProgramManagementAccount> = {}): DesiredProgramManagementAccount {
  const pma = { name: 'emea', catalog: 'AWS', program: 'DISTRIBUTION', accountId: '111122223333', displayName: 'EMEA', tags: {}, ...overrides };
  return {
    ...pma,
    address: `${pma.catalog}/${pma.program}/${pma.accountId}`,
    source: { file: 'relationships/pmas.yaml', line: 3, column: 5 },
    entry: { docIndex: 0, index: 0 },
  };
}

const livePma = (id: string, accountId: string): LiveProgramManagementAccountState => ({
  id,
  arn: `arn:aws:partnercentral:us-east-1:000000000000:catalog/AWS/program-management-account/${id}`,
  catalog: 'AWS',
  program: 'DISTRIBUTION',
  accountId,
  displayName: 'EMEA',
  status: 'ACTIVE',
  revision: '2',
});

/** A fake account: these PMAs (all tagged pcc:managed=true) and `under` relationships under each PMA id. */
function fake(pmas: LiveProgramManagementAccountState[], under: Record<string, number>) {
  const api = createFakeChannelApi();
  api.listProgramManagementAccounts = async (catalog) => structuredClone(pmas.filter((p) => p.catalog === catalog));
  api.listTags = async () => ({ ...MANAGED });
  api.listRelationships = async (filter) => {
    const id = filter.programManagementAccountIdentifiers?.[0] ?? '';
    return Array.from({ length: under[id] ?? 0 }, () => ({}) as never);
  };
  api.listPmaHandshakes = async () => [];
  return api;
}

describe('breakit: PMA replace and relationships', () => {
  it('#1 a replace (id pin, accountId changed, --allow-replace) of a PMA that still has relationships is a plan error, as a prune is', async () => {
    // The pinned PMA has 3 relationships under it; the file moves it to another account.
    const desired = { ...desiredState([]), programManagementAccounts: [declared({ id: OLD_ID, accountId: '999999999999' })] };
    const api = fake([livePma(OLD_ID, '111122223333')], { [OLD_ID]: 3 });
    const live = await readLive(api, desired);
    const plan = buildPlan(desired, live, { prune: false, allowReplace: true, dir: 'relationships', now: NOW });
    const replace = plan.changes.find((c) => c.kind === 'programManagementAccount');
    expect(replace).toMatchObject({ action: 'replace', id: OLD_ID });
    // The delete half would fail with 409 (or, where the service cascades, take the relationships with it).
    expect(plan.errors.map((e) => e.code)).toContain('pma-has-relationships');
    expect(plan.applyable).toBe(false);
  });
});

const LIVE_ID = 'pma-latam00000001';

/** An entry naming the declared PMA `emea` by its name, as the loader gives it. */
const named = (account: string): DesiredRelationship =>
  desiredEntry(account, { programManagementAccountIdentifier: 'emea', pmaId: 'emea', programManagementAccount: 'emea', address: `AWS/emea/${account}` });

function planNamed(live: LiveProgramManagementAccountState[], options: Record<string, unknown>) {
  const desired = { ...desiredState([named('210000000031')]), programManagementAccounts: [declared()] };
  const state = { relationships: [], programManagementAccounts: live, pmaHandshakes: [] } as unknown as LiveState;
  return buildPlan(desired, state, { prune: false, allowReplace: false, dir: 'relationships', now: NOW, ...options });
}

const pmaTagged = (status: string): LiveProgramManagementAccountState => ({ ...livePma(LIVE_ID, '111122223333'), status, tags: { ...MANAGED } });

describe('breakit: --replace and --target with PMA and name-form addresses', () => {
  it('#2 --replace with a PMA address is not silently ignored: it replaces the PMA or is an error', () => {
    const plan = planNamed([pmaTagged('ACTIVE')], { replace: ['AWS/DISTRIBUTION/111122223333'], allowReplace: true });
    const replaced = plan.changes.some((c) => c.address === 'AWS/DISTRIBUTION/111122223333' && c.action === 'replace');
    const refused = plan.errors.some((e) => e.address === 'AWS/DISTRIBUTION/111122223333');
    expect(replaced || refused).toBe(true);
  });

  it('#3 --target in name form (AWS/emea/ACCOUNT) still finds the relationship once its PMA exists, or points at its id-form address', () => {
    const plan = planNamed([pmaTagged('ACTIVE')], { targets: ['AWS/emea/210000000031'] });
    const found = plan.changes.some((c) => c.kind === 'relationship' && c.address === `AWS/${LIVE_ID}/210000000031`);
    const hint = plan.errors.find((e) => e.code === 'target-not-found')?.hint ?? '';
    expect(found || hint.includes(`AWS/${LIVE_ID}/210000000031`), `hint was: ${hint}`).toBe(true);
  });
});

describe('breakit: what the reviewer sees', () => {
  it('#4 adopting a PENDING PMA that has no handshake says, in text and markdown, that a handshake goes to its account', () => {
    // A PMA made by hand, PENDING, never invited: adopting it sends a PROGRAM_MANAGEMENT_ACCOUNT handshake.
    const desired = { ...desiredState([]), programManagementAccounts: [declared()] };
    const hand = { ...livePma(OLD_ID, '111122223333'), status: 'PENDING', tags: {} };
    const state = { relationships: [], programManagementAccounts: [hand], pmaHandshakes: [] } as unknown as LiveState;
    const plan = buildPlan(desired, state, { prune: false, allowReplace: false, dir: 'relationships', now: NOW });
    expect(plan.changes.find((c) => c.kind === 'programManagementAccount')).toMatchObject({ action: 'adopt', handshake: { send: true } });
    expect(plan.summary.pmaHandshake).toBe(1);
    for (const format of ['text', 'markdown'] as const) {
      const rendered = renderPlan(plan, format, { color: false });
      const line = rendered.split('\n').find((l) => l.includes('AWS/DISTRIBUTION/111122223333')) ?? '';
      // The create line says "then a PROGRAM_MANAGEMENT_ACCOUNT handshake to account … sent"; the adopt line says nothing of it.
      expect(rendered.slice(rendered.indexOf(line)).split(/\n\s*\n/)[0], format).toMatch(/handshake to account 111122223333/);
    }
  });
});

describe('breakit: --prune and PMAs the files still name', () => {
  it('#6 --prune never deletes a managed PMA that a document still names by programManagementAccountIdentifier (least of all while the same plan creates a relationship under it)', () => {
    // `emea` is declared (so PMAs are looked at in AWS); pma-emea000000001 is pcc's, ACTIVE, no longer declared,
    // with no relationship yet, and a document names it by id with one relationship to create.
    const other = { ...livePma('pma-other00000001', '111122223333'), tags: { ...MANAGED } };
    const named = { ...livePma(OLD_ID, '555566667777'), tags: { ...MANAGED }, relationships: 0 };
    const entry = desiredEntry('210000000088', { programManagementAccountIdentifier: OLD_ID, pmaId: OLD_ID, address: `AWS/${OLD_ID}/210000000088` });
    const desired = { ...desiredState([entry]), programManagementAccounts: [declared()] };
    const state = { relationships: [], programManagementAccounts: [other, named], pmaHandshakes: [] } as unknown as LiveState;
    const plan = buildPlan(desired, state, { prune: true, allowReplace: false, dir: 'relationships', now: NOW });
    expect(plan.changes.find((c) => c.kind === 'relationship' && c.address === `AWS/${OLD_ID}/210000000088`)).toMatchObject({ action: 'create' });
    const deleted = plan.changes.find((c) => c.kind === 'programManagementAccount' && c.action === 'delete' && c.id === OLD_ID);
    const refused = plan.errors.some((e) => e.address === 'AWS/DISTRIBUTION/555566667777');
    // Today: the plan creates the relationship AND deletes its PMA, no error (apply then fails with 409, or a
    // cascading service deletes the relationship it just made).
    expect(deleted === undefined || refused).toBe(true);
  });
});

describe('breakit: the 50-PMA quota', () => {
  it('#7 counts the PMAs of the account in every catalog (the quota is per account): the 51st is a plan error, never a 402 at apply', async () => {
    // 49 PMAs in Sandbox (no file names Sandbox), 1 in AWS; the files declare one more in AWS: the 51st.
    const sandbox = Array.from({ length: 49 }, (_, i) => ({ ...livePma(`pma-sandbox${String(i).padStart(6, '0')}`, String(300000000000 + i)), catalog: 'Sandbox' }));
    const aws = livePma('pma-aws000000001', '400000000001');
    const desired = { ...desiredState([]), programManagementAccounts: [declared({ accountId: '400000000002' })] };
    const api = fake([...sandbox, aws], {});
    const live = await readLive(api, desired);
    const plan = buildPlan(desired, live, { prune: false, allowReplace: false, dir: 'relationships', now: NOW });
    expect(plan.changes.find((c) => c.kind === 'programManagementAccount')).toMatchObject({ action: 'create' });
    expect(plan.errors.map((e) => e.code)).toContain('pma-quota');
  });
});

describe('breakit: one live PMA claimed by two declarations', () => {
  it('#8 a PMA pinned by one declaration (id:) and at the address of another is not both kept and replaced in one plan', () => {
    // Live: pma-emea000000001, pcc's, at AWS/DISTRIBUTION/111122223333. `emea` pins it but moves it to another account;
    // `keep` declares the PMA at its current address. Both claim the same live PMA.
    const live = { ...livePma(OLD_ID, '111122223333'), tags: { ...MANAGED }, relationships: 0 };
    const pinned = declared({ id: OLD_ID, accountId: '999999999999' });
    const keep = { ...declared({ name: 'keep' }), entry: { docIndex: 0, index: 1 } };
    const desired = { ...desiredState([]), programManagementAccounts: [pinned, keep] };
    const state = { relationships: [], programManagementAccounts: [live], pmaHandshakes: [] } as unknown as LiveState;
    const plan = buildPlan(desired, state, { prune: false, allowReplace: true, dir: 'relationships', now: NOW });
    const changes = plan.changes.filter((c) => c.kind === 'programManagementAccount').map((c) => [c.address, c.action, c.id]);
    const replaced = changes.some(([, action]) => action === 'replace');
    const keptToo = changes.some(([address, action, id]) => address === 'AWS/DISTRIBUTION/111122223333' && id === OLD_ID && action !== 'create');
    // Today: `emea` replaces (deletes) pma-emea000000001 while `keep` plans it as its own, no error.
    expect(!(replaced && keptToo) || plan.errors.length > 0, JSON.stringify(changes)).toBe(true);
  });
});

describe('breakit: relationships under a PMA that is not ACTIVE', () => {
  it('#9 a PMA whose status is not ACTIVE (absent from the answer, or one pcc does not know) holds the relationships under it', () => {
    for (const status of [undefined, 'SUSPENDED']) {
      const pma = { ...livePma(LIVE_ID, '111122223333'), tags: { ...MANAGED } } as LiveProgramManagementAccountState;
      if (status === undefined) delete (pma as { status?: string }).status;
      else pma.status = status;
      const plan = planNamed([pma], {});
      const relationship = plan.changes.find((c) => c.kind === 'relationship');
      // Today: a create under it, sent at apply ("pcc must not depend on either answer" of the service).
      expect(relationship?.action, `status ${String(status)}`).not.toBe('create');
    }
  });
});

describe('breakit: plan wording around PMAs', () => {
  it('#10 a plan whose only changes are held under an INACTIVE PMA does not say "Live state matches the files"', () => {
    const plan = planNamed([{ ...pmaTagged('ACTIVE'), status: 'INACTIVE' }], {});
    expect(plan.changes.find((c) => c.kind === 'relationship')).toMatchObject({ action: 'no-op', reasonCode: 'pma-inactive' });
    // The relationship is not live at all: the files and the live state do not match; pcc holds the create back.
    expect(renderPlan(plan, 'text', { color: false })).not.toContain('Live state matches the files');
  });

  it('#11 the markdown section listing unmanaged PMAs is not titled "Unmanaged relationships"', () => {
    const hand = { ...livePma('pma-hand000000001', '444455556666'), tags: {} };
    const plan = planNamed([pmaTagged('ACTIVE'), hand], {});
    expect(plan.unmanaged).toEqual([expect.objectContaining({ kind: 'programManagementAccount', id: 'pma-hand000000001' })]);
    const markdown = renderPlan(plan, 'markdown', { color: false });
    const section = markdown.slice(0, markdown.indexOf('pma\\-hand000000001'));
    expect(section.slice(section.lastIndexOf('###'))).not.toMatch(/^### Unmanaged relationships/);
  });
});

describe('breakit: a replace onto an occupied address', () => {
  it('#12 a replace whose new address already holds another PMA is not planned as delete + create', () => {
    // pma-emea000000001 (pcc's) is pinned and moved to 999999999999, where a hand-made PMA already lives.
    const pinnedLive = { ...livePma(OLD_ID, '111122223333'), tags: { ...MANAGED }, relationships: 0 };
    const occupant = { ...livePma('pma-hand000000001', '999999999999'), tags: {} };
    const desired = { ...desiredState([]), programManagementAccounts: [declared({ id: OLD_ID, accountId: '999999999999' })] };
    const state = { relationships: [], programManagementAccounts: [pinnedLive, occupant], pmaHandshakes: [] } as unknown as LiveState;
    const plan = buildPlan(desired, state, { prune: false, allowReplace: true, dir: 'relationships', now: NOW });
    const change = plan.changes.find((c) => c.kind === 'programManagementAccount' && c.address === 'AWS/DISTRIBUTION/999999999999');
    // Today: replace (delete pma-emea000000001, then CreateProgramManagementAccount at an address the service refuses with
    // 409; apply's read-back then takes the hand-made PMA for its own create), and the occupant is also listed as unmanaged.
    expect(change?.action === 'replace' && plan.errors.length === 0, JSON.stringify([change?.action, plan.errors, plan.unmanaged])).toBe(false);
  });
});

describe('breakit: a create that meets 409', () => {
  it('#13 a create answered 409 does not take a PMA someone else made at the address (no pcc:managed) for its own, nor send it a handshake', async () => {
    const change: ProgramManagementAccountChange = {
      kind: 'programManagementAccount',
      address: 'AWS/DISTRIBUTION/111122223333',
      action: 'create',
      fields: [],
      programManagementAccount: { name: 'emea', catalog: 'AWS', program: 'DISTRIBUTION', accountId: '111122223333', displayName: 'EMEA', tags: {} },
      handshake: { send: true, sent: 0 },
    };
    // Between plan and apply someone made a PMA at this address in the console: the create is refused with 409.
    const theirs = { ...livePma('pma-hand000000001', '111122223333'), status: 'PENDING' };
    const api = createFakeChannelApi();
    const sent: string[] = [];
    api.createProgramManagementAccount = () => Promise.reject(apiError('CreateProgramManagementAccount', 'conflict', 409));
    api.listProgramManagementAccounts = async () => [structuredClone(theirs)];
    api.listTags = async () => ({});
    api.listPmaHandshakes = async () => [];
    api.createPmaHandshake = async (request) => {
      sent.push(request.pmaId);
      return { id: 'ch-aaaaaaaaaaaa1' };
    };
    const outcome = await applyPma(change, { api, runId: 'run-1', readLagDelaysMs: [] });
    // Today: succeeded, id pma-hand000000001, and a handshake sent about it.
    expect({ status: outcome.status, sent }).not.toEqual({ status: 'succeeded', sent: ['pma-hand000000001'] });
  });
});

describe('breakit: service periods under a PMA that is not ACTIVE', () => {
  it('#15 an existing relationship under an INACTIVE (or PENDING) PMA: its declared service period is not requested', () => {
    for (const status of ['INACTIVE', 'PENDING']) {
      const entry = desiredEntry('210000000031', {
        programManagementAccountIdentifier: LIVE_ID,
        pmaId: LIVE_ID,
        address: `AWS/${LIVE_ID}/210000000031`,
        servicePeriod: { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 },
      });
      const relationship = liveEntry('210000000031', 'rs-aaaaaaaaaaa01', { programManagementAccountId: LIVE_ID, tags: { ...MANAGED } });
      const desired = { ...desiredState([entry]), programManagementAccounts: [declared()] };
      const state = { relationships: [relationship], programManagementAccounts: [pmaTagged(status)], pmaHandshakes: [], serviceHandshakes: [] } as unknown as LiveState;
      const plan = buildPlan(desired, state, { prune: false, allowReplace: false, dir: 'relationships', now: NOW });
      const periods = plan.changes.filter((c) => c.kind === 'servicePeriod').map((c) => [c.action, c.reasonCode]);
      expect(plan.changes.find((c) => c.kind === 'relationship')?.action, status).toBe('no-op');
      // "Nothing under it is attempted": no START_SERVICE_PERIOD handshake is sent under a PMA that is not ACTIVE.
      expect(plan.summary.request ?? 0, `${status}: ${JSON.stringify(periods)}`).toBe(0);
    }
  });
});

describe('breakit: two applies at once', () => {
  it('#17 a create that meets 409 (another run made the PMA) reads the handshakes before sending one: no second invitation', async () => {
    const change: ProgramManagementAccountChange = {
      kind: 'programManagementAccount',
      address: 'AWS/DISTRIBUTION/111122223333',
      action: 'create',
      fields: [],
      programManagementAccount: { name: 'emea', catalog: 'AWS', program: 'DISTRIBUTION', accountId: '111122223333', displayName: 'EMEA', tags: {} },
      handshake: { send: true, sent: 0 },
    };
    // The other run created the PMA (tagged pcc:managed=true) and already sent its handshake, which is PENDING.
    const other = { ...livePma('pma-other00000001', '111122223333'), status: 'PENDING', tags: { ...MANAGED } };
    const api = createFakeChannelApi();
    const sent: string[] = [];
    api.createProgramManagementAccount = () => Promise.reject(apiError('CreateProgramManagementAccount', 'conflict', 409));
    api.listProgramManagementAccounts = async () => [structuredClone(other)];
    api.listTags = async () => ({ ...MANAGED });
    api.listPmaHandshakes = async () => [{ id: 'ch-first0000001', catalog: 'AWS', pmaId: 'pma-other00000001', status: 'PENDING', receiverAccountId: '111122223333' }];
    api.createPmaHandshake = async (request) => {
      sent.push(request.pmaId);
      // A service that forgot the token (or never compared it) and allows a second PENDING one: EMULATOR's envelope.
      return { id: 'ch-second000001' };
    };
    await applyPma(change, { api, runId: 'run-2', readLagDelaysMs: [] });
    expect(sent).toEqual([]);
  });
});

describe('breakit: "not in any file"', () => {
  it('#19 a PMA a document names by programManagementAccountIdentifier is not listed as "Unmanaged (not in any file)"', () => {
    const hand = { ...livePma(OLD_ID, '555566667777'), tags: {} };
    const entry = desiredEntry('210000000088', { programManagementAccountIdentifier: OLD_ID, pmaId: OLD_ID, address: `AWS/${OLD_ID}/210000000088` });
    const desired = { ...desiredState([entry]), programManagementAccounts: [declared()] };
    const state = {
      relationships: [],
      programManagementAccounts: [{ ...livePma('pma-other00000001', '111122223333'), tags: { ...MANAGED } }, hand],
      pmaHandshakes: [],
    } as unknown as LiveState;
    const plan = buildPlan(desired, state, { prune: false, allowReplace: false, dir: 'relationships', now: NOW });
    const text = renderPlan(plan, 'text', { color: false });
    const unmanagedSection = text.slice(text.indexOf('Unmanaged (not in any file'));
    expect(text.includes('Unmanaged (not in any file') && unmanagedSection.includes(OLD_ID), unmanagedSection).toBe(false);
  });
});

describe('breakit: deleting a PMA with a pending invitation', () => {
  it('#20 the plan that deletes a PENDING PMA says its pending handshake is left unanswerable (as relationship deletes do)', () => {
    const gone = { ...livePma(OLD_ID, '555566667777'), status: 'PENDING', tags: { ...MANAGED }, relationships: 0 };
    const desired = { ...desiredState([]), programManagementAccounts: [declared()] };
    const handshakes = [
      { id: 'ch-pending000001', catalog: 'AWS', pmaId: OLD_ID, status: 'PENDING', receiverAccountId: '555566667777', createdAt: '2026-11-30T08:00:00.000Z' },
    ];
    const state = {
      relationships: [],
      programManagementAccounts: [{ ...livePma('pma-other00000001', '111122223333'), tags: { ...MANAGED } }, gone],
      pmaHandshakes: handshakes,
    } as unknown as LiveState;
    const plan = buildPlan(desired, state, { prune: true, allowReplace: false, dir: 'relationships', now: NOW });
    expect(plan.changes.find((c) => c.kind === 'programManagementAccount' && c.action === 'delete')).toMatchObject({ id: OLD_ID });
    expect(renderPlan(plan, 'text', { color: false })).toContain('ch-pending000001');
  });
});

describe('breakit: the fix pma-has-relationships gives', () => {
  it('#22 the hint says how to prune the relationships of a PMA no file names (a document naming it with relationships: [])', () => {
    const old = { ...livePma(OLD_ID, '555566667777'), tags: { ...MANAGED }, relationships: 2 };
    const desired = { ...desiredState([]), programManagementAccounts: [declared()] };
    const state = {
      relationships: [],
      programManagementAccounts: [{ ...livePma('pma-other00000001', '111122223333'), tags: { ...MANAGED } }, old],
      pmaHandshakes: [],
    } as unknown as LiveState;
    const plan = buildPlan(desired, state, { prune: true, allowReplace: false, dir: 'relationships', now: NOW });
    const error = plan.errors.find((e) => e.code === 'pma-has-relationships');
    expect(error).toBeDefined();
    // Today: "remove their entries and plan with --prune" — but the files name no entry under it, and pcc prunes only in
    // the PMAs the files name, so that does nothing.
    expect(error?.hint ?? '').toMatch(/relationships: \[\]|programManagementAccountIdentifier/);
  });
});

describe('breakit: adopting a PMA tagged pcc:managed=false', () => {
  it('#23 warns, as a relationship adopt does, that pcc:managed "false" is replaced by "true"', () => {
    const optedOut = { ...livePma(OLD_ID, '111122223333'), tags: { 'pcc:managed': 'false' } };
    const desired = { ...desiredState([]), programManagementAccounts: [declared()] };
    const state = { relationships: [], programManagementAccounts: [optedOut], pmaHandshakes: [] } as unknown as LiveState;
    const plan = buildPlan(desired, state, { prune: false, allowReplace: false, dir: 'relationships', now: NOW });
    const change = plan.changes.find((c) => c.kind === 'programManagementAccount');
    expect(change).toMatchObject({ action: 'adopt' });
    expect((change?.warnings ?? []).join(' ')).toMatch(/pcc:managed/);
  });
});
