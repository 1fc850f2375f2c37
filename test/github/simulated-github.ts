/**
 * A small model of the GitHub a repository's apply runs see, for the simulated runner: commits on the default
 * branch, merged pull requests, plan runs with their `pcc-plan` artifacts (real zips of what the collect step
 * wrote), apply runs with their conclusions (a run GitHub cancelled while it waited is one with conclusion
 * `cancelled`), and the comments written. It answers the REST calls the workflows' github-script steps make, as
 * Octokit does (paginate gives the items of every page).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Call } from './github-script.js';

export const REPOSITORY = 'acme/channel';

export interface Pull {
  number: number;
  head: { sha: string };
  merged_at: string | null;
  merge_commit_sha: string | null;
}
interface Run {
  id: number;
  workflow: string;
  head_sha: string;
  created_at: string;
  status: string;
  conclusion: string | null;
  head_repository: { full_name: string };
  artifacts: Array<{ id: number; name: string; expired: boolean; zip: Buffer }>;
}

export function simulatedGitHub() {
  const commits: string[] = [];
  const pulls: Pull[] = [];
  /** The files each pull request changed (pulls.listFiles); a relationship file unless said otherwise. */
  const pullFiles = new Map<number, string[]>();
  const runs: Run[] = [];
  const calls: Call[] = [];
  let clock = Date.parse('2026-12-01T09:00:00Z');
  let ids = 100;
  const now = () => new Date((clock += 60_000)).toISOString();
  const sha = (label: string) => label.padEnd(40, '0').replace(/[^0-9a-f]/g, 'e');
  const endpoint =
    <T>(method: string, answer: (params: Record<string, unknown>) => T) =>
    async (params: Record<string, unknown>) => {
      calls.push({ method, params });
      return { data: answer(params) };
    };
  const runsOf = (params: Record<string, unknown>) =>
    runs
      .filter((r) => r.workflow === params.workflow_id)
      .filter((r) => params.head_sha === undefined || r.head_sha === params.head_sha)
      .filter((r) => params.status === undefined || r.conclusion === params.status)
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  const github = {
    rest: {
      actions: {
        listWorkflowRuns: endpoint('listWorkflowRuns', (params) => ({ total_count: runsOf(params).length, workflow_runs: runsOf(params) })),
        listWorkflowRunArtifacts: endpoint('listWorkflowRunArtifacts', (params) => {
          const run = runs.find((r) => r.id === params.run_id);
          const artifacts = (run?.artifacts ?? []).filter((a) => params.name === undefined || a.name === params.name);
          return { total_count: artifacts.length, artifacts: artifacts.map(({ id, name, expired }) => ({ id, name, expired, workflow_run: { id: run?.id } })) };
        }),
        downloadArtifact: endpoint('downloadArtifact', (params) => {
          const artifact = runs.flatMap((r) => r.artifacts).find((a) => a.id === params.artifact_id);
          if (!artifact) throw new Error(`no artifact ${String(params.artifact_id)}`);
          const { buffer, byteOffset, byteLength } = artifact.zip;
          return buffer.slice(byteOffset, byteOffset + byteLength);
        }),
      },
      repos: {
        listPullRequestsAssociatedWithCommit: endpoint('listPullRequestsAssociatedWithCommit', (params) =>
          pulls.filter((p) => p.merge_commit_sha === params.commit_sha || p.head.sha === params.commit_sha),
        ),
        compareCommitsWithBasehead: endpoint('compareCommitsWithBasehead', (params) => {
          const [base = '', head = ''] = String(params.basehead).split('...');
          const from = commits.indexOf(base);
          const to = commits.indexOf(head);
          if (from < 0 || to < 0) return { status: 'diverged', total_commits: 0, commits: [], files: [] };
          if (to < from) return { status: 'behind', total_commits: 0, commits: [], files: [] };
          const between = commits.slice(from + 1, to + 1);
          // The file list of the comparison: every commit here changes a relationship file.
          return {
            status: to === from ? 'identical' : 'ahead',
            total_commits: between.length,
            commits: between.map((s) => ({ sha: s })),
            files: between.map(() => ({ filename: 'relationships/x.yaml' })),
          };
        }),
        getBranch: endpoint('getBranch', () => ({ commit: { sha: commits.at(-1) } })),
      },
      pulls: {
        listFiles: endpoint('listFiles', (params) => (pullFiles.get(Number(params.pull_number)) ?? ['relationships/x.yaml']).map((filename) => ({ filename }))),
      },
      issues: { createComment: endpoint('createComment', () => ({ id: ++ids })) },
    },
    paginate: async (fn: (p: Record<string, unknown>) => Promise<{ data: unknown }>, params: Record<string, unknown>) => {
      const { data } = await fn(params);
      return Array.isArray(data) ? data : (data as { workflow_runs: unknown[] }).workflow_runs;
    },
  };
  return {
    github,
    calls,
    commits,
    pulls,
    /** A commit on the default branch (its tip from now on). */
    push(label: string): string {
      const commit = sha(label);
      commits.push(commit);
      return commit;
    },
    /** Merges pull request `number` (head `headSha`, changing `files`) as a new commit on the default branch. */
    merge(number: number, headSha: string, files?: string[]): string {
      const commit = this.push(`${number}m${number}`);
      if (files) pullFiles.set(number, files);
      pulls.push({ number, head: { sha: headSha }, merged_at: now(), merge_commit_sha: commit });
      return commit;
    },
    /** A successful plan run of a pull request; `planFolder` (what the collect step wrote) becomes its pcc-plan artifact. */
    planRun(headSha: string, planFolder: string | undefined, repository = REPOSITORY): number {
      const id = ++ids;
      const artifacts = planFolder ? [{ id: ++ids, name: 'pcc-plan', expired: false, zip: zipFolder(planFolder) }] : [];
      runs.push({
        id,
        workflow: 'pcc-pull-request.yml',
        head_sha: headSha,
        created_at: now(),
        status: 'completed',
        conclusion: 'success',
        head_repository: { full_name: repository },
        artifacts,
      });
      return id;
    },
    /** An apply run for `headSha`, its conclusion set later (null while it waits or runs). */
    applyRun(headSha: string): Run {
      const run: Run = {
        id: ++ids,
        workflow: 'pcc-apply.yml',
        head_sha: headSha,
        created_at: now(),
        status: 'queued',
        conclusion: null,
        head_repository: { full_name: REPOSITORY },
        artifacts: [],
      };
      runs.push(run);
      return run;
    },
    comments: () => calls.filter((c) => c.method === 'createComment').map((c) => ({ pullRequest: Number(c.params.issue_number), body: String(c.params.body) })),
  };
}

function zipFolder(folder: string): Buffer {
  const out = join(folder, '..', `artifact-${Date.now()}-${Math.random().toString(36).slice(2)}.zip`);
  execFileSync('zip', ['-q', '-j', out, ...['plan.json', 'plan.md', 'pull-request.txt'].map((f) => join(folder, f))]);
  return readFileSync(out);
}
