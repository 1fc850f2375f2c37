/**
 * The PMA handshake's other paths, end to end (issue 21 "Behaviour"): a rejected handshake is shown with a
 * warning and sent again only with --resend; the handshake quota (5 a day to one account) is a plan error, never
 * a 402 at apply; relationships under an INACTIVE PMA are reported and never attempted.
 */
import {
  CreateChannelHandshakeCommand,
  CreateProgramManagementAccountCommand,
  DeleteProgramManagementAccountCommand,
  RejectChannelHandshakeCommand,
} from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { entry, pcc, workspaceForTest } from '../support/e2e-helpers.js';
import { callsNow, callsSince, identifiedDocument, namedDocument, pmaAt, type PmaDeclaration, pmaDocument, writeDocuments, writesIn } from '../support/pma-e2e.js';

/** Many CLI runs in one test: room for a loaded machine (2 cores shared). */
const RUNS_TIMEOUT = 180_000;
const EMEA: PmaDeclaration = { name: 'emea', program: 'DISTRIBUTION', accountId: '210987654331', displayName: 'EMEA distribution' };

describe('the PMA handshake (built CLI → SDK → emulator)', () => {
  const h = withEmulator({ idSeed: 24 }, { per: 'test' });
  const account = (id: string) => h.client({ accessKeyId: `AKIA${id}` });

  it(
    'rejected: shown with a warning, not sent again; --resend sends one, once',
    async () => {
      const ws = await workspaceForTest();
      await writeDocuments(ws, [pmaDocument([EMEA])]);
      expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
      const [first] = h.state.handshakes();
      await account(EMEA.accountId).send(new RejectChannelHandshakeCommand({ catalog: 'AWS', identifier: first?.id }));

      const shown = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
      expect(shown.code, shown.stdout + shown.stderr).toBe(0);
      expect(shown.stdout + shown.stderr).toMatch(/rejected/);
      expect(shown.stdout + shown.stderr).toContain('--resend');
      let before = callsNow(h.emulator);
      expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
      expect(writesIn(callsSince(h.emulator, before))).toEqual({});

      before = callsNow(h.emulator);
      for (let run = 0; run < 2; run++) expect((await pcc(ws, h.env, ['apply', '--resend', '--auto-approve'])).code).toBe(0);
      expect(writesIn(callsSince(h.emulator, before))).toEqual({ CreateChannelHandshake: 1 });
      expect(h.state.handshakes().map((hs) => [hs.associatedResourceId, hs.status])).toEqual([
        [first?.associatedResourceId, 'REJECTED'],
        [first?.associatedResourceId, 'PENDING'],
      ]);
      expect((await pcc(ws, h.env, ['plan'])).stdout).toContain(`waiting for account ${EMEA.accountId} to accept`);
    },
    RUNS_TIMEOUT,
  );

  it(
    'five handshakes to the account today already: a plan error, and apply creates nothing',
    async () => {
      // Made out of band by this same sender: five PMAs for the account, each sent its handshake, then deleted.
      for (let i = 0; i < 5; i++) {
        const created = await h
          .client()
          .send(new CreateProgramManagementAccountCommand({ catalog: 'AWS', program: EMEA.program, accountId: EMEA.accountId, displayName: `Earlier ${i}` }));
        const id = created.programManagementAccountDetail?.id;
        await h.client().send(new CreateChannelHandshakeCommand({ handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT', catalog: 'AWS', associatedResourceIdentifier: id }));
        await h.client().send(new DeleteProgramManagementAccountCommand({ catalog: 'AWS', identifier: id }));
      }
      const ws = await workspaceForTest();
      await writeDocuments(ws, [pmaDocument([EMEA])]);
      const plan = await pcc(ws, h.env, ['plan', '--format', 'json']);
      expect(plan.code).toBe(1);
      expect((JSON.parse(plan.stdout) as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual(['pma-handshake-quota']);
      const before = callsNow(h.emulator);
      const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
      expect(applied.code).toBe(1);
      expect(writesIn(callsSince(h.emulator, before))).toEqual({});
      expect(pmaAt(h.emulator, EMEA)).toBeUndefined();
      expect(h.emulator.stats.errors.ServiceQuotaExceededException).toBeUndefined();
    },
    RUNS_TIMEOUT,
  );

  it(
    'INACTIVE: changes under the PMA are reported with a warning, never attempted, exit 0',
    async () => {
      const pma = h.state.createPma({ catalog: 'AWS', program: 'SOLUTION_PROVIDER', accountId: '210987654332', displayName: 'Old' });
      h.state.seedRelationship({
        pmaId: pma.id,
        associatedAccountId: entry(1).associatedAccountId,
        associationType: 'END_CUSTOMER',
        displayName: 'Customer 1',
        sector: 'COMMERCIAL',
        tags: { 'pcc:managed': 'true' },
      });
      h.state.setPmaStatus(pma.id, 'INACTIVE');
      const ws = await workspaceForTest();
      await writeDocuments(ws, [identifiedDocument(pma.id, [entry(1, { displayName: 'Customer 1 renamed' }), entry(2)])]);
      const plan = await pcc(ws, h.env, ['plan', '--format', 'json']);
      expect(plan.code, plan.stderr).toBe(0);
      const changes = (JSON.parse(plan.stdout) as { changes: { kind: string; action: string; reasonCode?: string; warnings?: string[] }[] }).changes;
      const relationships = changes.filter((c) => c.kind === 'relationship');
      expect(relationships.map((c) => [c.action, c.reasonCode])).toEqual([
        ['no-op', 'pma-inactive'],
        ['no-op', 'pma-inactive'],
      ]);
      expect(relationships.every((c) => (c.warnings ?? []).length > 0)).toBe(true);
      const before = callsNow(h.emulator);
      const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
      expect(applied.code, applied.stderr).toBe(0);
      expect(writesIn(callsSince(h.emulator, before))).toEqual({});
      expect(h.state.relationships().map((r) => r.displayName)).toEqual(['Customer 1']);
    },
    RUNS_TIMEOUT,
  );

  it(
    'a saved plan: applying it creates the PMA and sends its handshake, the relationships wait; applied again it sends nothing',
    async () => {
      const ws = await workspaceForTest();
      await writeDocuments(ws, [pmaDocument([EMEA]), namedDocument('emea', [entry(1)])]);
      const saved = await pcc(ws, h.env, ['plan', '--out', 'plan.json']);
      expect(saved.code, saved.stderr).toBe(0);
      const applied = await pcc(ws, h.env, ['apply', '--auto-approve', 'plan.json']);
      expect(applied.code, applied.stderr).toBe(0);
      const pma = pmaAt(h.emulator, EMEA);
      expect(pma?.status).toBe('PENDING');
      expect(h.state.handshakes().map((hs) => hs.associatedResourceId)).toEqual([pma?.id]);
      expect(h.state.relationships()).toEqual([]);
      const before = callsNow(h.emulator);
      await pcc(ws, h.env, ['apply', '--auto-approve', 'plan.json']);
      expect(writesIn(callsSince(h.emulator, before))).toEqual({});
      expect(h.state.pmas()).toHaveLength(1);
    },
    RUNS_TIMEOUT,
  );
});
