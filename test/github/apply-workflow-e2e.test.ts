/**
 * Applying from GitHub (issue 10, fault 6) through the simulated runner: the action step with the args the
 * workflows give it, the built CLI, the emulator over HTTP.
 *  - pcc-apply.yml: the pull request's plan step saves the plan, its collect step puts it where the artifact
 *    is made from, the apply job applies it with --reviewed; a change made by hand since makes it refuse.
 *  - pcc-prune.yml: the plan job checks its inputs and turns them into flags, saves a prune plan; the apply job
 *    applies exactly that plan with the same flags (the plan job's output). A relationship under an accepted service
 *    period is pruned only when the run's `acknowledge-service-periods` names it; a malformed address stops the run
 *    before anything is read.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AcceptChannelHandshakeCommand } from '@aws-sdk/client-partnercentral-channel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createRunner, E2E_PMA, e2eAccount, FAST, parseOutputFile, relationshipsYaml, runBash, type Runner } from './action-step.js';
import { evaluateArgs, stepOf, type Yaml } from './workflow-files.js';

/** A step's `with.args` with the expressions the apply workflow uses evaluated. */
const argsOf = (step: Yaml, context: { runnerTemp: string }) => evaluateArgs(step, { 'runner.temp': context.runnerTemp });

const NOTICE_30 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 };

const h = withEmulator({ idSeed: 26 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });
let runner: Runner;
beforeEach(async () => {
  runner = await createRunner();
  await runner.writeFile('.pcc-set', '');
});
afterEach(() => runner.remove());

const seedManaged = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    h.state.seedRelationship({
      pmaId: E2E_PMA,
      associatedAccountId: e2eAccount(i),
      associationType: 'END_CUSTOMER',
      displayName: `Customer ${i}`,
      sector: 'COMMERCIAL',
      tags: { 'pcc:managed': 'true' },
    }),
  );

describe('pcc-apply.yml: the merge applies the plan reviewed on the pull request', () => {
  async function reviewOnPullRequest(pullRequest = '7') {
    seedManaged(2);
    // The pull request renames Customer 0 (relationshipsYaml names both "Renamed").
    await runner.writeFile('main.yaml', relationshipsYaml(2).replace('Customer 0', 'Renamed 0'));
    const prPlan = stepOf('pcc-pull-request.yml', 'plan', 'Plan');
    const plan = await runner.run({ command: 'plan', args: `${argsOf(prPlan, { runnerTemp: runner.temp })} ${FAST}`, env: h.env });
    expect(plan.status, plan.stderr).toBe(0);
    const collect = await runBash(String(stepOf('pcc-pull-request.yml', 'plan', 'Collect the plan').run), runner.workspace, {
      PATH: process.env.PATH ?? '',
      RUNNER_TEMP: runner.temp,
      STDOUT_FILE: plan.outputs.get('stdout-file') ?? '',
      PULL_REQUEST: pullRequest,
    });
    expect(collect.status, collect.stderr).toBe(0);
    // The find step downloads the pull request's artifact (a zip) into the apply job's RUNNER_TEMP, named by its number.
    await mkdir(join(runner.temp, 'pcc-reviewed'));
    execFileSync('zip', [
      '-q',
      '-j',
      join(runner.temp, 'pcc-reviewed', '7.zip'),
      ...['plan.json', 'plan.md', 'pull-request.txt'].map((f) => join(runner.temp, 'pcc-plan', f)),
    ]);
  }

  /** The apply job's check that the downloaded plan was made on the merged pull request (#7); its outputs. */
  const samePullRequest = async () => {
    const run = await runBash(String(stepOf('pcc-apply.yml', 'apply', 'Check the reviewed plans are of the merged pull requests').run), runner.workspace, {
      PATH: process.env.PATH ?? '',
      RUNNER_TEMP: runner.temp,
      GITHUB_OUTPUT: join(runner.temp, 'github-output'),
      GITHUB_STEP_SUMMARY: join(runner.temp, 'step-summary'),
      PULL_REQUESTS: '7',
    });
    return {
      ...run,
      outputs: existsSync(join(runner.temp, 'github-output')) ? parseOutputFile(readFileSync(join(runner.temp, 'github-output'), 'utf8')) : new Map<string, string>(),
    };
  };

  // The newest successful plan run on the merged head commit may be another pull request's (the same branch
  // opened against another base): its plan was made from other files and reviewed by other people.
  it('refuses a plan artifact made on another pull request with the same head commit', async () => {
    await reviewOnPullRequest('8');
    const check = await samePullRequest();
    expect(check.status).toBe(1);
    expect(check.stdout + check.stderr).toContain('the plan found for pull request #7 was made on pull request #8');
    expect(check.outputs.get('refused')).toBe('true');
    expect(check.outputs.has('args')).toBe(false);
    expect(readFileSync(join(runner.temp, 'step-summary'), 'utf8')).toContain('## pcc apply refused');
    await rm(join(runner.temp, 'github-output'));
    await writeFile(join(runner.temp, 'pcc-plan', 'pull-request.txt'), '7\n');
    await rm(join(runner.temp, 'pcc-reviewed', '7.zip'));
    execFileSync('zip', [
      '-q',
      '-j',
      join(runner.temp, 'pcc-reviewed', '7.zip'),
      ...['plan.json', 'plan.md', 'pull-request.txt'].map((f) => join(runner.temp, 'pcc-plan', f)),
    ]);
    const ours = await samePullRequest();
    expect(ours.status, ours.stderr).toBe(0);
    expect(Object.fromEntries(ours.outputs)).toEqual({ args: `--reviewed ${join(runner.temp, 'pcc-reviewed', '7', 'plan.json')}` });
    await rm(join(runner.temp, 'github-output'));
    // No artifact at all (a plan job that saved none): refused, said so.
    await rm(join(runner.temp, 'pcc-reviewed'), { recursive: true });
    const none = await samePullRequest();
    expect(none.status).toBe(1);
    expect(none.stdout).toContain('the plan found for pull request #7 holds no reviewed plan');
    expect(none.outputs.get('refused')).toBe('true');
  });

  const applyStep = async () => {
    const check = await samePullRequest();
    expect(check.status, check.stdout).toBe(0);
    const step = stepOf('pcc-apply.yml', 'apply', 'Apply');
    const args = evaluateArgs(step, { 'steps.same-pull-request.outputs.args': check.outputs.get('args') ?? '', 'runner.temp': runner.temp });
    return runner.run({ command: String((step.with as Yaml).command), args: `${args} ${FAST}`, env: h.env });
  };

  it('applies the reviewed rename', async () => {
    await reviewOnPullRequest();
    const apply = await applyStep();
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.outputs.get('refused') ?? '').toBe('');
    expect(
      h.state
        .relationships()
        .map((r) => r.displayName)
        .sort(),
    ).toEqual(['Customer 1', 'Renamed 0']);
  });

  it('a change by hand since the review: refuses, writes nothing, says so in the summary and the refused output', async () => {
    await reviewOnPullRequest();
    const other = h.state.relationships().find((r) => r.displayName === 'Customer 1');
    h.state.mutateRelationship(other!.id, { displayName: 'By hand' });
    const apply = await applyStep();
    expect(apply.status).toBe(1);
    expect(apply.outputs.get('refused')).toBe('true');
    expect(apply.outputs.get('exit-code')).toBe('1');
    expect(apply.summary).toContain('## pcc apply refused');
    expect(apply.summary).toContain('~ displayName: "By hand" → "Customer 1"');
    expect(
      h.state
        .relationships()
        .map((r) => r.displayName)
        .sort(),
    ).toEqual(['By hand', 'Customer 0']);
  });
});

describe('pcc-prune.yml: plan job, then an apply job of exactly that plan', () => {
  type Inputs = { maxDeletes?: string; acknowledge?: string };
  /** The first step, run as the runner runs it, with the dispatch's inputs rendered into its env (before any checkout). */
  async function checkInputs(inputs: Inputs) {
    const step = stepOf('pcc-prune.yml', 'plan', 'Check the inputs and choose the flags');
    expect(step.env).toEqual({ MAX_DELETES: '${{ inputs.max-deletes }}', ACKNOWLEDGE_SERVICE_PERIODS: '${{ inputs.acknowledge-service-periods }}' });
    const output = join(runner.temp, 'flags-output');
    await writeFile(output, '');
    const run = await runBash(String(step.run), runner.workspace, {
      PATH: process.env.PATH ?? '',
      GITHUB_OUTPUT: output,
      MAX_DELETES: inputs.maxDeletes ?? '',
      ACKNOWLEDGE_SERVICE_PERIODS: inputs.acknowledge ?? '',
    });
    return { ...run, outputs: parseOutputFile(readFileSync(output, 'utf8')) };
  }
  /** The plan job: the inputs step, then the plan step with its args; `flags` is the job output the apply job gets. */
  async function planJob(inputs: Inputs = {}) {
    const checked = await checkInputs(inputs);
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    const flags = checked.outputs.get('flags') ?? '';
    const step = stepOf('pcc-prune.yml', 'plan', 'Plan');
    const plan = await runner.run({
      command: 'plan',
      args: `${evaluateArgs(step, { 'steps.flags.outputs.flags': flags, 'runner.temp': runner.temp })} ${FAST}`,
      env: h.env,
    });
    return Object.assign(plan, { flags });
  }
  async function applyJob(flags: string) {
    const step = stepOf('pcc-prune.yml', 'apply', 'Apply the reviewed plan');
    return runner.run({ command: 'apply', args: `${evaluateArgs(step, { 'needs.plan.outputs.flags': flags, 'runner.temp': runner.temp })} ${FAST}`, env: h.env });
  }

  it('the plan is saved and in the summary before anyone approves; the apply deletes what it showed', async () => {
    seedManaged(3);
    await runner.writeFile('main.yaml', relationshipsYaml(2));
    const plan = await planJob();
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.outputs.get('has-changes')).toBe('true');
    expect(plan.outputs.get('plan-file')).toBe('pcc-prune-plan.json');
    expect(plan.summary).toContain('Plan: 1 to delete');
    expect(h.state.relationships()).toHaveLength(3);

    const apply = await applyJob(plan.flags);
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('1 deleted, 0 failed');
    expect(h.state.relationships()).toHaveLength(2);
  });

  it('a mass deletion is refused at the plan job unless max-deletes allows it', async () => {
    seedManaged(30);
    await runner.writeFile('main.yaml', relationshipsYaml(5));
    const guarded = await planJob();
    expect(guarded.status).toBe(1);
    expect(guarded.outputs.get('plan-file')).toBe('');
    const allowed = await planJob({ maxDeletes: '25' });
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.flags).toBe('--max-deletes 25');
    const apply = await applyJob(allowed.flags);
    expect(apply.status, apply.stderr).toBe(0);
    expect(h.state.relationships()).toHaveLength(5);
  });
  /** Two managed relationships with a service period requested by a merge; the customer of the second accepted it. */
  async function acceptedPeriodOnSecond(): Promise<string> {
    seedManaged(2);
    await runner.writeFile('main.yaml', relationshipsYaml(2, { servicePeriod: NOTICE_30 }));
    const merged = await runner.run({ command: 'apply', args: `--auto-approve ${FAST}`, env: h.env });
    expect(merged.status, merged.stderr).toBe(0);
    const request = h.state.handshakes().find((hs) => hs.receiverAccountId === e2eAccount(1));
    const customer = h.client({ accessKeyId: `AKIA${e2eAccount(1)}` });
    await customer.send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: request?.id }));
    await runner.writeFile('main.yaml', relationshipsYaml(1, { servicePeriod: NOTICE_30 }));
    return `AWS/${E2E_PMA}/${e2eAccount(1)}`;
  }

  it('a relationship under an accepted service period is pruned only when acknowledge-service-periods names it', async () => {
    const address = await acceptedPeriodOnSecond();
    const other = `Sandbox/${E2E_PMA}/${e2eAccount(7)}`;

    // Without the input the plan job blocks: nothing saved, the apply job never runs.
    const blocked = await planJob();
    expect(blocked.status).toBe(1);
    expect(blocked.flags).toBe('');
    expect(blocked.outputs.get('plan-file')).toBe('');
    expect(blocked.stdout + blocked.stderr).toContain(`--acknowledge-service-period ${address}`);
    expect(existsSync(join(runner.workspace, 'pcc-prune-plan.json'))).toBe(false);

    // Naming another relationship acknowledges nothing here: pcc refuses the unused acknowledgement.
    const unused = await planJob({ acknowledge: `${address}\n${other}` });
    expect(unused.flags).toBe(`--acknowledge-service-period ${address} --acknowledge-service-period ${other}`);
    expect(unused.status).toBe(1);
    expect(unused.stdout + unused.stderr).toContain('service-period-acknowledgement-unused');

    // Named (among spaces, commas and newlines): planned, saved with it, shown before anyone approves.
    const plan = await planJob({ acknowledge: ` ,${address},\n`, maxDeletes: '' });
    expect(plan.flags).toBe(`--acknowledge-service-period ${address}`);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.outputs.get('has-changes')).toBe('true');
    expect(plan.summary).toContain('Plan: 1 to delete');
    expect(JSON.parse(readFileSync(join(runner.workspace, 'pcc-prune-plan.json'), 'utf8'))).toMatchObject({
      options: { prune: true, acknowledgeServicePeriods: [address] },
    });
    expect(h.state.relationships()).toHaveLength(2);

    // The apply job, with the plan job's flags, deletes exactly that relationship.
    const apply = await applyJob(plan.flags);
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('1 deleted, 0 failed');
    expect(h.state.relationships().map((r) => r.associatedAccountId)).toEqual([e2eAccount(0)]);
  });

  it('the saved plan is not applied with other flags than the plan job gave it', async () => {
    const address = await acceptedPeriodOnSecond();
    const plan = await planJob({ acknowledge: address });
    expect(plan.status, plan.stderr).toBe(0);
    const without = await applyJob('');
    expect(without.status).toBe(1);
    expect(without.stderr).toContain(`it was made with --acknowledge-service-period ${address}; pass --acknowledge-service-period ${address} to apply it too`);
    expect(h.state.relationships()).toHaveLength(2);
  });

  it('a malformed address (or max-deletes) stops the run at its first step, naming it, before anything is read', async () => {
    const good = `AWS/${E2E_PMA}/${e2eAccount(1)}`;
    // Each shown as bash's %q shows it: a quote, a glob or a control character is escaped, never run or expanded.
    for (const [bad, shown] of [
      [`AWS/${E2E_PMA}/12345`, `AWS/${E2E_PMA}/12345`],
      [`${E2E_PMA}/${e2eAccount(1)}`, `${E2E_PMA}/${e2eAccount(1)}`],
      [`AWS/${E2E_PMA}/${e2eAccount(1)}/x`, `AWS/${E2E_PMA}/${e2eAccount(1)}/x`],
      ['*', '\\*'],
      ['$(touch${IFS}pwned)', '\\$\\(touch\\$\\{IFS\\}pwned\\)'],
      ['AWS/pma-x/1;--prune', 'AWS/pma-x/1\\;--prune'],
      ['a\u001b]0;x\u0007', "$'a\\E]0;x\\a'"],
    ]) {
      const run = await checkInputs({ acknowledge: `${good}, ${bad}` });
      expect(run.status, bad).toBe(1);
      expect(run.stdout.split('\n')).toContain(
        `::error title=pcc prune::acknowledge-service-periods: ${shown} is not a relationship address (CATALOG/pma-…/ACCOUNT, like AWS/pma-0123456789abc/123456789012)`,
      );
      expect(run.stdout).not.toContain(`: ${good} is not`);
      expect(run.stdout).not.toContain('\u001b');
      expect(run.outputs.get('flags')).toBeUndefined();
    }
    expect(existsSync(join(runner.workspace, 'pwned'))).toBe(false);
    const notNumber = await checkInputs({ maxDeletes: '5 --prune', acknowledge: good });
    expect(notNumber.status).toBe(1);
    expect(notNumber.stdout).toContain('::error title=pcc prune::max-deletes must be a whole number or empty');
    expect(notNumber.outputs.get('flags')).toBeUndefined();
    // A line break in the input cannot start a workflow command of its own: the value is shown escaped.
    const injected = await checkInputs({ maxDeletes: '5\n::add-mask::x', acknowledge: good });
    expect(injected.status).toBe(1);
    expect(injected.stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([
      "::error title=pcc prune::max-deletes must be a whole number or empty, not $'5\\n::add-mask::x'",
    ]);
  });
});
