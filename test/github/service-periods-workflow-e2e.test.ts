/**
 * pcc-service-periods.yml through the simulated runner (its scripts with bash, the action step with the args the
 * workflow gives it, the built CLI, the emulator over HTTP): the inputs choose the flags, the plan job saves a plan
 * that sends what the merge never sends (a resend, a revoke), and the apply job applies exactly that plan. With
 * no input chosen, the run stops before anything is read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AcceptChannelHandshakeCommand, RejectChannelHandshakeCommand } from '@aws-sdk/client-partnercentral-channel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createRunner, E2E_PMA, e2eAccount, FAST, parseOutputFile, relationshipsYaml, runBash, type Runner } from './action-step.js';
import { evaluateArgs, stepOf } from './workflow-files.js';

const WORKFLOW = 'pcc-service-periods.yml';
const NOTICE_30 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 };

const h = withEmulator({ idSeed: 27 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });
let runner: Runner;
beforeEach(async () => {
  runner = await createRunner();
});
afterEach(() => runner.remove());

const customer = () => h.client({ accessKeyId: `AKIA${e2eAccount(0)}` });
const statuses = () => h.state.handshakes().map((hs) => `${hs.handshakeType}:${hs.status}`);

/** The "Choose what to send" step, run as the runner runs it with the dispatch's inputs rendered into its env. */
async function chooseFlags(inputs: { resend?: boolean; revoke?: boolean; replace?: boolean }) {
  const output = join(runner.temp, 'flags-output');
  writeFileSync(output, '');
  const run = await runBash(String(stepOf(WORKFLOW, 'plan', 'Choose what to send').run), runner.workspace, {
    PATH: process.env.PATH ?? '',
    GITHUB_OUTPUT: output,
    RESEND: String(inputs.resend ?? false),
    REVOKE: String(inputs.revoke ?? false),
    REPLACE_SERVICE_PERIODS: String(inputs.replace ?? false),
  });
  return { ...run, outputs: parseOutputFile(readFileSync(output, 'utf8')) };
}

/** The plan job: the flags step, then the plan step with its args; returns the flags the apply job gets. */
async function planJob(inputs: Parameters<typeof chooseFlags>[0]) {
  const chosen = await chooseFlags(inputs);
  expect(chosen.status, chosen.stdout + chosen.stderr).toBe(0);
  const flags = chosen.outputs.get('flags') ?? '';
  const args = evaluateArgs(stepOf(WORKFLOW, 'plan', 'Plan'), { 'steps.flags.outputs.flags': flags, 'runner.temp': runner.temp });
  return { flags, plan: await runner.run({ command: 'plan', args: `${args} ${FAST}`, env: h.env }) };
}

/** The apply job on the plan job's saved plan (download-artifact puts it in the workspace, where the plan job wrote it). */
function applyJob(flags: string) {
  const step = stepOf(WORKFLOW, 'apply', 'Apply the reviewed plan');
  return runner.run({ command: 'apply', args: `${evaluateArgs(step, { 'needs.plan.outputs.flags': flags, 'runner.temp': runner.temp })} ${FAST}`, env: h.env });
}

/** A managed relationship whose period the merge workflow requested (a plain apply), answered by the customer. */
async function requestedAndAnswered(answer: 'accept' | 'reject'): Promise<string> {
  h.state.seedRelationship({
    pmaId: E2E_PMA,
    associatedAccountId: e2eAccount(0),
    associationType: 'END_CUSTOMER',
    displayName: 'Customer 0',
    sector: 'COMMERCIAL',
    tags: { 'pcc:managed': 'true' },
  });
  await runner.writeFile('main.yaml', relationshipsYaml(1, { servicePeriod: NOTICE_30 }));
  const merged = await runner.run({ command: 'apply', args: `--auto-approve ${FAST}`, env: h.env });
  expect(merged.status, merged.stderr).toBe(0);
  const [request] = h.state.handshakes();
  const Command = answer === 'accept' ? AcceptChannelHandshakeCommand : RejectChannelHandshakeCommand;
  await customer().send(new Command({ catalog: 'AWS', identifier: request?.id }));
  return request!.id;
}

describe('pcc-service-periods.yml: plan job, then an apply job of exactly that plan', () => {
  it('resend: a rejected request is planned again only with the input, shown and saved, then sent once', async () => {
    const rejected = await requestedAndAnswered('reject');
    // What the merge and drift workflows plan: the rejection is shown, nothing would be sent.
    const plain = await runner.run({ command: 'plan', args: FAST, env: h.env });
    expect(plain.outputs.get('has-changes')).toBe('false');
    expect(plain.stdout).toContain(`the request ${rejected} was rejected`);

    const { flags, plan } = await planJob({ resend: true });
    expect(flags).toBe('--resend');
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.outputs.get('has-changes')).toBe('true');
    expect(plan.outputs.get('plan-file')).toBe('pcc-service-periods-plan.json');
    expect(plan.summary).toContain(
      `<code>AWS/${E2E_PMA}/${e2eAccount(0)}</code> service period will be requested from the customer: MINIMUM_NOTICE_PERIOD, 30 days notice`,
    );
    expect(plan.summary).toContain('1 service period to request');
    expect(JSON.parse(readFileSync(join(runner.workspace, 'pcc-service-periods-plan.json'), 'utf8'))).toMatchObject({
      options: { resend: true },
      summary: { request: 1 },
    });
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:REJECTED']); // nothing sent before the approval

    const apply = await applyJob(flags);
    expect(apply.status, apply.stderr).toBe(0);
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:REJECTED', 'START_SERVICE_PERIOD:PENDING']);
    // Re-running the approved job sends nothing more: the saved change is done.
    const again = await applyJob(flags);
    expect(again.status, again.stderr).toBe(0);
    expect(statuses()).toHaveLength(2);
  });

  it('revoke: an accepted period the file no longer declares is revoked with the input, after the plan showed it', async () => {
    const accepted = await requestedAndAnswered('accept');
    await runner.writeFile('main.yaml', relationshipsYaml(1));

    const { flags, plan } = await planJob({ revoke: true });
    expect(flags).toBe('--revoke');
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.outputs.get('has-changes')).toBe('true');
    expect(plan.summary).toContain(`accepted service period ${accepted} will be revoked`);
    expect(plan.summary).toContain('1 service period to revoke');
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED']);

    const apply = await applyJob(flags);
    expect(apply.status, apply.stderr).toBe(0);
    expect(statuses()).toEqual(['START_SERVICE_PERIOD:ACCEPTED', 'REVOKE_SERVICE_PERIOD:PENDING']);
    expect(h.state.handshakes()[1]).toMatchObject({ receiverAccountId: e2eAccount(0) });
  });

  it('passes every chosen input on, in the order of the inputs', async () => {
    const all = await chooseFlags({ resend: true, revoke: true, replace: true });
    expect(all.status, all.stderr).toBe(0);
    expect(all.outputs.get('flags')).toBe('--resend --revoke --replace-service-periods');
  });

  // It is the plan job's first step (workflow-policy.test.ts), so its failure stops the run before any credentials.
  it('refuses a run with no input chosen, with an error annotation and no flags', async () => {
    const none = await chooseFlags({});
    expect(none.status).toBe(1);
    expect(none.stdout).toContain('::error title=pcc service periods::Nothing to do: run the workflow with at least one of resend, revoke and replace-service-periods');
    expect(none.outputs.get('flags')).toBeUndefined();
  });
});
