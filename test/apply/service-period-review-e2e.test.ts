/**
 * Service periods as a reviewer broke them (issue 14 review), end to end: built CLI → SDK → emulator.
 * - a rejected revoke sent again with --revoke --resend really goes out (a new handshake, not the old one's token);
 * - an endDate that is no calendar day (2027-02-29) is refused by validate, not sent and re-requested forever;
 * - the 60-365 day window counts whole UTC days, so its first and last days are accepted whatever the hour;
 * - import writes the period in force: not a revoked one, and an accepted one behind a later pending request.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateChannelHandshakeCommand } from '@aws-sdk/client-partnercentral-channel';
import { afterEach, describe, expect, it } from 'vitest';
import { customerActions } from '../support/customer.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, pcc, PMA, type Workspace } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 77 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

const NOTICE_30 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 };
const DAY = 24 * 60 * 60 * 1000;
const { customer, accept, reject } = customerActions(h);
const statuses = () => h.state.handshakes().map((hs) => `${hs.handshakeType}:${hs.status}`);
const utcDay = (offset: number) => new Date(Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);

/** A managed relationship for entry i with an accepted period of NOTICE_30; returns the accepted handshake's id. */
async function acceptedPeriod(i: number): Promise<string> {
  ws = await createWorkspace([entry(i, { servicePeriod: NOTICE_30 })]);
  expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
  const [start] = h.state.handshakes();
  await accept(i, start?.id);
  return start!.id;
}

/** A START_SERVICE_PERIOD sent by hand (not by pcc) about relationship `id`. */
const startByHand = (id: string, minimumNoticeDays: string) =>
  h.client().send(
    new CreateChannelHandshakeCommand({
      handshakeType: 'START_SERVICE_PERIOD',
      catalog: 'AWS',
      associatedResourceIdentifier: id,
      payload: { startServicePeriodPayload: { programManagementAccountIdentifier: PMA, servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays } },
    }),
  );

describe('a rejected revoke, sent again with --revoke --resend', () => {
  it('sends a second revoke (the first one’s token would replay the rejected handshake), once; the period then ends', async () => {
    await acceptedPeriod(1);
    await ws!.write([entry(1)]);
    expect((await pcc(ws!, h.env, ['apply', '--revoke', '--auto-approve'])).code).toBe(0);
    const first = h.state.handshakes()[1];
    await reject(1, first?.id);

    // --revoke alone does not send it again.
    expect((await pcc(ws!, h.env, ['apply', '--revoke', '--auto-approve'])).code).toBe(0);
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED', 'REVOKE_SERVICE_PERIOD:REJECTED']);

    for (let i = 0; i < 2; i++) {
      const applied = await pcc(ws!, h.env, ['apply', '--revoke', '--resend', '--auto-approve']);
      expect(applied.code, applied.stderr).toBe(0);
    }
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED', 'REVOKE_SERVICE_PERIOD:REJECTED', 'REVOKE_SERVICE_PERIOD:PENDING']);
    const second = h.state.handshakes()[2];
    expect(second?.id).not.toBe(first?.id);
    const waiting = await pcc(ws!, h.env, ['plan', '--revoke', '--detailed-exitcode']);
    expect(waiting.stdout).toContain(`revoke waiting for the customer since ${utcDay(0)} (${second?.id})`);
    await accept(1, second?.id);
    const done = await pcc(ws!, h.env, ['plan', '--revoke', '--resend', '--detailed-exitcode']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('No changes.');
  });
});

describe('endDate that is no calendar day', () => {
  for (const endDate of ['2027-02-29', '2026-02-30', '2027-04-31']) {
    it(`${endDate}: validate names file:line:col; plan and apply send nothing`, async () => {
      ws = await createWorkspace([entry(2, { servicePeriod: { type: 'FIXED_COMMITMENT_PERIOD', endDate } })]);
      const validated = await pcc(ws, h.env, ['validate']);
      expect(validated.code).toBe(1);
      expect(validated.stderr).toMatch(new RegExp(`relationships/main\\.yaml:\\d+:\\d+: error: servicePeriod\\.endDate "${endDate}" is not a day of the calendar`));
      const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
      expect(applied.code).toBe(1);
      expect(h.state.relationships()).toEqual([]);
      expect(h.state.handshakes()).toEqual([]);
    });
  }

  it('a real leap day (2028-02-29) is valid', async () => {
    ws = await createWorkspace([entry(2, { servicePeriod: { type: 'FIXED_COMMITMENT_PERIOD', endDate: '2028-02-29' } })]);
    expect((await pcc(ws, h.env, ['validate'])).code).toBe(0);
  });
});

describe('the 60-365 day window of a new FIXED_COMMITMENT_PERIOD, in UTC days', () => {
  for (const [offset, ok] of [
    [59, false],
    [60, true],
    [365, true],
    [366, false],
  ] as const) {
    it(`today + ${offset} days: ${ok ? 'requested' : 'a plan error'}, whatever the time of day`, async () => {
      ws = await createWorkspace([entry(3, { servicePeriod: { type: 'FIXED_COMMITMENT_PERIOD', endDate: utcDay(offset) } })]);
      const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
      if (ok) {
        expect(applied.code, applied.stderr).toBe(0);
        expect(statuses()).toEqual(['START_SERVICE_PERIOD:PENDING']);
      } else {
        expect(applied.code).toBe(1);
        expect(applied.stderr).toContain(`is ${offset} days away`);
        expect(applied.stderr).toContain(`choose an endDate between ${utcDay(60)} and ${utcDay(365)}`);
        expect(h.state.handshakes()).toEqual([]);
      }
    });
  }
});

describe('import writes the period in force', () => {
  async function imported(): Promise<string> {
    const workspace = await createWorkspace([]);
    ws = workspace;
    const result = await pcc(workspace, h.env, ['import', '--pma', PMA]);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  }

  it('not a period whose revoke the customer accepted (the imported file then requests nothing)', async () => {
    await acceptedPeriod(4);
    await ws!.write([entry(4)]);
    expect((await pcc(ws!, h.env, ['apply', '--revoke', '--auto-approve'])).code).toBe(0);
    await accept(4, h.state.handshakes()[1]?.id);
    await ws!.remove();
    const text = await imported();
    expect(text).toContain(`associatedAccountId: "${accountId(4)}"`);
    expect(text).not.toContain('servicePeriod');
    await writeFile(join(ws!.cwd, 'relationships', 'main.yaml'), text, 'utf8');
    const plan = await pcc(ws!, h.env, ['plan', '--revoke', '--resend', '--detailed-exitcode']);
    expect(plan.stdout).not.toContain('service period');
  });

  it('the accepted period while a later request with other terms is pending', async () => {
    await acceptedPeriod(5);
    const relationship = h.state.relationships()[0]!;
    await startByHand(relationship.id, '60');
    await ws!.remove();
    const text = await imported();
    expect(text).toMatch(/servicePeriod:\n\s+type: MINIMUM_NOTICE_PERIOD\n\s+minimumNoticeDays: 30\n/);
  });
});

describe('a saved plan whose service-period change the live state no longer calls for', () => {
  const applySaved = () => pcc(ws!, h.env, ['apply', '--auto-approve', 'plan.json']);

  it('made before the customer accepted the request it would cancel: refused (exit 1), nothing canceled or sent', async () => {
    ws = await createWorkspace([entry(6, { servicePeriod: NOTICE_30 })]);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    await ws.write([entry(6, { servicePeriod: { ...NOTICE_30, minimumNoticeDays: 60 } })]);
    expect((await pcc(ws, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    await accept(6, h.state.handshakes()[0]?.id);
    const applied = await applySaved();
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/refused, not sent: the live state moved since the plan \(the accepted period ch-\S+ is MINIMUM_NOTICE_PERIOD, 30 days notice/);
    expect(applied.stderr).not.toContain('already matches');
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED']);
  });

  it('edited to ask for other terms than the files: refused (exit 1), nothing sent', async () => {
    await acceptedPeriod(7);
    await ws!.write([entry(7, { servicePeriod: { ...NOTICE_30, minimumNoticeDays: 14 } })]);
    expect((await pcc(ws!, h.env, ['plan', '--replace-service-periods', '--out', 'plan.json'])).code).toBe(0);
    const file = join(ws!.cwd, 'plan.json');
    const plan = JSON.parse(await readFile(file, 'utf8')) as {
      changes: { kind?: string; servicePeriod?: { terms: Record<string, string> }; fields: { after?: Record<string, string> }[] }[];
    };
    for (const change of plan.changes.filter((c) => c.kind === 'servicePeriod')) {
      change.servicePeriod!.terms.minimumNoticeDays = '60';
      change.fields[0]!.after!.minimumNoticeDays = '60';
    }
    await writeFile(file, JSON.stringify(plan), 'utf8');
    const applied = await pcc(ws!, h.env, ['apply', '--auto-approve', '--replace-service-periods', 'plan.json']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('refused, not sent: the files and live state now call for it with other values');
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED']);
  });

  it('sent meanwhile by another apply: skipped as done, with the pending request named', async () => {
    ws = await createWorkspace([entry(8, { servicePeriod: NOTICE_30 })]);
    expect((await pcc(ws, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    const applied = await applySaved();
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain(`no longer needed: waiting for the customer since ${utcDay(0)} (${h.state.handshakes()[0]?.id})`);
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:PENDING']);
  });
});
