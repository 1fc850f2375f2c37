/** `--target`/`--replace` with the addresses a set declaring PMAs may name (issue 21): each honoured or a clear error. */
import { describe, expect, it } from 'vitest';
import type { DesiredProgramManagementAccount } from '../../src/kinds/program-management-account/desired-pma.js';
import type { LiveProgramManagementAccountState } from '../../src/kinds/program-management-account/pma-live-state.js';
import type { DesiredRelationship } from '../../src/desired/types.js';
import type { LiveState } from '../../src/live/live-state.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const PMA_ID = 'pma-addr000000001';

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

const pma = {
  id: PMA_ID,
  arn: `arn:aws:partnercentral:us-east-1:000000000000:catalog/AWS/program-management-account/${PMA_ID}`,
  catalog: 'AWS',
  program: 'DISTRIBUTION',
  accountId: '111122223333',
  displayName: 'EMEA',
  status: 'ACTIVE',
  revision: '1',
  tags: { ...MANAGED },
} as LiveProgramManagementAccountState;

const named = (account: string): DesiredRelationship =>
  desiredEntry(account, { programManagementAccountIdentifier: 'emea', pmaId: 'emea', programManagementAccount: 'emea', address: `AWS/emea/${account}` });

function plan(pmaLive: boolean, options: Record<string, unknown>) {
  const desired = { ...desiredState([named('210000000031'), named('210000000032')]), programManagementAccounts: [declared] };
  const relationships = pmaLive ? [liveEntry('210000000031', 'rs-aaaaaaaaaaa01', { programManagementAccountId: PMA_ID, tags: { ...MANAGED } })] : [];
  const live = { relationships, programManagementAccounts: pmaLive ? [pma] : [], pmaHandshakes: [] } as unknown as LiveState;
  return buildPlan(desired, live, { prune: false, allowReplace: false, dir: 'relationships', now: NOW, ...options });
}

const relationshipChanges = (p: ReturnType<typeof plan>) => p.changes.filter((c) => c.kind === 'relationship').map((c) => [c.address, c.action]);

describe('name-form relationship addresses in --target and --replace', () => {
  it('before the PMA exists, --target AWS/emea/ACCOUNT keeps that entry (waiting, in name form)', () => {
    const p = plan(false, { targets: ['AWS/emea/210000000031'] });
    expect(p.errors).toEqual([]);
    expect(relationshipChanges(p)).toEqual([['AWS/emea/210000000031', 'no-op']]);
  });

  it('once it exists, --target in name form is the id-form relationship, and the plan records the id form', () => {
    const p = plan(true, { targets: ['AWS/emea/210000000032'] });
    expect(p.errors).toEqual([]);
    expect(relationshipChanges(p)).toEqual([[`AWS/${PMA_ID}/210000000032`, 'create']]);
    expect(p.options.targets).toEqual([`AWS/${PMA_ID}/210000000032`]);
  });

  it('once it exists, --replace in name form replaces the id-form relationship', () => {
    const p = plan(true, { replace: ['AWS/emea/210000000031'], allowReplace: true });
    expect(p.errors).toEqual([]);
    expect(relationshipChanges(p)).toContainEqual([`AWS/${PMA_ID}/210000000031`, 'replace']);
  });
});

describe('--replace with a program management account address', () => {
  it('is an error that says --replace recreates relationships only, and how a PMA is replaced', () => {
    for (const pmaLive of [false, true]) {
      const p = plan(pmaLive, { replace: ['AWS/DISTRIBUTION/111122223333'], allowReplace: true });
      const error = p.errors.find((e) => e.address === 'AWS/DISTRIBUTION/111122223333');
      expect(error, `live: ${pmaLive}`).toMatchObject({ code: 'replace-not-replaceable' });
      expect(error?.message).toContain('is the address of a program management account');
      expect(error?.hint).toContain('--allow-replace');
      expect(p.applyable).toBe(false);
    }
  });

  it('--target with it is a partial plan of that PMA (a known address)', () => {
    const p = plan(true, { targets: ['AWS/DISTRIBUTION/111122223333'] });
    expect(p.errors).toEqual([]);
    expect(p.changes.every((c) => c.address === 'AWS/DISTRIBUTION/111122223333')).toBe(true);
  });
});

describe('released: in name form under a declared PMA', () => {
  const release = (address: string) => {
    const [catalog = '', pmaId = ''] = address.split('/');
    return { address, catalog, pmaId, source: { file: 'relationships/a.yaml', line: 5, column: 5 } };
  };
  function planRelease(pmaLive: boolean) {
    const desired = { ...desiredState([named('210000000032')]), programManagementAccounts: [declared], released: [release('AWS/emea/210000000031')] };
    const relationships = pmaLive ? [liveEntry('210000000031', 'rs-aaaaaaaaaaa01', { programManagementAccountId: PMA_ID, tags: { ...MANAGED } })] : [];
    const live = { relationships, programManagementAccounts: pmaLive ? [pma] : [], pmaHandshakes: [] } as unknown as LiveState;
    return buildPlan(desired, live, { prune: false, allowReplace: false, dir: 'relationships', now: NOW });
  }

  it('releases the relationship at its id-form address once the PMA is live', () => {
    const p = planRelease(true);
    expect(p.errors).toEqual([]);
    expect(relationshipChanges(p)).toContainEqual([`AWS/${PMA_ID}/210000000031`, 'release']);
  });

  it('before the PMA exists nothing is released: it waits with everything under the PMA', () => {
    const p = planRelease(false);
    expect(p.changes.find((c) => c.address === 'AWS/emea/210000000031')).toMatchObject({ action: 'no-op', reasonCode: 'pma-not-active' });
    expect(p.summary.release ?? 0).toBe(0);
  });
});
