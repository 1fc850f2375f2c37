/**
 * Program management accounts end to end (issue 21, "Done when"): the built CLI, the real SDK and the emulator.
 * A PMA declared with relationships naming it is created PENDING and its handshake sent once; the relationships
 * wait (never attempted, whatever the service would answer about a PENDING PMA); a rerun sends nothing; once
 * the PMA's account accepts, the next apply creates the relationships under the new id. Then a rename, the
 * adoption of a PMA made out of band, a prune refused while relationships exist under the PMA and done without
 * them, and an empty plan.
 */
import { AcceptChannelHandshakeCommand, ListChannelHandshakesCommand } from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { entry, pcc, type Workspace, workspaceForTest } from '../support/e2e-helpers.js';
import {
  callsNow,
  callsSince,
  identifiedDocument,
  namedDocument,
  pmaAddress,
  pmaAt,
  type PmaDeclaration,
  pmaDocument,
  pmaHandshakesPerPma,
  pmasPerAddress,
  writeDocuments,
  writesIn,
} from '../support/pma-e2e.js';

/** Many CLI runs in one test: room for a loaded machine (2 cores shared). */
const LIFE_TIMEOUT = 300_000;
const EMEA: PmaDeclaration = { name: 'emea', program: 'DISTRIBUTION', accountId: '210987654321', displayName: 'EMEA distribution', tags: { team: 'emea' } };
const APAC: PmaDeclaration = { name: 'apac', program: 'SOLUTION_PROVIDER', accountId: '210987654322', displayName: 'APAC resale' };
const SPARE: PmaDeclaration = { name: 'spare', program: 'DISTRIBUTION_SELLER', accountId: '210987654323', displayName: 'Spare seller' };
const ENTRIES = [entry(1), entry(2)];

interface PlanJson {
  changes: {
    kind: string;
    address: string;
    action: string;
    id?: string;
    reasonCode?: string;
    reason?: string;
    dependsOn?: { kind: string; address: string; action: string }[];
  }[];
  unmanaged: { kind?: string; address: string; id: string }[];
  pruneCandidates?: { kind?: string; address: string; id: string }[];
  errors: { code: string; message: string }[];
  summary: Record<string, number>;
}

describe.each(['refuse', 'accept'] as const)('program management accounts, the life (service %ss relationships under a PENDING PMA)', (pending) => {
  const h = withEmulator({ idSeed: 21, pendingPmaRelationships: pending }, { per: 'test' });

  async function planJson(ws: Workspace, extra: string[] = []) {
    const result = await pcc(ws, h.env, ['plan', '--format', 'json', ...extra]);
    return { result, plan: JSON.parse(result.stdout || '{}') as PlanJson };
  }
  const pmaChanges = (plan: PlanJson) => plan.changes.filter((c) => c.kind === 'programManagementAccount');
  const relationshipChanges = (plan: PlanJson) => plan.changes.filter((c) => c.kind === 'relationship');
  const account = (id: string) => h.client({ accessKeyId: `AKIA${id}` });

  it(
    'declare → plan → apply (PENDING, one handshake, relationships wait) → rerun sends nothing → accepted → relationships created',
    async () => {
      const ws = await workspaceForTest();
      await writeDocuments(ws, [pmaDocument([EMEA]), namedDocument('emea', ENTRIES)]);

      // The plan: the PMA to create; the relationships wait for it, depending on its create.
      let before = callsNow(h.emulator);
      const { result: planned, plan } = await planJson(ws);
      expect(planned.code, planned.stderr).toBe(0);
      expect(writesIn(callsSince(h.emulator, before))).toEqual({});
      expect(pmaChanges(plan)).toEqual([expect.objectContaining({ address: pmaAddress(EMEA), action: 'create' })]);
      expect(relationshipChanges(plan).map((c) => c.address)).toEqual(ENTRIES.map((e) => `AWS/emea/${e.associatedAccountId}`));
      for (const change of relationshipChanges(plan)) {
        expect(change).toMatchObject({ action: 'no-op', reasonCode: 'pma-not-active' });
        expect(change.dependsOn).toEqual([expect.objectContaining({ kind: 'programManagementAccount', address: pmaAddress(EMEA), action: 'create' })]);
      }
      const text = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
      expect(text.code, text.stderr).toBe(2);
      expect(text.stdout).toContain(pmaAddress(EMEA));
      expect(text.stdout).toContain('waiting for program management account emea');

      // Apply: the PMA is created PENDING with the managed tag, its handshake sent once; no relationship attempted.
      before = callsNow(h.emulator);
      const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
      expect(applied.code, applied.stderr).toBe(0);
      const calls = callsSince(h.emulator, before);
      expect(calls.CreateProgramManagementAccount).toBe(1);
      expect(calls.CreateChannelHandshake).toBe(1);
      expect(calls.CreateRelationship).toBeUndefined();
      expect([...pmasPerAddress(h.emulator)]).toEqual([[pmaAddress(EMEA), 1]]);
      const pma = pmaAt(h.emulator, EMEA);
      expect(pma).toMatchObject({ status: 'PENDING', displayName: EMEA.displayName, tags: expect.objectContaining({ 'pcc:managed': 'true', team: 'emea' }) });
      const [handshake, ...more] = h.state.handshakes();
      expect(more).toEqual([]);
      expect(handshake).toMatchObject({
        handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT',
        associatedResourceId: pma?.id,
        receiverAccountId: EMEA.accountId,
        status: 'PENDING',
      });
      expect(h.state.relationships()).toEqual([]);

      // Waiting is not drift; the plan says for whom.
      const waiting = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
      expect(waiting.code, waiting.stdout + waiting.stderr).toBe(0);
      expect(waiting.stdout).toContain(`waiting for account ${EMEA.accountId} to accept`);
      expect(waiting.stdout).toContain(handshake?.id);
      const { plan: waitingPlan } = await planJson(ws);
      expect(pmaChanges(waitingPlan)).toEqual([expect.objectContaining({ action: 'no-op', reasonCode: 'pma-handshake-pending' })]);
      expect(relationshipChanges(waitingPlan).map((c) => [c.action, c.reasonCode])).toEqual([
        ['no-op', 'pma-not-active'],
        ['no-op', 'pma-not-active'],
      ]);

      // The rerun sends nothing.
      before = callsNow(h.emulator);
      const rerun = await pcc(ws, h.env, ['apply', '--auto-approve']);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(writesIn(callsSince(h.emulator, before))).toEqual({});
      expect(h.state.handshakes()).toHaveLength(1);

      // The PMA's account sees the handshake and accepts it: the PMA is ACTIVE.
      const inbox = await account(EMEA.accountId).send(
        new ListChannelHandshakesCommand({ handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT', catalog: 'AWS', participantType: 'RECEIVER', statuses: ['PENDING'] }),
      );
      expect(inbox.items?.map((item) => item.id)).toEqual([handshake?.id]);
      await account(EMEA.accountId).send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: handshake?.id }));
      expect(pmaAt(h.emulator, EMEA)?.status).toBe('ACTIVE');

      // The next apply creates the relationships under the new id, and nothing else.
      const { plan: activePlan } = await planJson(ws);
      expect(pmaChanges(activePlan).map((c) => c.action)).toEqual(['no-op']);
      expect(relationshipChanges(activePlan).map((c) => [c.action, c.address])).toEqual(ENTRIES.map((e) => ['create', `AWS/${pma?.id}/${e.associatedAccountId}`]));
      before = callsNow(h.emulator);
      const created = await pcc(ws, h.env, ['apply', '--auto-approve']);
      expect(created.code, created.stderr).toBe(0);
      expect(writesIn(callsSince(h.emulator, before))).toEqual({ CreateRelationship: 2 });
      expect(h.state.relationships().map((r) => [r.programManagementAccountId, r.associatedAccountId])).toEqual(ENTRIES.map((e) => [pma?.id, e.associatedAccountId]));
      expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);
    },
    LIFE_TIMEOUT,
  );

  it(
    'rename → adopt a PMA made out of band → prune refused with relationships, done without → plan empty',
    async () => {
      const ws = await workspaceForTest();
      await writeDocuments(ws, [pmaDocument([EMEA]), namedDocument('emea', ENTRIES)]);
      expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
      const emea = pmaAt(h.emulator, EMEA);
      const [handshake] = h.state.handshakes();
      await account(EMEA.accountId).send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: handshake?.id }));
      expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
      expect(h.state.relationships()).toHaveLength(2);

      // Rename: the display name changes in place, with one UpdateProgramManagementAccount.
      const renamed = { ...EMEA, displayName: 'EMEA distribution 2' };
      await writeDocuments(ws, [pmaDocument([renamed]), namedDocument('emea', ENTRIES)]);
      const { plan: renamePlan } = await planJson(ws);
      expect(pmaChanges(renamePlan)).toEqual([expect.objectContaining({ action: 'update', address: pmaAddress(EMEA), id: emea?.id })]);
      let before = callsNow(h.emulator);
      const rename = await pcc(ws, h.env, ['apply', '--auto-approve']);
      expect(rename.code, rename.stderr).toBe(0);
      expect(writesIn(callsSince(h.emulator, before))).toEqual({ UpdateProgramManagementAccount: 1 });
      expect(pmaAt(h.emulator, EMEA)).toMatchObject({ id: emea?.id, displayName: renamed.displayName, status: 'ACTIVE' });
      expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);

      // A PMA made in the console (ACTIVE, no pcc:managed tag): reported while undeclared, never touched.
      const apac = h.state.createPma({ catalog: 'AWS', program: APAC.program, accountId: APAC.accountId, displayName: APAC.displayName });
      const { plan: reported } = await planJson(ws);
      expect(reported.unmanaged).toEqual([expect.objectContaining({ kind: 'programManagementAccount', id: apac.id })]);
      expect(pmaChanges(reported).map((c) => c.action)).toEqual(['no-op']);

      // Declared: adopted (tagged), never created again, no handshake (it is ACTIVE). A new PMA is declared too.
      await writeDocuments(ws, [pmaDocument([renamed, APAC, SPARE]), namedDocument('emea', ENTRIES)]);
      const { plan: adoptPlan } = await planJson(ws);
      expect(pmaChanges(adoptPlan).map((c) => [c.address, c.action])).toEqual(
        expect.arrayContaining([
          [pmaAddress(APAC), 'adopt'],
          [pmaAddress(SPARE), 'create'],
        ]),
      );
      before = callsNow(h.emulator);
      const adopted = await pcc(ws, h.env, ['apply', '--auto-approve']);
      expect(adopted.code, adopted.stderr).toBe(0);
      const adoptCalls = writesIn(callsSince(h.emulator, before));
      expect(adoptCalls.CreateProgramManagementAccount).toBe(1); // the spare one only
      expect(adoptCalls.CreateChannelHandshake).toBe(1);
      expect(h.state.tagsOf(apac.arn)).toMatchObject({ 'pcc:managed': 'true' });
      expect(pmaAt(h.emulator, APAC)?.id).toBe(apac.id);
      expect([...pmasPerAddress(h.emulator).values()]).toEqual([1, 1, 1]);
      const spare = pmaAt(h.emulator, SPARE);
      expect([...pmaHandshakesPerPma(h.emulator)]).toEqual([
        [emea?.id, 1],
        [spare?.id, 1],
      ]);
      expect((await pcc(ws, h.env, ['plan', '--detailed-exitcode'])).code).toBe(0);

      // Undeclared but named by id: the files still speak for it, so --prune never deletes it (breakit #6).
      await writeDocuments(ws, [pmaDocument([APAC, SPARE]), identifiedDocument(emea?.id ?? '', ENTRIES)]);
      const { result: keptPlan, plan: kept } = await planJson(ws, ['--prune']);
      expect(keptPlan.code, keptPlan.stderr).toBe(0);
      expect(pmaChanges(kept).filter((c) => c.action === 'delete')).toEqual([]);

      // Undeclaring a PMA that still has relationships (named by no file now): a plan error that counts them; nothing deleted.
      await writeDocuments(ws, [pmaDocument([APAC, SPARE])]);
      const { result: refusedPlan, plan: refused } = await planJson(ws, ['--prune']);
      expect(refusedPlan.code).toBe(1);
      const [hasRelationships, ...otherErrors] = refused.errors;
      expect(otherErrors).toEqual([]);
      expect(hasRelationships?.code).toBe('pma-has-relationships');
      expect(hasRelationships?.message).toMatch(/\b2 relationships\b/);
      before = callsNow(h.emulator);
      const refusedApply = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
      expect(refusedApply.code).toBe(1);
      expect(writesIn(callsSince(h.emulator, before))).toEqual({});
      expect(pmaAt(h.emulator, EMEA)?.id).toBe(emea?.id);

      // Undeclaring one without relationships: a prune candidate, deleted only with --prune.
      await writeDocuments(ws, [pmaDocument([renamed, APAC]), namedDocument('emea', ENTRIES)]);
      const { plan: withoutPrune } = await planJson(ws);
      expect(pmaChanges(withoutPrune).filter((c) => c.action === 'delete')).toEqual([]);
      expect(withoutPrune.pruneCandidates).toEqual([expect.objectContaining({ kind: 'programManagementAccount', id: spare?.id })]);
      expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
      expect(pmaAt(h.emulator, SPARE)?.id).toBe(spare?.id);
      const { plan: prunePlan } = await planJson(ws, ['--prune']);
      expect(pmaChanges(prunePlan).filter((c) => c.action !== 'no-op')).toEqual([
        expect.objectContaining({ action: 'delete', address: pmaAddress(SPARE), id: spare?.id }),
      ]);
      before = callsNow(h.emulator);
      const pruned = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
      expect(pruned.code, pruned.stderr).toBe(0);
      const pruneCalls = writesIn(callsSince(h.emulator, before));
      expect(pruneCalls.DeleteProgramManagementAccount).toBe(1);
      expect(Object.keys(pruneCalls).filter((op) => !/^(DeleteProgramManagementAccount|CancelChannelHandshake)$/.test(op))).toEqual([]);
      expect(pmaAt(h.emulator, SPARE)).toBeUndefined();
      expect(h.state.pmas().map((p) => p.id)).toEqual([emea?.id, apac.id]);
      expect(h.state.relationships()).toHaveLength(2);

      // Empty, with and without --prune.
      for (const extra of [[], ['--prune']]) {
        const empty = await pcc(ws, h.env, ['plan', '--detailed-exitcode', ...extra]);
        expect(empty.code, empty.stdout + empty.stderr).toBe(0);
        expect(empty.stdout).toContain('No changes.');
      }
    },
    LIFE_TIMEOUT,
  );
});
