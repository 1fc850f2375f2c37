import { describe, expect, it } from 'vitest';
import { buildPlan, type PlanOptions } from '../../src/plan/build-plan.js';
import { NO_REVISION_WARNING, SUPPORT_PLAN_REMOVED_WARNING } from '../../src/kinds/relationship/diff-fields.js';
import { supportPlanFingerprint } from '../../src/model/support-plan-tag.js';
import type { SupportPlan } from '../../src/model/relationship.js';
import type { LiveState } from '../../src/live/live-state.js';
import { desiredEntry, desiredState, liveEntry, MANAGED, OTHER_PMA, PMA } from '../support/state-builders.js';
import { asRelationship } from '../support/plan-builders.js';

const OPTIONS: PlanOptions = { prune: false, allowReplace: false, dir: 'relationships' };
const rs = (n: number) => `rs-${String(n).padStart(13, '0')}`;
const live = (...relationships: LiveState['relationships']): LiveState => ({ relationships });
const PLAN_A: SupportPlan = { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } };
const PLAN_B: SupportPlan = { partnerLedSupport: { coverage: 'MANAGEMENT_ACCOUNT_ONLY', tamLocation: 'eu-west-1', provider: 'DISTRIBUTOR' } };

describe('buildPlan: actions', () => {
  it('creates an entry with no live relationship, listing what it sets and the full desired spec', () => {
    const entry = desiredEntry('111111111111', { tags: { team: 'a' }, requestedSupportPlan: PLAN_A, resaleAccountModel: 'END_CUSTOMER' });
    const plan = buildPlan(desiredState([entry]), live(), OPTIONS);
    expect(plan.changes).toHaveLength(1);
    const [change] = plan.changes;
    expect(change).toMatchObject({ address: `AWS/${PMA}/111111111111`, action: 'create', source: { file: entry.source.file, line: entry.source.line } });
    expect(change?.id).toBeUndefined();
    expect(change?.fields.map((f) => f.name)).toEqual(['associationType', 'sector', 'resaleAccountModel', 'displayName', 'requestedSupportPlan', 'tags.team']);
    expect(change?.fields.every((f) => f.before === undefined && f.after !== undefined)).toBe(true);
    expect(asRelationship(change).desired).toEqual({
      catalog: 'AWS',
      programManagementAccountIdentifier: PMA,
      associatedAccountId: '111111111111',
      associationType: 'END_CUSTOMER',
      displayName: entry.displayName,
      sector: 'COMMERCIAL',
      resaleAccountModel: 'END_CUSTOMER',
      requestedSupportPlan: PLAN_A,
      tags: { team: 'a' },
    });
    expect(plan.summary).toEqual({ create: 1, update: 0, adopt: 0, replace: 0, delete: 0, noOp: 0, unmanaged: 0, blocked: 0 });
    expect(plan).toMatchObject({ formatVersion: 1, desiredHash: 'h'.repeat(64), dir: 'relationships', options: { prune: false, allowReplace: false } });
  });

  it('is a no-op for a managed relationship that matches, keeping id and revision but not the apply payload', () => {
    const plan = buildPlan(desiredState([desiredEntry('111111111111')]), live(liveEntry('111111111111', rs(1), { tags: { ...MANAGED }, revision: '7' })), OPTIONS);
    expect(plan.changes).toEqual([expect.objectContaining({ action: 'no-op', id: rs(1), revision: '7', fields: [] })]);
    expect(asRelationship(plan.changes[0]).desired).toBeUndefined();
    expect(asRelationship(plan.changes[0]).liveTags).toBeUndefined();
    expect(plan.summary.noOp).toBe(1);
  });

  it('updates a changed displayName with before and after, the revision seen and the live tags', () => {
    const liveTags = { ...MANAGED, team: 'x' };
    const plan = buildPlan(
      desiredState([desiredEntry('111111111111', { displayName: 'New name', tags: { team: 'x' } })]),
      live(liveEntry('111111111111', rs(1), { displayName: 'Old name', tags: liveTags, revision: '3' })),
      OPTIONS,
    );
    expect(plan.changes[0]).toMatchObject({
      action: 'update',
      id: rs(1),
      revision: '3',
      fields: [{ name: 'displayName', before: 'Old name', after: 'New name' }],
      liveTags,
    });
    expect(asRelationship(plan.changes[0]).desired?.displayName).toBe('New name');
  });

  it('adopts a matching relationship without pcc:managed even when nothing else differs', () => {
    const plan = buildPlan(desiredState([desiredEntry('111111111111')]), live(liveEntry('111111111111', rs(1), { tags: { owner: 'me' } })), OPTIONS);
    expect(plan.changes[0]).toMatchObject({ action: 'adopt', id: rs(1), liveTags: { owner: 'me' } });
    // The file declares no tags, so adopting removes the user tag it does not declare.
    expect(plan.changes[0]?.fields).toEqual([{ name: 'tags.owner', before: 'me' }]);
    expect(plan.summary.adopt).toBe(1);
  });
});

describe('buildPlan: support plan (write-only, tracked by fingerprint)', () => {
  const withPlan = (plan?: SupportPlan) => desiredState([desiredEntry('111111111111', plan ? { requestedSupportPlan: plan } : {})]);
  const liveWith = (tags: Record<string, string>) => live(liveEntry('111111111111', rs(1), { tags }));

  it('shows a change from "unknown" when adopting, whatever the tag says', () => {
    const plan = buildPlan(withPlan(PLAN_A), liveWith({ 'pcc:support-plan': supportPlanFingerprint(PLAN_A) }), OPTIONS);
    expect(plan.changes[0]?.action).toBe('adopt');
    expect(plan.changes[0]?.fields).toEqual([{ name: 'requestedSupportPlan', before: 'unknown', after: PLAN_A, beforeUnknown: true }]);
  });

  it('shows a change from "unknown" when a managed relationship lacks the pcc:support-plan tag', () => {
    const plan = buildPlan(withPlan(PLAN_A), liveWith({ ...MANAGED }), OPTIONS);
    expect(plan.changes[0]).toMatchObject({ action: 'update', fields: [{ name: 'requestedSupportPlan', before: 'unknown', beforeUnknown: true, after: PLAN_A }] });
  });

  it('shows a change from the old fingerprint when the declared plan differs from the one pcc last sent', () => {
    const old = supportPlanFingerprint(PLAN_B);
    const plan = buildPlan(withPlan(PLAN_A), liveWith({ ...MANAGED, 'pcc:support-plan': old }), OPTIONS);
    expect(plan.changes[0]?.fields).toEqual([{ name: 'requestedSupportPlan', before: old, after: PLAN_A, beforeUnknown: true }]);
  });

  it('is unchanged when the fingerprint matches, whatever the key order in the file', () => {
    const reordered = { resoldEnterprise: { tamLocation: 'us-east-1', coverage: 'ENTIRE_ORGANIZATION' } } as SupportPlan;
    const plan = buildPlan(withPlan(reordered), liveWith({ ...MANAGED, 'pcc:support-plan': supportPlanFingerprint(PLAN_A) }), OPTIONS);
    expect(plan.changes[0]).toMatchObject({ action: 'no-op', fields: [] });
  });

  it('warns, without a field change, when a plan pcc sent was removed from the file', () => {
    const plan = buildPlan(withPlan(), liveWith({ ...MANAGED, 'pcc:support-plan': supportPlanFingerprint(PLAN_A) }), OPTIONS);
    expect(plan.changes[0]).toMatchObject({ action: 'no-op', fields: [], warnings: [SUPPORT_PLAN_REMOVED_WARNING] });
  });

  it('says nothing when no plan is declared and none was ever sent', () => {
    const plan = buildPlan(withPlan(), liveWith({ ...MANAGED }), OPTIONS);
    expect(plan.changes[0]?.warnings).toBeUndefined();
  });
});

describe('buildPlan: tags', () => {
  it('lists user tags added, changed and removed in key order, and never pcc: tags', () => {
    const plan = buildPlan(
      desiredState([desiredEntry('111111111111', { tags: { b: 'new', c: '2', a: 'same' } })]),
      live(liveEntry('111111111111', rs(1), { tags: { ...MANAGED, 'pcc:other': 'x', a: 'same', c: '1', d: 'gone' } })),
      OPTIONS,
    );
    expect(plan.changes[0]?.action).toBe('update');
    expect(plan.changes[0]?.fields).toEqual([
      { name: 'tags.b', after: 'new' },
      { name: 'tags.c', before: '1', after: '2' },
      { name: 'tags.d', before: 'gone' },
    ]);
  });
});

describe('buildPlan: replacements', () => {
  const entry = () => desiredEntry('111111111111', { associationType: 'INTERNAL', displayName: 'Renamed' });
  const managedLive = () => live(liveEntry('111111111111', rs(1), { tags: { ...MANAGED } }));

  it('blocks a change to an immutable field without --allow-replace, naming the field', () => {
    const plan = buildPlan(desiredState([entry()]), managedLive(), OPTIONS);
    const [change] = plan.changes;
    expect(change).toMatchObject({ action: 'replace', blocked: true, id: rs(1) });
    expect(change?.reason).toBe(
      'associationType cannot be changed in place: re-run with --allow-replace to delete it and create it again (with a new id), or change the file back',
    );
    expect(change?.fields).toEqual([
      { name: 'associationType', before: 'END_CUSTOMER', after: 'INTERNAL', forcesReplace: true },
      { name: 'displayName', before: 'Customer 1111', after: 'Renamed' },
    ]);
    expect(plan.summary).toMatchObject({ replace: 1, blocked: 1 });
  });

  it('plans the replace with --allow-replace', () => {
    const plan = buildPlan(desiredState([entry()]), managedLive(), { ...OPTIONS, allowReplace: true });
    expect(plan.changes[0]?.blocked).toBeUndefined();
    expect(plan.changes[0]?.reason).toBe('associationType cannot be changed in place: the relationship is deleted and created again');
    expect(plan.summary).toMatchObject({ replace: 1, blocked: 0 });
  });

  it('never replaces (deletes) a relationship pcc does not manage, even with --allow-replace', () => {
    const plan = buildPlan(desiredState([entry()]), live(liveEntry('111111111111', rs(1))), { ...OPTIONS, allowReplace: true });
    expect(plan.changes[0]).toMatchObject({ action: 'replace', blocked: true });
    expect(plan.changes[0]?.reason).toContain('does not manage');
  });

  it('names every forcing field: sector and a declared resaleAccountModel', () => {
    const plan = buildPlan(
      desiredState([desiredEntry('111111111111', { sector: 'GOVERNMENT', resaleAccountModel: 'DISTRIBUTOR' })]),
      live(liveEntry('111111111111', rs(1), { tags: { ...MANAGED }, detailRead: true, resaleAccountModel: 'END_CUSTOMER' })),
      OPTIONS,
    );
    expect(plan.changes[0]?.fields.filter((f) => f.forcesReplace).map((f) => f.name)).toEqual(['sector', 'resaleAccountModel']);
    expect(plan.changes[0]?.reason).toMatch(/^sector and resaleAccountModel cannot be changed in place/);
  });

  it('treats a resaleAccountModel the file omits as not managed: no diff whatever the live value', () => {
    const plan = buildPlan(
      desiredState([desiredEntry('111111111111')]),
      live(liveEntry('111111111111', rs(1), { tags: { ...MANAGED }, detailRead: true, resaleAccountModel: 'DISTRIBUTOR' })),
      OPTIONS,
    );
    expect(plan.changes[0]?.action).toBe('no-op');
  });

  it('compares a declared resaleAccountModel with a live one that has none (after a Get)', () => {
    const plan = buildPlan(
      desiredState([desiredEntry('111111111111', { resaleAccountModel: 'DISTRIBUTOR' })]),
      live(liveEntry('111111111111', rs(1), { tags: { ...MANAGED }, detailRead: true })),
      OPTIONS,
    );
    expect(plan.changes[0]?.fields).toEqual([{ name: 'resaleAccountModel', after: 'DISTRIBUTOR', forcesReplace: true }]);
  });

  it('reports an error, not a guess, when a declared resaleAccountModel was never read', () => {
    const plan = buildPlan(
      desiredState([desiredEntry('111111111111', { resaleAccountModel: 'DISTRIBUTOR' })]),
      live(liveEntry('111111111111', rs(1), { tags: { ...MANAGED } })),
      { ...OPTIONS, prune: true },
    );
    expect(plan.changes).toEqual([]);
    expect(plan.errors.map((e) => e.code)).toEqual(['live-detail-missing']);
  });
});

describe('buildPlan: undeclared relationships', () => {
  const state = () =>
    live(liveEntry('222222222222', rs(2), { tags: { ...MANAGED }, displayName: 'Old managed' }), liveEntry('333333333333', rs(3), { displayName: 'Hand made' }));

  it('without --prune: managed ones are prune candidates, others unmanaged; nothing is deleted', () => {
    const plan = buildPlan(desiredState([]), state(), OPTIONS);
    expect(plan.changes).toEqual([]);
    expect(plan.pruneCandidates).toEqual([{ kind: 'relationship', address: `AWS/${PMA}/222222222222`, id: rs(2), displayName: 'Old managed' }]);
    expect(plan.unmanaged).toEqual([{ kind: 'relationship', address: `AWS/${PMA}/333333333333`, id: rs(3), displayName: 'Hand made' }]);
    expect(plan.summary).toMatchObject({ delete: 0, unmanaged: 1 });
  });

  it('with --prune: deletes only the managed one, with what the reviewer recognises it by', () => {
    const plan = buildPlan(desiredState([]), state(), { ...OPTIONS, prune: true });
    expect(plan.changes).toEqual([
      {
        kind: 'relationship',
        address: `AWS/${PMA}/222222222222`,
        action: 'delete',
        id: rs(2),
        arn: expect.stringContaining(rs(2)),
        revision: '1',
        reason: 'managed by pcc and declared in no file: --prune deletes it',
        reasonCode: 'delete-not-in-files',
        fields: [
          { name: 'displayName', before: 'Old managed' },
          { name: 'associationType', before: 'END_CUSTOMER' },
          { name: 'sector', before: 'COMMERCIAL' },
        ],
        liveTags: { ...MANAGED },
      },
    ]);
    expect(plan.pruneCandidates).toEqual([]);
    expect(plan.unmanaged.map((u) => u.id)).toEqual([rs(3)]);
  });

  it('with --prune, a managed one the service gave no revision for is deleted only with a warning that apply will not', () => {
    const plan = buildPlan(desiredState([]), live(liveEntry('222222222222', rs(2), { tags: { ...MANAGED }, revision: undefined })), { ...OPTIONS, prune: true });
    expect(plan.changes).toEqual([expect.objectContaining({ action: 'delete', id: rs(2), warnings: [NO_REVISION_WARNING] })]);
  });
});

describe('buildPlan: matching problems', () => {
  it('refuses to guess between two live relationships with one address, and asks for an id pin', () => {
    const plan = buildPlan(
      desiredState([desiredEntry('111111111111')]),
      live(liveEntry('111111111111', rs(2), { tags: { ...MANAGED } }), liveEntry('111111111111', rs(1), { tags: { ...MANAGED } })),
      { ...OPTIONS, prune: true },
    );
    expect(plan.changes).toEqual([]); // neither is deleted, though both are managed and --prune is on
    expect(plan.unmanaged).toEqual([]);
    expect(plan.errors).toEqual([
      expect.objectContaining({
        code: 'ambiguous-address',
        address: `AWS/${PMA}/111111111111`,
        message: `2 live relationships have the address AWS/${PMA}/111111111111 (${rs(1)}, ${rs(2)})`,
        hint: `pin the entry to one of them with \`id: ${rs(1)}\``,
      }),
    ]);
  });

  it('an id pin picks one of two; the other, managed and undeclared, is pruned', () => {
    const plan = buildPlan(
      desiredState([desiredEntry('111111111111', { id: rs(2) })]),
      live(liveEntry('111111111111', rs(1), { tags: { ...MANAGED } }), liveEntry('111111111111', rs(2), { tags: { ...MANAGED } })),
      { ...OPTIONS, prune: true },
    );
    expect(plan.errors).toEqual([]);
    expect(plan.changes.map((c) => [c.action, c.id])).toEqual([
      ['no-op', rs(2)],
      ['delete', rs(1)],
    ]);
  });

  it('an id pin naming no live relationship is an error, not a create', () => {
    const entry = desiredEntry('111111111111', { id: rs(9) });
    const plan = buildPlan(desiredState([entry]), live(), OPTIONS);
    expect(plan.changes).toEqual([]);
    expect(plan.errors).toEqual([expect.objectContaining({ code: 'pin-not-found', source: { file: entry.source.file, line: entry.source.line } })]);
    expect(plan.errors[0]?.message).toContain(rs(9));
  });

  it('an id pin naming a relationship at another address is an error, and that relationship is left alone', () => {
    const plan = buildPlan(desiredState([desiredEntry('111111111111', { id: rs(5) })]), live(liveEntry('555555555555', rs(5), { tags: { ...MANAGED } })), {
      ...OPTIONS,
      prune: true,
    });
    expect(plan.changes).toEqual([]);
    expect(plan.errors[0]).toMatchObject({ code: 'pin-address-mismatch' });
    expect(plan.errors[0]?.message).toBe(`id ${rs(5)} is the relationship at AWS/${PMA}/555555555555, not AWS/${PMA}/111111111111`);
  });
});

describe('buildPlan: purity and order', () => {
  const input = () => {
    const desired = desiredState([
      desiredEntry('999999999999', { tags: { z: '1' }, requestedSupportPlan: PLAN_A }),
      desiredEntry('111111111111', { programManagementAccountIdentifier: OTHER_PMA, displayName: 'x' }),
      desiredEntry('555555555555', { tags: { a: 'b' } }),
    ]);
    const state = live(
      liveEntry('555555555555', rs(5), { tags: { ...MANAGED, a: 'c' } }),
      liveEntry('444444444444', rs(4), { tags: { ...MANAGED } }),
      liveEntry('111111111111', rs(1), { programManagementAccountId: OTHER_PMA }),
    );
    return { desired, state };
  };

  it('never mutates its inputs and gives the same plan for the same inputs', () => {
    const { desired, state } = input();
    const before = structuredClone({ desired, state });
    const first = buildPlan(desired, state, { ...OPTIONS, prune: true });
    expect({ desired, state }).toEqual(before);
    expect(buildPlan(desired, state, { ...OPTIONS, prune: true })).toEqual(first);
    // The plan shares no objects with the inputs: editing it leaves them alone.
    const create = asRelationship(first.changes.find((c) => c.action === 'create'));
    create!.desired!.tags.z = 'edited';
    (create!.desired!.requestedSupportPlan as { resoldEnterprise: { tamLocation: string } }).resoldEnterprise.tamLocation = 'edited';
    expect({ desired, state }).toEqual(before);
  });

  it('sorts changes by address and counts every action', () => {
    const { desired, state } = input();
    const plan = buildPlan(desired, state, { ...OPTIONS, prune: true });
    const addresses = plan.changes.map((c) => c.address);
    expect(addresses).toEqual([...addresses].sort());
    expect(plan.changes.map((c) => c.action)).toEqual(['adopt', 'delete', 'update', 'create']);
    expect(plan.summary).toEqual({ create: 1, update: 1, adopt: 1, replace: 0, delete: 1, noOp: 0, unmanaged: 0, blocked: 0 });
  });
});
