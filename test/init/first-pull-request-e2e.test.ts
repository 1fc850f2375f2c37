/**
 * The first pull request of a repository (issue 18, blocker 2): main holds only a README, the pull request adds
 * what `pcc init` wrote and two relationships. Its workflows run as GitHub runs them, through the simulated
 * runner: the base branch has no pcc, so the PR workflow's first step checks that the pull request's copy of the
 * action is the one init wrote (its digest is in the workflow) and runs it; the plan comment is a real plan, and
 * the merge's apply (the action now on main) applies it. A copy that is not init's runs nothing, and the comment
 * says the one step needed, never that the files did not validate.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { runCli } from '../support/run-cli.js';
import { createRunner, E2E_PMA, FAST, parseOutputFile, relationshipsYaml, runBash, type Runner } from '../github/action-step.js';
import { actionScriptOf, runScript, runScriptWith, scriptOf } from '../github/github-script.js';
import { simulatedGitHub } from '../github/simulated-github.js';
import { evaluateArgs, parseYaml, REPO_ROOT, type Yaml } from '../github/workflow-files.js';

const COPY = join('.github', 'actions', 'pcc');
const HEAD = '1f1'.padEnd(40, 'f');
const RUN_URL = 'https://github.com/acme/channel/actions/runs/1';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The pull request's tree: what `pcc init` wrote, and two relationships. */
async function pullRequestTree(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'pcc-first-pr-'));
  cleanups.push(() => rm(cwd, { recursive: true, force: true }));
  const init = await runCli(['init', '--pma', E2E_PMA, '--account', '123456789012', '--repo', 'acme/channel'], { cwd });
  expect(init.code, init.stderr).toBe(0);
  writeFileSync(join(cwd, 'relationships', 'customers.yaml'), relationshipsYaml(2));
  return cwd;
}

const workflowOf = async (tree: string, name: string) => parseYaml(await readFile(join(tree, '.github', 'workflows', name), 'utf8'));
const stepIn = (doc: Yaml, job: string, name: string) => {
  const step = (((doc.jobs as Record<string, Yaml>)[job]?.steps ?? []) as Yaml[]).find((s) => s.name === name);
  if (!step) throw new Error(`no step "${name}" in job ${job}`);
  return step;
};

/** A runner for one job of the PR workflow: the pull request's sparse checkout, and `base` checked out in .pcc-base. */
async function pullRequestJob(tree: string, base: (dir: string) => Promise<void>): Promise<Runner> {
  const runner = await createRunner((workspace) => join(workspace, '.pcc-base', COPY));
  cleanups.push(() => runner.remove());
  for (const part of ['relationships', 'schema', COPY]) await cp(join(tree, part), join(runner.workspace, part), { recursive: true });
  await mkdir(join(runner.workspace, '.pcc-base'));
  await base(join(runner.workspace, '.pcc-base'));
  return runner;
}
const readmeOnly = async (dir: string) => writeFileSync(join(dir, 'README.md'), '# channel\n');

/** The step "pcc for the first pull request" of `job`, as the runner runs it; its outputs and job summary. */
async function firstStep(runner: Runner, pr: Yaml, job: string) {
  const step = stepIn(pr, job, 'pcc for the first pull request');
  const output = join(runner.temp, `first-${job}-output`);
  const summary = join(runner.temp, `first-${job}-summary`);
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const run = await runBash(String(step.run), runner.workspace, {
    PATH: process.env.PATH ?? '',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    ...(step.env as Record<string, string>),
  });
  return { ...run, outputs: parseOutputFile(readFileSync(output, 'utf8')), summary: readFileSync(summary, 'utf8') };
}

/** The comment job's script from the pull request's workflow. */
async function comment(tree: string, env: Record<string, string>) {
  const script = scriptOf('pcc-pull-request.yml', 'comment', undefined, join(tree, '.github', 'workflows'));
  const run = await runScript(script, { HEAD_SHA: HEAD, RUN_URL, PLAN_MARKDOWN: '/nonexistent/plan.md', ...env }, []);
  expect(run.writes().map((c) => c.method)).toEqual(['createComment']);
  return String(run.writes()[0]?.params.body);
}

describe('the first pull request, on a repository whose main holds only a README', () => {
  const h = withEmulator({ idSeed: 33 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });

  it('gets a real plan comment, and its merge applies the plan', async () => {
    const tree = await pullRequestTree();
    const pr = await workflowOf(tree, 'pcc-pull-request.yml');

    // validate job: no pcc on main, so the pull request's copy runs: it is init's, byte for byte.
    const validateJob = await pullRequestJob(tree, readmeOnly);
    const first = await firstStep(validateJob, pr, 'validate');
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('::notice title=pcc::The base branch has no pcc yet: running the copy of the action this pull request adds');
    expect(first.outputs.get('missing-pcc')).toBeUndefined();
    const validate = await validateJob.run({ command: 'validate' });
    expect(validate.status, validate.stderr).toBe(0);
    const fmt = await validateJob.run({ command: 'fmt', args: '--check' });
    expect(fmt.status, fmt.stderr).toBe(0);

    // plan job: the same, then the plan, collected for the artifact and the comment.
    const planJob = await pullRequestJob(tree, readmeOnly);
    expect((await firstStep(planJob, pr, 'plan')).status).toBe(0);
    const planStep = stepIn(pr, 'plan', 'Plan');
    expect(planStep.uses).toBe('./.pcc-base/.github/actions/pcc');
    const plan = await planJob.run({ command: 'plan', args: `${evaluateArgs(planStep, { 'runner.temp': planJob.temp })} ${FAST}`, env: h.env });
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Plan: 2 to create');
    const collect = await runBash(String(stepIn(pr, 'plan', 'Collect the plan').run), planJob.workspace, {
      PATH: process.env.PATH ?? '',
      RUNNER_TEMP: planJob.temp,
      STDOUT_FILE: plan.outputs.get('stdout-file') ?? '',
      PULL_REQUEST: '1',
    });
    expect(collect.status, collect.stderr).toBe(0);
    const body = await comment(tree, {
      VALIDATE_RESULT: 'success',
      MISSING_PCC: '',
      VALIDATED: 'success',
      FORMATTED: 'success',
      PLAN_RESULT: 'success',
      PLAN_MARKDOWN: join(planJob.temp, 'pcc-plan', 'plan.md'),
    });
    expect(body).toContain(plan.stdout.trim());
    expect(body).not.toContain('did not validate');
    expect(h.state.relationships()).toHaveLength(0);

    // The merge: main is the pull request's tree now; pcc-apply.yml runs the action on main.
    const gh = simulatedGitHub();
    gh.push('readme');
    gh.planRun(HEAD, join(planJob.temp, 'pcc-plan'));
    const merge = gh.merge(1, HEAD);
    const applyJob = await createRunner(join(tree, COPY));
    cleanups.push(() => applyJob.remove());
    await cp(join(tree, 'relationships'), join(applyJob.workspace, 'relationships'), { recursive: true });
    const applyWorkflow = await workflowOf(tree, 'pcc-apply.yml');
    const find = stepIn(applyWorkflow, 'apply', 'Find the plans reviewed on the merged pull requests');
    const found = await runScriptWith(
      String((find.with as Yaml).script),
      { ...(find.env as Record<string, string>), COMMIT_SHA: merge, BRANCH: 'main', EVENT: 'push', RUN_ID: '2', RUNNER_TEMP: applyJob.temp },
      gh.github,
    );
    expect(found.failed()).toEqual([]);
    const output = join(applyJob.temp, 'check-output');
    writeFileSync(output, '');
    const check = await runBash(String(stepIn(applyWorkflow, 'apply', 'Check the reviewed plans are of the merged pull requests').run), applyJob.workspace, {
      PATH: process.env.PATH ?? '',
      RUNNER_TEMP: applyJob.temp,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: join(applyJob.temp, 'check-summary'),
      PULL_REQUESTS: found.outputs.get('pull-requests') ?? '',
    });
    expect(check.status, check.stdout).toBe(0);
    const tip = await runScriptWith(actionScriptOf('.github/actions/require-tip/action.yml'), { COMMIT_SHA: merge, BRANCH: 'main' }, gh.github);
    expect(tip.failed()).toEqual([]);
    const applyStep = stepIn(applyWorkflow, 'apply', 'Apply');
    expect(applyStep.uses).toBe('./.github/actions/pcc');
    const args = evaluateArgs(applyStep, {
      'steps.same-pull-request.outputs.args': parseOutputFile(readFileSync(output, 'utf8')).get('args') ?? '',
      'runner.temp': applyJob.temp,
    });
    const apply = await applyJob.run({ command: 'apply', args: `${args} ${FAST}`, env: h.env });
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.summary).toContain('Apply complete: 2 created');
    expect(h.state.relationships()).toHaveLength(2);
  });

  it('a copy of the action that is not init’s runs nothing; the comment says the one step needed, not a validation error', async () => {
    const tree = await pullRequestTree();
    appendFileSync(join(tree, COPY, 'action', 'main.mjs'), '\n// changed\n');
    const pr = await workflowOf(tree, 'pcc-pull-request.yml');
    const job = await pullRequestJob(tree, readmeOnly);
    const first = await firstStep(job, pr, 'validate');
    expect(first.status).toBe(1);
    expect(first.outputs.get('missing-pcc')).toBe('true');
    expect(first.stdout).toContain('::error title=pcc::The base branch has no pcc action yet');
    expect(first.summary).toContain('## pcc: no pcc in the base branch');
    // Nothing was put where the later steps run pcc from.
    expect(existsSync(join(job.workspace, '.pcc-base', COPY))).toBe(false);
    const body = await comment(tree, { VALIDATE_RESULT: 'failure', MISSING_PCC: 'true', VALIDATED: '', FORMATTED: '', PLAN_RESULT: 'skipped' });
    expect(body).toContain('### pcc: no plan yet: the base branch has no pcc');
    expect(body).toContain('The one step needed: merge pcc');
    expect(body).not.toContain('did not validate');
  });

  it('once main has pcc, the step does nothing: the base branch’s pcc runs, whatever copy the pull request holds', async () => {
    const tree = await pullRequestTree();
    const pr = await workflowOf(tree, 'pcc-pull-request.yml');
    const job = await pullRequestJob(tree, (dir) => cp(tree, dir, { recursive: true }));
    appendFileSync(join(job.workspace, COPY, 'action', 'main.mjs'), '\nprocess.exit(7);\n');
    const before = readFileSync(join(job.workspace, '.pcc-base', COPY, 'action', 'main.mjs'), 'utf8');
    const first = await firstStep(job, pr, 'validate');
    expect(first.status, first.stdout).toBe(0);
    expect(first.stdout).toBe('');
    expect(readFileSync(join(job.workspace, '.pcc-base', COPY, 'action', 'main.mjs'), 'utf8')).toBe(before);
    expect((await job.run({ command: 'validate' })).status).toBe(0);
  });
});

describe('the comment when the validate job failed: it says what failed', () => {
  it.each([
    [{ VALIDATED: 'failure', FORMATTED: 'skipped' }, 'the relationship files did not validate'],
    [{ VALIDATED: 'success', FORMATTED: 'failure' }, 'the relationship files are not formatted'],
    [{ VALIDATED: '', FORMATTED: '' }, 'the validate job failed before pcc could check the files'],
  ])('%o: %s', async (outcomes, said) => {
    const body = await comment(REPO_ROOT, { VALIDATE_RESULT: 'failure', MISSING_PCC: '', PLAN_RESULT: 'skipped', ...outcomes });
    expect(body).toContain(`### pcc: ${said}`);
  });
});
