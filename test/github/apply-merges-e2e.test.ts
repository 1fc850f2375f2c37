/**
 * Merges close together (issue 19, fault 5), through the simulated runner and a model of GitHub: GitHub keeps one
 * waiting run per concurrency group and cancels the older one, and the prune and service-periods apply jobs share
 * the group. Every merged change is applied, or said on its pull request not to be. The apply job's steps run as
 * the workflow has them: its github-script (finding the merged pull requests and their reviewed plans), its
 * check step (bash), require-tip, and the action's apply step (the built CLI against the emulator over HTTP).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createRunner, E2E_PMA, e2eAccount, FAST, parseOutputFile, runBash, type Runner } from './action-step.js';
import { actionScriptOf, runScriptWith } from './github-script.js';
import { simulatedGitHub } from './simulated-github.js';
import { evaluateArgs, stepOf, type Yaml } from './workflow-files.js';

const h = withEmulator({ idSeed: 31 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });
let runner: Runner;
beforeEach(async () => {
  runner = await createRunner();
});
afterEach(() => runner.remove());

/** One file per customer, so merges of different pull requests add up. */
const customerFile = (i: number, name = `Customer ${i}`) =>
  stringify({
    catalog: 'AWS',
    programManagementAccountIdentifier: E2E_PMA,
    relationships: [{ associatedAccountId: e2eAccount(i), associationType: 'END_CUSTOMER', displayName: name, sector: 'COMMERCIAL' }],
  });

/** The workspace's relationships/ as a checkout of these files (and the set's root marker). */
async function checkout(files: Record<string, string>) {
  const dir = join(runner.workspace, 'relationships');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  writeFileSync(join(dir, '.pcc-set'), '');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

const bashEnv = (extra: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  RUNNER_TEMP: runner.temp,
  GITHUB_OUTPUT: join(runner.temp, 'output'),
  GITHUB_STEP_SUMMARY: join(runner.temp, 'summary'),
  ...extra,
});

/** The pull request's plan job on `files`: the Plan step, then the collect step; returns the folder the artifact is made of. */
async function planOnPullRequest(number: number, files: Record<string, string>): Promise<string> {
  await checkout(files);
  const step = stepOf('pcc-pull-request.yml', 'plan', 'Plan');
  const plan = await runner.run({ command: 'plan', args: `${evaluateArgs(step, { 'runner.temp': runner.temp })} ${FAST}`, env: h.env });
  expect(plan.status, plan.stderr).toBe(0);
  const folder = join(runner.temp, 'pcc-plan');
  rmSync(folder, { recursive: true, force: true });
  const collect = await runBash(String(stepOf('pcc-pull-request.yml', 'plan', 'Collect the plan').run), runner.workspace, {
    PATH: process.env.PATH ?? '',
    RUNNER_TEMP: runner.temp,
    STDOUT_FILE: plan.outputs.get('stdout-file') ?? '',
    PULL_REQUEST: String(number),
  });
  expect(collect.status, collect.stderr).toBe(0);
  return folder;
}

type GitHub = ReturnType<typeof simulatedGitHub>;

/**
 * The apply job of pcc-apply.yml for `commit` with the files at it, as its steps run (each stops the job when it
 * fails), then the report job as the workflow's `if:` decides. Returns what the job ended with.
 */
async function applyJob(gh: GitHub, run: { id: number; head_sha: string }, files: Record<string, string>, event = 'push') {
  await rm(join(runner.temp, 'pcc-reviewed'), { recursive: true, force: true });
  writeFileSync(join(runner.temp, 'output'), '');
  writeFileSync(join(runner.temp, 'summary'), '');
  await checkout(files);
  const outputs: Record<string, string> = {};
  const finish = async (result: 'success' | 'failure') => {
    const superseded = outputs.superseded === 'true';
    if (result !== 'success' && !superseded && (outputs['pull-requests'] ?? '') !== '') {
      const report = String((stepOf('pcc-apply.yml', 'report', 'Comment on the pull requests').with as Yaml).script);
      const reported = await runScriptWith(
        report,
        {
          PULL_REQUESTS: outputs['pull-requests'] ?? '',
          REFUSED: outputs.refused ?? '',
          RESULT: result,
          COMMIT_SHA: run.head_sha,
          RUN_URL: `https://github.com/acme/channel/actions/runs/${run.id}`,
        },
        gh.github,
      );
      expect(reported.failed()).toEqual([]);
    }
    return { result, outputs };
  };

  const find = stepOf('pcc-apply.yml', 'apply', 'Find the plans reviewed on the merged pull requests');
  const found = await runScriptWith(
    String((find.with as Yaml).script),
    { ...(find.env as Record<string, string>), COMMIT_SHA: run.head_sha, BRANCH: 'main', EVENT: event, RUN_ID: String(run.id), RUNNER_TEMP: runner.temp },
    gh.github,
  );
  Object.assign(outputs, Object.fromEntries(found.outputs));
  if (found.failed().length > 0) return finish('failure');
  if (outputs.nothing === 'true') return finish('success');

  const check = await runBash(
    String(stepOf('pcc-apply.yml', 'apply', 'Check the reviewed plans are of the merged pull requests').run),
    runner.workspace,
    bashEnv({ PULL_REQUESTS: outputs['pull-requests'] ?? '' }),
  );
  const checked = parseOutputFile(readFileSync(join(runner.temp, 'output'), 'utf8'));
  if (checked.get('refused')) outputs.refused = 'true';
  if (check.status !== 0) return finish('failure');

  const tip = await runScriptWith(actionScriptOf('.github/actions/require-tip/action.yml'), { COMMIT_SHA: run.head_sha, BRANCH: 'main' }, gh.github);
  if (tip.outputs.get('superseded')) outputs.superseded = 'true';
  if (tip.failed().length > 0) return finish('failure');

  const step = stepOf('pcc-apply.yml', 'apply', 'Apply');
  const args = evaluateArgs(step, { 'steps.same-pull-request.outputs.args': checked.get('args') ?? '', 'runner.temp': runner.temp });
  const apply = await runner.run({ command: 'apply', args: `${args} ${FAST}`, env: h.env });
  if (apply.outputs.get('refused')) outputs.refused = 'true';
  return finish(apply.status === 0 ? 'success' : 'failure');
}

const names = () =>
  h.state
    .relationships()
    .map((r) => r.displayName)
    .sort();

describe('pcc-apply.yml: merges close together, and an approved prune', () => {
  it('three merges in quick succession plus an approved prune: every merged change is applied', async () => {
    const gh = simulatedGitHub();
    // Live: one managed relationship no file declares (the prune's), nothing else.
    h.state.seedRelationship({
      pmaId: E2E_PMA,
      associatedAccountId: e2eAccount(9),
      associationType: 'END_CUSTOMER',
      displayName: 'Old',
      sector: 'COMMERCIAL',
      tags: { 'pcc:managed': 'true' },
    });
    gh.push('base');
    // Three pull requests, each opened on the same main and planned against the same live state.
    const heads = [1, 2, 3].map((n) => `${n}a${n}`.padEnd(40, 'a'));
    for (const [i, head] of heads.entries()) gh.planRun(head, await planOnPullRequest(i + 1, { [`c${i}.yaml`]: customerFile(i) }));
    // A fork's pull request pushing pull request 2's commit: validated only, no plan, a newer successful run.
    gh.planRun(heads[1] ?? '', undefined, 'someone/channel-fork');

    // Merge 1: its run starts and applies while the next merges land.
    const m1 = gh.merge(1, heads[0] ?? '');
    const r1 = gh.applyRun(m1);
    const first = await applyJob(gh, r1, { 'c0.yaml': customerFile(0) });
    expect(first.result).toBe('success');
    r1.conclusion = 'success';
    expect(names()).toEqual(['Customer 0', 'Old']);

    // The prune, planned on merge 1's files, waits for approval; merges 2 and 3 land; run 2 waits, run 3 takes its
    // place (GitHub cancels run 2); the prune is approved and its apply job takes run 3's place (cancelled too).
    const m2 = gh.merge(2, heads[1] ?? '');
    gh.applyRun(m2).conclusion = 'cancelled';
    const m3 = gh.merge(3, heads[2] ?? '');
    gh.applyRun(m3).conclusion = 'cancelled';
    const prunePlan = await runner.run({
      command: 'plan',
      args: `${evaluateArgs(stepOf('pcc-prune.yml', 'plan', 'Plan'), { 'steps.flags.outputs.flags': '', 'runner.temp': runner.temp })} ${FAST}`,
      env: h.env,
    });
    expect(prunePlan.status, prunePlan.stderr).toBe(0);
    expect(prunePlan.summary).toContain('1 to delete');
    // The approved prune apply job: its plan was made on merge 1, the tip is merge 3, so it applies nothing.
    const pruneTip = await runScriptWith(actionScriptOf('.github/actions/require-tip/action.yml'), { COMMIT_SHA: m1, BRANCH: 'main' }, gh.github);
    expect(pruneTip.failed()[0]).toContain('is no longer the tip of main');

    // The prune run completed: pcc-apply runs on workflow_run, at the tip, and applies merges 2 and 3, each reviewed.
    const catchUp = gh.applyRun(m3);
    const caught = await applyJob(gh, catchUp, { 'c0.yaml': customerFile(0), 'c1.yaml': customerFile(1), 'c2.yaml': customerFile(2) }, 'workflow_run');
    expect(caught.result).toBe('success');
    expect(caught.outputs['pull-requests']).toBe('2 3');
    catchUp.conclusion = 'success';
    expect(names()).toEqual(['Customer 0', 'Customer 1', 'Customer 2', 'Old']);
    // Each pull request's plan came from its own repository's run: the fork's newer run, which has no plan, was passed over.
    const artifactRuns = gh.calls.filter((c) => c.method === 'listWorkflowRunArtifacts').map((c) => c.params.run_id);
    expect(artifactRuns).toHaveLength(3);
    expect(gh.comments()).toEqual([]);

    // The prune, run again on the tip and approved: it deletes what no file declares.
    const again = await runner.run({ command: 'plan', args: `--prune --out pcc-prune-plan.json --refresh full ${FAST}`, env: h.env });
    expect(again.status, again.stderr).toBe(0);
    const pruneApply = await runner.run({
      command: 'apply',
      args: `${evaluateArgs(stepOf('pcc-prune.yml', 'apply', 'Apply the reviewed plan'), { 'needs.plan.outputs.flags': '', 'runner.temp': runner.temp })} ${FAST}`,
      env: h.env,
    });
    expect(pruneApply.status, pruneApply.stderr).toBe(0);
    expect(names()).toEqual(['Customer 0', 'Customer 1', 'Customer 2']);
    // Nothing merged since the last apply: a run after the prune applies nothing and says nothing.
    const after = await applyJob(gh, gh.applyRun(m3), { 'c0.yaml': customerFile(0), 'c1.yaml': customerFile(1), 'c2.yaml': customerFile(2) }, 'workflow_run');
    expect(after).toMatchObject({ result: 'success', outputs: { nothing: 'true' } });
  });

  it('a run for a commit that is no longer the tip leaves its merge to the newest run, which applies both', async () => {
    const gh = simulatedGitHub();
    gh.push('base');
    const heads = [1, 2].map((n) => `${n}b${n}`.padEnd(40, 'b'));
    for (const [i, head] of heads.entries()) gh.planRun(head, await planOnPullRequest(i + 1, { [`c${i}.yaml`]: customerFile(i) }));
    const m1 = gh.merge(1, heads[0] ?? '');
    const m2 = gh.merge(2, heads[1] ?? '');
    const r1 = gh.applyRun(m1);
    const stale = await applyJob(gh, r1, { 'c0.yaml': customerFile(0) });
    expect(stale).toMatchObject({ result: 'failure', outputs: { superseded: 'true' } });
    r1.conclusion = 'failure';
    expect(names()).toEqual([]);
    // Superseded is not "not applied": no comment; the newest run applies pull request 1 with 2.
    expect(gh.comments()).toEqual([]);
    const r2 = gh.applyRun(m2);
    const newest = await applyJob(gh, r2, { 'c0.yaml': customerFile(0), 'c1.yaml': customerFile(1) });
    expect(newest.result).toBe('success');
    expect(newest.outputs['pull-requests']).toBe('1 2');
    expect(names()).toEqual(['Customer 0', 'Customer 1']);
  });

  it('a run that cannot apply says so on every pull request it was applying', async () => {
    const gh = simulatedGitHub();
    gh.push('base');
    const heads = [1, 2].map((n) => `${n}c${n}`.padEnd(40, 'c'));
    gh.planRun(heads[0] ?? '', await planOnPullRequest(1, { 'c0.yaml': customerFile(0) }));
    // Pull request 2 renames customer 0 in a plan reviewed before 1 was applied: it is stale by the time it runs.
    gh.planRun(heads[1] ?? '', await planOnPullRequest(2, { 'c0.yaml': customerFile(0), 'c1.yaml': customerFile(1) }));
    const m1 = gh.merge(1, heads[0] ?? '');
    gh.applyRun(m1).conclusion = 'cancelled';
    const m2 = gh.merge(2, heads[1] ?? '');
    // A change by hand since the reviews: nobody reviewed it, so nothing is applied, and both pull requests hear it.
    h.state.seedRelationship({
      pmaId: E2E_PMA,
      associatedAccountId: e2eAccount(0),
      associationType: 'END_CUSTOMER',
      displayName: 'By hand',
      sector: 'COMMERCIAL',
      tags: { 'pcc:managed': 'true' },
    });
    const refused = await applyJob(gh, gh.applyRun(m2), { 'c0.yaml': customerFile(0), 'c1.yaml': customerFile(1) });
    expect(refused).toMatchObject({ result: 'failure', outputs: { refused: 'true', 'pull-requests': '1 2' } });
    expect(names()).toEqual(['By hand']);
    const comments = gh.comments();
    expect(comments.map((c) => c.pullRequest)).toEqual([1, 2]);
    for (const { body } of comments) {
      expect(body).toContain('### pcc apply refused: nothing was applied');
      expect(body).toContain('It was applying #1, #2 together.');
    }
  });

  it('a pull request whose plan run left no plan: refused, and said on each pull request', async () => {
    const gh = simulatedGitHub();
    gh.push('base');
    const head = '1d1'.padEnd(40, 'd');
    // Only a fork's run for this commit, and a run of ours whose plan job saved nothing.
    gh.planRun(head, undefined, 'someone/channel-fork');
    gh.planRun(head, undefined);
    const run = gh.applyRun(gh.merge(1, head));
    const job = await applyJob(gh, run, { 'c0.yaml': customerFile(0) });
    expect(job).toMatchObject({ result: 'failure', outputs: { refused: 'true', 'pull-requests': '1' } });
    expect(names()).toEqual([]);
    expect(gh.comments().map((c) => c.pullRequest)).toEqual([1]);
    expect((await readdir(runner.temp)).includes('pcc-reviewed') ? await readdir(join(runner.temp, 'pcc-reviewed')) : []).toEqual([]);
  });
});
