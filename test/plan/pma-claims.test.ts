/**
 * Who a live PMA belongs to, beyond the reviewer's examples (breakit #6, #8, #12, #13, #17): a PMA the files name
 * by id only in a document default is spoken for too; two declarations claiming one PMA are an error whichever
 * comes first; a create's read-back is this run's only when it carries this run's pcc:apply-run tag.
 */
import { describe, expect, it } from 'vitest';
import type { DesiredProgramManagementAccount } from '../../src/kinds/program-management-account/desired-pma.js';
import type { LiveProgramManagementAccountState } from '../../src/kinds/program-management-account/pma-live-state.js';
import type { ProgramManagementAccountChange } from '../../src/kinds/program-management-account/pma-change.js';
import { applyPma } from '../../src/kinds/program-management-account/apply-pma.js';
import type { LiveState } from '../../src/live/live-state.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { apiError, createFakeChannelApi } from '../support/fake-channel-api.js';
import { desiredState, MANAGED } from '../support/state-builders.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const PINNED = 'pma-emea000000001';

function declared(overrides: Partial<DesiredProgramManagementAccount> = {}, index = 0): DesiredProgramManagementAccount {
  const pma = { name: 'emea', catalog: 'AWS', program: 'DISTRIBUTION', accountId: '111122223333', displayName: 'EMEA', tags: {}, ...overrides };
  return {
    ...pma,
    address: `${pma.catalog}/${pma.program}/${pma.accountId}`,
    source: { file: 'relationships/pmas.yaml', line: 3 + index * 5, column: 5 },
    entry: { docIndex: 0, index },
  };
}

const livePma = (id: string, accountId: string, tags: Record<string, string> = { ...MANAGED }): LiveProgramManagementAccountState => ({
  id,
  arn: `arn:aws:partnercentral:us-east-1:000000000000:catalog/AWS/program-management-account/${id}`,
  catalog: 'AWS',
  program: 'DISTRIBUTION',
  accountId,
  displayName: 'EMEA',
  status: 'ACTIVE',
  revision: '2',
  tags,
  relationships: 0,
});

const plan = (
  pmas: DesiredProgramManagementAccount[],
  live: LiveProgramManagementAccountState[],
  scopes: { catalog: string; pmaId: string }[],
  options: Record<string, unknown>,
) =>
  buildPlan(
    { ...desiredState([]), programManagementAccounts: pmas, scopes },
    { relationships: [], programManagementAccounts: live, pmaHandshakes: [] } as unknown as LiveState,
    { prune: false, allowReplace: false, dir: 'relationships', now: NOW, ...options },
  );

describe('PMAs the files name by id', () => {
  it('a document default naming a managed PMA by id (relationships: []) keeps it out of --prune and out of the unmanaged list', () => {
    const named = livePma(PINNED, '555566667777');
    const result = plan([declared()], [livePma('pma-other00000001', '111122223333'), named], [{ catalog: 'AWS', pmaId: PINNED }], { prune: true });
    expect(result.changes.filter((c) => c.kind === 'programManagementAccount' && c.action === 'delete')).toEqual([]);
    expect(result.errors).toEqual([]);
    expect((result.unmanaged ?? []).map((u) => u.id)).not.toContain(PINNED);
    expect((result.pruneCandidates ?? []).map((u) => u.id)).not.toContain(PINNED);
  });
});

describe('one live PMA, two declarations', () => {
  it('is a pma-claimed-twice error at the second declaration whichever order the files give', () => {
    const live = livePma(PINNED, '111122223333');
    const pinned = declared({ id: PINNED, accountId: '999999999999' });
    const keep = declared({ name: 'keep' }, 1);
    for (const order of [
      [pinned, keep],
      [keep, pinned],
    ]) {
      const result = plan(order, [live], [], { allowReplace: true });
      expect(result.errors.map((e) => e.code)).toEqual(['pma-claimed-twice']);
      expect(result.errors[0]?.message).toMatch(
        /relationships\/pmas\.yaml:3\b.*relationships\/pmas\.yaml:8\b|relationships\/pmas\.yaml:8\b.*relationships\/pmas\.yaml:3\b/,
      );
      expect(result.applyable).toBe(false);
    }
  });

  it('a pinned PMA moved onto an address a managed PMA holds is pma-address-taken, and the occupant is never a prune candidate', () => {
    const occupant = livePma('pma-occupant00001', '999999999999');
    const result = plan([declared({ id: PINNED, accountId: '999999999999' })], [livePma(PINNED, '111122223333'), occupant], [], { allowReplace: true, prune: true });
    expect(result.errors.map((e) => e.code)).toEqual(['pma-address-taken']);
    expect(result.changes.filter((c) => c.kind === 'programManagementAccount' && c.action === 'delete')).toEqual([]);
  });
});

describe("a create's read-back", () => {
  const change: ProgramManagementAccountChange = {
    kind: 'programManagementAccount',
    address: 'AWS/DISTRIBUTION/111122223333',
    action: 'create',
    fields: [],
    programManagementAccount: { name: 'emea', catalog: 'AWS', program: 'DISTRIBUTION', accountId: '111122223333', displayName: 'EMEA', tags: {} },
    handshake: { send: true, sent: 0 },
  };

  function api(tags: Record<string, string>, error: 'conflict' | 'network') {
    const fake = createFakeChannelApi();
    const sent: string[] = [];
    let created: Record<string, string> = {};
    fake.createProgramManagementAccount = (request) => {
      created = request.tags ?? {};
      return Promise.reject(
        error === 'conflict' ? apiError('CreateProgramManagementAccount', 'conflict', 409) : apiError('CreateProgramManagementAccount', 'network', 0),
      );
    };
    fake.listProgramManagementAccounts = async () => [{ ...livePma('pma-found00000001', '111122223333'), status: 'PENDING', tags: undefined }];
    fake.listTags = async () => ({ ...tags });
    fake.listPmaHandshakes = async () => [];
    fake.createPmaHandshake = async (request) => {
      sent.push(request.pmaId);
      return { id: 'ch-aaaaaaaaaaaa1' };
    };
    return { fake, sent, created: () => created };
  }

  it('sends pcc:apply-run with the run id on the create', async () => {
    const { fake, created } = api({}, 'conflict');
    await applyPma(change, { api: fake, runId: 'run-1', readLagDelaysMs: [] });
    expect(created()).toMatchObject({ 'pcc:managed': 'true', 'pcc:apply-run': 'run-1' });
  });

  it("a lost answer whose read-back carries this run's tag is this run's create: its handshake is sent", async () => {
    const { fake, sent } = api({ ...MANAGED, 'pcc:apply-run': 'run-1' }, 'network');
    const outcome = await applyPma(change, { api: fake, runId: 'run-1', readLagDelaysMs: [] });
    expect(outcome).toMatchObject({ status: 'succeeded', id: 'pma-found00000001', handshakeId: 'ch-aaaaaaaaaaaa1' });
    expect(sent).toEqual(['pma-found00000001']);
  });

  it("a 409 whose read-back carries another run's tag: skipped, no handshake", async () => {
    const { fake, sent } = api({ ...MANAGED, 'pcc:apply-run': 'run-0' }, 'conflict');
    const outcome = await applyPma(change, { api: fake, runId: 'run-1', readLagDelaysMs: [] });
    expect(outcome).toMatchObject({ status: 'skipped', id: 'pma-found00000001' });
    expect(sent).toEqual([]);
  });

  it('a 409 whose read-back is not pcc-managed: failed, saying the address is taken, no handshake', async () => {
    const { fake, sent } = api({ team: 'x' }, 'conflict');
    const outcome = await applyPma(change, { api: fake, runId: 'run-1', readLagDelaysMs: [] });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/taken by pma-found00000001/);
    expect(sent).toEqual([]);
  });
});
