/** The PMA kind's read: what it lists, where it reads tags, relationship counts and handshakes, and what a refusal costs. */
import { describe, expect, it } from 'vitest';
import type { DesiredProgramManagementAccount } from '../../src/kinds/program-management-account/desired-pma.js';
import type { LiveProgramManagementAccountState } from '../../src/kinds/program-management-account/pma-live-state.js';
import { readLive } from '../../src/live/read-live.js';
import { apiError, createFakeChannelApi } from '../support/fake-channel-api.js';
import { desiredEntry, desiredState, MANAGED } from '../support/state-builders.js';

const declared: DesiredProgramManagementAccount = {
  name: 'emea',
  catalog: 'AWS',
  program: 'DISTRIBUTION',
  accountId: '111122223333',
  displayName: 'EMEA',
  tags: {},
  address: 'AWS/DISTRIBUTION/111122223333',
  source: { file: 'relationships/pmas.yaml', line: 3, column: 5 },
  entry: { docIndex: 0, index: 0 },
};

const pma = (id: string, accountId: string, catalog = 'AWS'): LiveProgramManagementAccountState => ({
  id,
  arn: `arn:aws:partnercentral:us-east-1:000000000000:catalog/${catalog}/program-management-account/${id}`,
  catalog,
  program: 'DISTRIBUTION',
  accountId,
  displayName: id,
  status: 'ACTIVE',
});

/** The fake with PMAs per catalog, their tags by ARN, and the relationships under each PMA id. */
function fake(pmas: LiveProgramManagementAccountState[], tags: Record<string, Record<string, string>>, under: Record<string, number> = {}) {
  const api = createFakeChannelApi();
  api.listProgramManagementAccounts = async (catalog) => {
    api.calls.push({ op: 'ListProgramManagementAccounts', args: catalog });
    return structuredClone(pmas.filter((p) => p.catalog === catalog));
  };
  api.listTags = async (arn) => {
    api.calls.push({ op: 'ListTagsForResource', args: arn });
    return { ...tags[arn] };
  };
  const listRelationships = api.listRelationships;
  api.listRelationships = async (filter) => {
    const id = filter.programManagementAccountIdentifiers?.[0] ?? '';
    if (id in under) {
      api.calls.push({ op: 'ListRelationships', args: filter });
      return Array.from({ length: under[id] ?? 0 }, () => ({}) as never);
    }
    return listRelationships(filter);
  };
  api.listPmaHandshakes = async (catalog, ids) => {
    api.calls.push({ op: 'ListChannelHandshakes', args: { catalog, ids } });
    return [{ id: 'ch-aaaaaaaaaaaa1', catalog, pmaId: 'pma-emea000000001', status: 'PENDING' }];
  };
  return api;
}

const ops = (api: ReturnType<typeof createFakeChannelApi>) => api.calls.map((c) => c.op);

describe('reading program management accounts', () => {
  it('where a file declares PMAs: every PMA with its tags, relationships under the managed undeclared ones, the handshakes', async () => {
    const emea = pma('pma-emea000000001', '111122223333');
    const old = pma('pma-old0000000001', '222233334444');
    const hand = pma('pma-hand000000001', '333344445555');
    const api = fake([emea, old, hand], { [emea.arn ?? '']: { ...MANAGED }, [old.arn ?? '']: { ...MANAGED }, [hand.arn ?? '']: {} }, { [old.id ?? '']: 2 });
    const live = await readLive(api, { ...desiredState([]), programManagementAccounts: [declared] });
    expect(live.programManagementAccounts).toEqual([
      { ...emea, tags: MANAGED },
      { ...old, tags: MANAGED, relationships: 2 },
      { ...hand, tags: {} },
    ]);
    expect(live.pmaHandshakes).toEqual([expect.objectContaining({ id: 'ch-aaaaaaaaaaaa1', pmaId: emea.id })]);
    expect(ops(api).filter((op) => op === 'ListRelationships')).toHaveLength(1);
  });

  it('counts the relationships under a managed PMA a file pins by id at another address (a replace would delete it)', async () => {
    const moved = pma('pma-move000000001', '444455556666');
    const api = fake([moved], { [moved.arn ?? '']: { ...MANAGED } }, { [moved.id ?? '']: 1 });
    const pinned = { ...declared, id: 'pma-move000000001', program: 'SOLUTION_PROVIDER', accountId: '444455556666', address: 'AWS/SOLUTION_PROVIDER/444455556666' };
    const live = await readLive(api, { ...desiredState([]), programManagementAccounts: [pinned] });
    expect(live.programManagementAccounts).toEqual([{ ...moved, tags: MANAGED, relationships: 1 }]);
    // Pinned at its own address: nothing a plan may delete, so nothing counted.
    const kept = fake([moved], { [moved.arn ?? '']: { ...MANAGED } }, { [moved.id ?? '']: 1 });
    const same = await readLive(kept, {
      ...desiredState([]),
      programManagementAccounts: [{ ...pinned, program: 'DISTRIBUTION', address: 'AWS/DISTRIBUTION/444455556666' }],
    });
    expect(same.programManagementAccounts).toEqual([{ ...moved, tags: MANAGED }]);
  });

  it('where the files only name PMAs by id: one list, no tags or handshakes, and a role that may not list PMAs reads none', async () => {
    const api = fake([pma('pma-u8ic702rtzng8', '111122223333')], {});
    const live = await readLive(api, desiredState([desiredEntry('444455556666')]));
    expect(live.programManagementAccounts).toEqual([pma('pma-u8ic702rtzng8', '111122223333')]);
    expect(live.pmaHandshakes).toBeUndefined();
    expect(api.calls.map((c) => c.op).filter((op) => op !== 'ListRelationships')).toEqual(['ListProgramManagementAccounts']);

    const denied = fake([], {});
    denied.listProgramManagementAccounts = () => Promise.reject(apiError('ListProgramManagementAccounts', 'access-denied', 403));
    const without = await readLive(denied, desiredState([desiredEntry('444455556666')]));
    expect(without.programManagementAccounts).toBeUndefined();
    // Where PMAs are declared, the plan cannot go on without them.
    await expect(readLive(denied, { ...desiredState([]), programManagementAccounts: [declared] })).rejects.toMatchObject({ category: 'access-denied' });
  });

  it('reads nothing when the files name no catalog', async () => {
    const api = fake([pma('pma-u8ic702rtzng8', '111122223333')], {});
    expect(await readLive(api, desiredState([]))).not.toHaveProperty('programManagementAccounts');
    expect(api.calls).toEqual([]);
  });
});
