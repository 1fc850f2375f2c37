/**
 * Applying from GitHub (issue 10, fault 6) through the simulated runner: the action step with the args the
 * workflows give it, the built CLI, the emulator over HTTP.
 *  - pcc-apply.yml: the pull request's plan step saves the plan, its collect step puts it where the artifact
 *    is made from, the apply job applies it with --reviewed; a change made by hand since makes it refuse.
 *  - pcc-prune.yml: the plan job saves a prune plan; the apply job applies exactly that plan.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createRunner, E2E_PMA, e2eAccount, FAST, parseOutputFile, relationshipsYaml, runBash, type Runner } from './action-step.js';
import { evaluateArgs, stepOf, type Yaml } from './workflow-files.js';

/** A step's `with.args` with the expressions the apply and prune workflows use evaluated. */
const argsOf = (step: Yaml, context: { runnerTemp: string; maxDeletes?: string }) =>
  evaluateArgs(step, {
    'runner.temp': context.runnerTemp,
    "inputs.max-deletes && format('--max-deletes {0}', inputs.max-deletes) || ''": context.maxDeletes ? `--max-deletes ${context.maxDeletes}` : '',
  });

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
    const args = evaluateArgs(step, { 'steps.same-pull-request.outputs.args': check.outputs.get('args') ?? '' });
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
  async function planJob(maxDeletes?: string) {
    const step = stepOf('pcc-prune.yml', 'plan', 'Plan');
    return runner.run({ command: 'plan', args: `${argsOf(step, { runnerTemp: runner.temp, maxDeletes })} ${FAST}`, env: h.env });
  }
  async function applyJob(maxDeletes?: string) {
    const step = stepOf('pcc-prune.yml', 'apply', 'Apply the reviewed plan');
    return runner.run({ command: 'apply', args: `${argsOf(step, { runnerTemp: runner.temp, maxDeletes })} ${FAST}`, env: h.env });
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

    const apply = await applyJob();
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
    const allowed = await planJob('25');
    expect(allowed.status, allowed.stderr).toBe(0);
    const apply = await applyJob('25');
    expect(apply.status, apply.stderr).toBe(0);
    expect(h.state.relationships()).toHaveLength(5);
  });
});
