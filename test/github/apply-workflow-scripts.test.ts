/**
 * The scripts that guard applying on GitHub (issue 10, fault 6), run as actions/github-script runs them
 * against a recording fake of the REST endpoints they call: finding the plan reviewed on the merged pull
 * request, refusing a commit that is no longer the branch tip, and saying so on the pull request.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionScriptOf, runScriptWith, scriptOf, type Call } from './github-script.js';
import { simulatedGitHub } from './simulated-github.js';

const MERGE_SHA = 'a'.repeat(40);
const HEAD_SHA = 'b'.repeat(40);

/** Only the endpoints given answer; every call is recorded. */
function fakeApi(answers: Record<string, unknown>) {
  const calls: Call[] = [];
  const endpoint = (method: string) => async (params: Record<string, unknown>) => {
    calls.push({ method, params });
    if (!(method in answers)) throw new Error(`unexpected call ${method}`);
    return { data: answers[method] };
  };
  const github = {
    rest: {
      repos: {
        listPullRequestsAssociatedWithCommit: endpoint('listPullRequestsAssociatedWithCommit'),
        getBranch: endpoint('getBranch'),
        compareCommitsWithBasehead: endpoint('compareCommitsWithBasehead'),
      },
      actions: { listWorkflowRuns: endpoint('listWorkflowRuns') },
      issues: { createComment: endpoint('createComment') },
    },
    // Octokit's paginate returns the items of every page (workflow_runs for listWorkflowRuns).
    paginate: async (fn: (p: Record<string, unknown>) => Promise<{ data: unknown }>, params: Record<string, unknown>) =>
      ((await fn(params)).data as { workflow_runs: unknown[] }).workflow_runs,
  };
  return { github, calls };
}

describe('pcc-apply.yml: find the plans reviewed on the merged pull requests', () => {
  const script = scriptOf('pcc-apply.yml', 'apply', 'Find the plans reviewed on the merged pull requests');
  let temp: string;
  beforeEach(async () => {
    temp = await mkdtemp(join(tmpdir(), 'pcc-find-'));
  });
  afterEach(() => rm(temp, { recursive: true, force: true }));
  const env = (commit: string, event = 'push', runId = '999') => ({
    COMMIT_SHA: commit,
    BRANCH: 'main',
    EVENT: event,
    RUN_ID: runId,
    APPLY_WORKFLOW: 'pcc-apply.yml',
    PLAN_WORKFLOW: 'pcc-pull-request.yml',
    RUNNER_TEMP: temp,
  });
  const artifactFolder = async (pullRequest: string) => {
    const folder = join(temp, `plan-${pullRequest}`);
    await mkdir(folder, { recursive: true });
    for (const [name, text] of Object.entries({ 'plan.json': '{}', 'plan.md': 'plan', 'pull-request.txt': `${pullRequest}\n` }))
      await writeFile(join(folder, name), text);
    return folder;
  };

  it('refuses a push no pull request merged: nothing was reviewed', async () => {
    const gh = simulatedGitHub();
    const run = await runScriptWith(script, env(gh.push('direct')), gh.github);
    expect(run.failed()).toEqual([`commit ${gh.commits[0]?.slice(0, 7)} was not merged from a pull request, so no plan of it was reviewed.`]);
    expect(run.outputs.get('refused')).toBe('true');
    expect(run.outputs.get('pull-requests')).toBe('');
    expect(run.summary()).toContain('## pcc apply refused');
  });

  it('refuses a merged pull request without a successful plan run of this repository, naming it', async () => {
    const gh = simulatedGitHub();
    const head = 'b'.repeat(40);
    gh.planRun(head, await artifactFolder('7'), 'someone/fork');
    const run = await runScriptWith(script, env(gh.merge(7, head)), gh.github);
    expect(run.failed()).toEqual([`pull request #7 has no successful plan run with a plan for its last commit bbbbbbb.`]);
    expect(Object.fromEntries(run.outputs)).toEqual({ 'pull-requests': '7', refused: 'true' });
    expect(gh.calls.some((c) => c.method === 'downloadArtifact')).toBe(false);
  });

  it('takes the newest plan run of this repository that has a plan, passing over a fork’s newer run and one without a plan', async () => {
    const gh = simulatedGitHub();
    const head = 'b'.repeat(40);
    const ours = gh.planRun(head, await artifactFolder('7'));
    gh.planRun(head, undefined);
    gh.planRun(head, undefined, 'someone/fork');
    const run = await runScriptWith(script, env(gh.merge(7, head)), gh.github);
    expect(run.failed()).toEqual([]);
    expect(run.outputs.get('pull-requests')).toBe('7');
    expect(run.logs.join('\n')).toContain(`pull request #7: reviewed plan from run ${ours}`);
    expect(existsSync(join(temp, 'pcc-reviewed', '7.zip'))).toBe(true);
  });

  it('after a prune or service-periods run, with nothing merged since the last apply: nothing to do, not a refusal', async () => {
    const gh = simulatedGitHub();
    const head = 'b'.repeat(40);
    gh.planRun(head, await artifactFolder('7'));
    const merged = gh.merge(7, head);
    gh.applyRun(merged).conclusion = 'success';
    const run = await runScriptWith(script, env(merged, 'workflow_run'), gh.github);
    expect(run.failed()).toEqual([]);
    expect(Object.fromEntries(run.outputs)).toEqual({ 'pull-requests': '', nothing: 'true' });
  });

  it.each([
    ['its own commit was applied by a later run (a catch-up run after a prune)', 0],
    ['a later commit was applied already (it waited, or is a re-run)', 1],
  ])('a push run whose merge %s: nothing to do, not a refusal', async (_, later) => {
    const gh = simulatedGitHub();
    const heads = ['b'.repeat(40), 'c'.repeat(40)];
    gh.planRun(heads[0] ?? '', await artifactFolder('7'));
    gh.planRun(heads[1] ?? '', await artifactFolder('8'));
    const merged = [gh.merge(7, heads[0] ?? ''), gh.merge(8, heads[1] ?? '')];
    gh.applyRun(merged[1] ?? '').conclusion = 'success';
    const run = await runScriptWith(script, env(merged[1 - later] ?? ''), gh.github);
    expect(run.failed()).toEqual([]);
    expect(Object.fromEntries(run.outputs)).toEqual({ 'pull-requests': '', nothing: 'true' });
  });

  it('passes over a pull request merged in between that changed no pcc input (it was never planned)', async () => {
    const gh = simulatedGitHub();
    const heads = ['b'.repeat(40), 'c'.repeat(40), 'd'.repeat(40)];
    gh.planRun(heads[0] ?? '', await artifactFolder('7'));
    gh.planRun(heads[2] ?? '', await artifactFolder('9'));
    gh.applyRun(gh.merge(7, heads[0] ?? '')).conclusion = 'success';
    gh.merge(8, heads[1] ?? '', ['README.md', 'docs/relationships/how.md']);
    const run = await runScriptWith(script, env(gh.merge(9, heads[2] ?? '', ['relationships/acme.yaml'])), gh.github);
    expect(run.failed()).toEqual([]);
    expect(run.outputs.get('pull-requests')).toBe('9');
    // After a prune, with only such a merge since the last apply, at a tip no pull request merged: nothing to do.
    const after = simulatedGitHub();
    after.planRun(heads[0] ?? '', await artifactFolder('7'));
    after.applyRun(after.merge(7, heads[0] ?? '')).conclusion = 'success';
    after.merge(8, heads[1] ?? '', ['README.md']);
    const tip = after.push('direct-readme');
    const nothing = await runScriptWith(script, env(tip, 'workflow_run'), after.github);
    expect(nothing.failed()).toEqual([]);
    expect(Object.fromEntries(nothing.outputs)).toEqual({ 'pull-requests': '', nothing: 'true' });
  });

  it('refuses when the commits since the last apply cannot be listed (the branch was rewritten)', async () => {
    const gh = simulatedGitHub();
    const head = 'b'.repeat(40);
    gh.planRun(head, await artifactFolder('7'));
    gh.applyRun('f'.repeat(40)).conclusion = 'success';
    const run = await runScriptWith(script, env(gh.merge(7, head)), gh.github);
    expect(run.failed()[0]).toContain('the commits since the last apply (fffffff) cannot be listed whole');
    expect(run.outputs.get('refused')).toBe('true');
  });
});

describe('.github/actions/require-tip: re-run safety', () => {
  const script = actionScriptOf('.github/actions/require-tip/action.yml');
  const env = { COMMIT_SHA: MERGE_SHA, BRANCH: 'main' };

  it('passes when the run’s commit is the tip of the branch', async () => {
    const { github, calls } = fakeApi({ getBranch: { commit: { sha: MERGE_SHA } } });
    const run = await runScriptWith(script, env, github);
    expect(run.failed()).toEqual([]);
    expect(calls).toEqual([{ method: 'getBranch', params: { owner: 'acme', repo: 'channel', branch: 'main' } }]);
  });

  const TIP = 'c'.repeat(40);
  const later = (filenames: string[], status = 'ahead') => ({ status, files: filenames.map((filename) => ({ filename })) });

  // A later merge that touched no relationship file or schema (the README, say) starts no apply run of its
  // own: refusing here would leave the reviewed merge unapplied for good. This commit's files are the tip's.
  it('passes when later commits changed nothing under relationships/ or schema/', async () => {
    const { github, calls } = fakeApi({ getBranch: { commit: { sha: TIP } }, compareCommitsWithBasehead: later(['README.md', 'docs/github.md']) });
    const run = await runScriptWith(script, env, github);
    expect(run.failed()).toEqual([]);
    expect(calls[1]).toEqual({ method: 'compareCommitsWithBasehead', params: { owner: 'acme', repo: 'channel', basehead: `${MERGE_SHA}...${TIP}` } });
    expect(run.logs.join('\n')).toContain('changed no file under relationships/ or schema/');
  });

  it.each([
    ['a relationship file changed since', later(['README.md', 'relationships/team/acme.yaml'])],
    ['the schema changed since', later(['schema/relationships.schema.json'])],
    ['the tip does not descend from this commit (a force push)', later(['README.md'], 'diverged')],
    ['a relationship file was moved out of the folder', { status: 'ahead', files: [{ filename: 'old/acme.yaml', previous_filename: 'relationships/acme.yaml' }] }],
    ['the comparison lists 300 files or more, so it may be cut', later(Array.from({ length: 300 }, (_, i) => `docs/${i}.md`))],
  ])('fails when %s', async (_, comparison) => {
    const { github } = fakeApi({ getBranch: { commit: { sha: TIP } }, compareCommitsWithBasehead: comparison });
    const run = await runScriptWith(script, env, github);
    expect(run.failed()).toHaveLength(1);
    expect(run.failed()[0]).toContain('commit aaaaaaa is no longer the tip of main (now ccccccc)');
  });

  it('fails, in the log and the job summary, when a later commit is the tip', async () => {
    const { github } = fakeApi({ getBranch: { commit: { sha: TIP } }, compareCommitsWithBasehead: later(['relationships/acme.yaml']) });
    const run = await runScriptWith(script, env, github);
    expect(run.failed()).toHaveLength(1);
    expect(run.failed()[0]).toContain('commit aaaaaaa is no longer the tip of main (now ccccccc)');
    expect(run.summary()).toContain('## pcc apply refused');
    // The apply workflow leaves the merge to the newest run and does not report it as not applied.
    expect(run.outputs.get('superseded')).toBe('true');
  });
});

describe('pcc-apply.yml: report', () => {
  const report = (env: Record<string, string>) => {
    const { github, calls } = fakeApi({ createComment: { id: 1 } });
    return runScriptWith(scriptOf('pcc-apply.yml', 'report'), { COMMIT_SHA: MERGE_SHA, RUN_URL: 'https://github.com/acme/channel/actions/runs/9', ...env }, github).then(
      (run) => ({ run, calls }),
    );
  };

  it('a refusal: comments on each merged pull request that nothing was applied, pointing at the run', async () => {
    const { run, calls } = await report({ PULL_REQUESTS: '7 8', REFUSED: 'true', RESULT: 'failure' });
    expect(run.failed()).toEqual([]);
    expect(calls.map((c) => [c.method, c.params.issue_number])).toEqual([
      ['createComment', 7],
      ['createComment', 8],
    ]);
    const body = String(calls[0]?.params.body);
    expect(body).toContain('### pcc apply refused: nothing was applied');
    expect(body).toContain('It was applying #7, #8 together.');
    expect(body).toContain('[run](https://github.com/acme/channel/actions/runs/9)');
  });

  it.each([
    ['failure', 'failed'],
    ['cancelled', 'was cancelled'],
  ])('a run that %s: says the change may not be applied', async (result, said) => {
    const { calls } = await report({ PULL_REQUESTS: '7', REFUSED: '', RESULT: result });
    expect(calls.map((c) => c.params.issue_number)).toEqual([7]);
    expect(String(calls[0]?.params.body)).toContain(`### pcc apply ${said}: this change may not be applied`);
    expect(String(calls[0]?.params.body)).not.toContain('together');
  });
});
