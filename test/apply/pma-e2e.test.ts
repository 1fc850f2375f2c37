/**
 * Program management accounts end to end: the built CLI, the real SDK and the emulator. A declared PMA is
 * created PENDING with one PROGRAM_MANAGEMENT_ACCOUNT handshake; the plan then waits for its account (not drift,
 * nothing sent again); the account accepts as itself (access key `AKIA` + account id); a rename updates it in
 * place; a PMA no file declares any more is pruned only once no relationship is under it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AcceptChannelHandshakeCommand, RejectChannelHandshakeCommand } from '@aws-sdk/client-partnercentral-channel';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { pcc, PMA, type Workspace, workspaceForTest } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 21 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

const EMEA = '111122223333';
const APAC = '444455556666';
const pma = (name: string, accountId: string, displayName: string) => ({ name, program: 'DISTRIBUTION', accountId, displayName, tags: { team: name } });

/** relationships/pmas.yaml: the declared PMAs (catalog AWS). */
async function declare(ws: Workspace, pmas: Record<string, unknown>[]): Promise<void> {
  await writeFile(join(ws.cwd, 'relationships', 'pmas.yaml'), stringify({ catalog: 'AWS', programManagementAccounts: pmas }), 'utf8');
}

async function planJson(ws: Workspace, args: string[] = []) {
  const result = await pcc(ws, h.env, ['plan', '--format', 'json', ...args]);
  return {
    result,
    plan: JSON.parse(result.stdout) as { changes: Record<string, unknown>[]; errors: { code: string; message: string }[]; unmanaged: Record<string, unknown>[] },
  };
}

const pmaChanges = (plan: { changes: Record<string, unknown>[] }) => plan.changes.filter((c) => c.kind === 'programManagementAccount');
const declaredPmas = () => h.state.pmas().filter((p) => p.id !== PMA);

/** The account accepts its pending PROGRAM_MANAGEMENT_ACCOUNT handshake, as itself. */
async function accept(accountId: string): Promise<void> {
  const handshake = h.state.handshakes().find((x) => x.receiverAccountId === accountId && x.status === 'PENDING');
  await h.client({ accessKeyId: `AKIA${accountId}` }).send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: handshake?.id }));
}

describe('program management accounts (built CLI → SDK → emulator)', () => {
  it('creates a declared PMA with one handshake, waits for its account, is clean once accepted, renames in place', async () => {
    const ws = await workspaceForTest([]);
    await declare(ws, [pma('emea', EMEA, 'EMEA distribution')]);

    const first = await pcc(ws, h.env, ['plan']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`+ AWS/DISTRIBUTION/${EMEA} will be created, then a PROGRAM_MANAGEMENT_ACCOUNT handshake to account ${EMEA} sent`);
    const { plan: planned } = await planJson(ws);
    expect(pmaChanges(planned)).toEqual([expect.objectContaining({ action: 'create', handshake: { send: true, sent: 0 } })]);
    // The PMA already there (made in the console) is named by id by the workspace's document: the files speak for it,
    // so it is neither reported as in no file nor ever a prune candidate (breakit #6/#19).
    expect(planned.unmanaged).toEqual([]);

    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    const [made] = declaredPmas();
    expect(made).toMatchObject({ catalog: 'AWS', program: 'DISTRIBUTION', accountId: EMEA, displayName: 'EMEA distribution', status: 'PENDING' });
    // pcc:apply-run names the apply that made it: a later read-back after a 409 or a lost answer proves it by this tag.
    expect(h.state.tagsOf(made?.arn ?? '')).toEqual({ 'pcc:managed': 'true', 'pcc:apply-run': expect.stringMatching(/\S/), team: 'emea' });
    const handshakes = h.state.handshakes();
    expect(handshakes).toEqual([
      expect.objectContaining({ handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT', associatedResourceId: made?.id, receiverAccountId: EMEA, status: 'PENDING' }),
    ]);

    // Waiting for the account is shown, not drift, and a rerun sends nothing.
    const waiting = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(waiting.code, waiting.stderr).toBe(0);
    expect(waiting.stdout).toContain(`waiting for account ${EMEA} to accept (${handshakes[0]?.id})`);
    const again = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(again.code, again.stderr).toBe(0);
    expect(h.state.handshakes()).toHaveLength(1);
    expect(declaredPmas()).toHaveLength(1);

    await accept(EMEA);
    expect(h.state.getPma(made?.id ?? '')?.status).toBe('ACTIVE');
    const clean = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).not.toContain('waiting for account');

    // A new displayName is an update in place, with the revision planned against.
    await declare(ws, [pma('emea', EMEA, 'EMEA resale')]);
    const rename = await planJson(ws);
    expect(pmaChanges(rename.plan)).toEqual([
      expect.objectContaining({ action: 'update', id: made?.id, fields: [{ name: 'displayName', before: 'EMEA distribution', after: 'EMEA resale' }] }),
    ]);
    const renamed = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(h.state.getPma(made?.id ?? '')).toMatchObject({ displayName: 'EMEA resale', status: 'ACTIVE' });
    const after = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(after.code, after.stdout).toBe(0);
    expect(h.state.handshakes()).toHaveLength(1);
  });

  it('refuses to prune a PMA with relationships under it (counting them), and prunes it once they are gone', async () => {
    const ws = await workspaceForTest([]);
    await declare(ws, [pma('emea', EMEA, 'EMEA'), pma('apac', APAC, 'APAC')]);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    const emea = declaredPmas().find((p) => p.accountId === EMEA);
    const under = [1, 2].map((i) =>
      h.state.seedRelationship({
        pmaId: emea?.id ?? '',
        associatedAccountId: `20000000000${i}`,
        associationType: 'END_CUSTOMER',
        displayName: `C${i}`,
        sector: 'COMMERCIAL',
      }),
    );

    await declare(ws, [pma('apac', APAC, 'APAC')]);
    const candidates = await planJson(ws);
    expect(candidates.result.code).toBe(0);
    expect(pmaChanges(candidates.plan).map((c) => c.action)).toEqual(['no-op']);
    const refused = await planJson(ws, ['--prune']);
    expect(refused.result.code).toBe(1);
    expect(refused.plan.errors).toEqual([expect.objectContaining({ code: 'pma-has-relationships', message: expect.stringContaining(`still has 2 relationships`) })]);
    const apply = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(apply.code).toBe(1);
    expect(h.state.getPma(emea?.id ?? '')).toBeDefined();

    for (const relationship of under) h.state.removeRelationship(relationship.id);
    const pruned = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(h.state.getPma(emea?.id ?? '')).toBeUndefined();
    expect(declaredPmas().map((p) => p.accountId)).toEqual([APAC]);
    // The PMA no file ever declared and pcc does not manage stays.
    expect(h.state.getPma(PMA)).toBeDefined();
  });

  it('applies a saved plan; a rejected handshake is shown with a warning and sent again only with --resend', async () => {
    const ws = await workspaceForTest([]);
    await declare(ws, [pma('emea', EMEA, 'EMEA')]);
    const saved = await pcc(ws, h.env, ['plan', '--out', 'saved.plan.json']);
    expect(saved.code, saved.stderr).toBe(0);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve', 'saved.plan.json']);
    expect(applied.code, applied.stderr).toBe(0);
    const [first] = h.state.handshakes();
    await h.client({ accessKeyId: `AKIA${EMEA}` }).send(new RejectChannelHandshakeCommand({ catalog: 'AWS', identifier: first?.id }));

    const shown = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout + shown.stderr).toContain(`the handshake ${first?.id} to account ${EMEA} was rejected`);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(h.state.handshakes()).toHaveLength(1);

    const resent = await pcc(ws, h.env, ['apply', '--resend', '--auto-approve']);
    expect(resent.code, resent.stderr).toBe(0);
    expect(h.state.handshakes().map((x) => x.status)).toEqual(['REJECTED', 'PENDING']);
    await accept(EMEA);
    expect(declaredPmas()[0]?.status).toBe('ACTIVE');
  });
});
