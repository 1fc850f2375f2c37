/**
 * The scripts that guard applying on GitHub (issue 10, fault 6), run as actions/github-script runs them
 * against a recording fake of the REST endpoints they call: finding the plan reviewed on the merged pull
 * request, refusing a commit that is no longer the branch tip, and saying so on the pull request.
 */
import { describe, expect, it } from 'vitest';
import { actionScriptOf, runScriptWith, scriptOf, type Call } from './github-script.js';

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

describe('pcc-apply.yml: find the plan reviewed on the merged pull request', () => {
  const script = scriptOf('pcc-apply.yml', 'apply', 'Find the plan reviewed on the merged pull request');
  const env = { COMMIT_SHA: MERGE_SHA, PLAN_WORKFLOW: 'pcc-pull-request.yml' };
  const merged = { number: 7, merged_at: '2026-11-30T10:00:00Z', merge_commit_sha: MERGE_SHA, head: { sha: HEAD_SHA } };

  it('takes the newest successful plan run on the pull request’s last commit', async () => {
    const runs = [
      { id: 11, created_at: '2026-11-30T09:00:00Z' },
      { id: 12, created_at: '2026-11-30T09:30:00Z' },
    ];
    const { github, calls } = fakeApi({ listPullRequestsAssociatedWithCommit: [merged], listWorkflowRuns: { workflow_runs: runs } });
    const run = await runScriptWith(script, env, github);
    expect(run.failed()).toEqual([]);
    expect(Object.fromEntries(run.outputs)).toEqual({ 'pull-request': '7', 'run-id': '12' });
    expect(calls[1]?.params).toMatchObject({ workflow_id: 'pcc-pull-request.yml', head_sha: HEAD_SHA, event: 'pull_request', status: 'success' });
  });

  it('refuses a push no pull request merged: nothing was reviewed', async () => {
    const open = { ...merged, merged_at: null };
    const { github } = fakeApi({ listPullRequestsAssociatedWithCommit: [open] });
    const run = await runScriptWith(script, env, github);
    expect(run.failed()).toEqual([`commit aaaaaaa was not merged from a pull request, so no plan of it was reviewed.`]);
    expect(run.outputs.get('refused')).toBe('true');
    expect(run.outputs.has('pull-request')).toBe(false);
    expect(run.summary()).toContain('## pcc apply refused');
  });

  it('refuses a merged pull request without a successful plan run, naming it', async () => {
    const { github } = fakeApi({ listPullRequestsAssociatedWithCommit: [merged], listWorkflowRuns: { workflow_runs: [] } });
    const run = await runScriptWith(script, env, github);
    expect(run.failed()).toEqual(['pull request #7 has no successful plan run for its last commit bbbbbbb.']);
    expect(Object.fromEntries(run.outputs)).toEqual({ 'pull-request': '7', refused: 'true' });
    expect(run.outputs.has('run-id')).toBe(false);
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
  });
});

describe('pcc-apply.yml: report-refusal', () => {
  it('comments on the merged pull request that nothing was applied, pointing at the run', async () => {
    const { github, calls } = fakeApi({ createComment: { id: 1 } });
    const run = await runScriptWith(
      scriptOf('pcc-apply.yml', 'report-refusal'),
      { PULL_REQUEST: '7', COMMIT_SHA: MERGE_SHA, RUN_URL: 'https://github.com/acme/channel/actions/runs/9' },
      github,
    );
    expect(run.failed()).toEqual([]);
    expect(calls.map((c) => [c.method, c.params.issue_number])).toEqual([['createComment', 7]]);
    const body = String(calls[0]?.params.body);
    expect(body).toContain('### pcc apply refused: nothing was applied');
    expect(body).toContain('[run](https://github.com/acme/channel/actions/runs/9)');
  });
});
