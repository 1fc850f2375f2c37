/**
 * The actions/github-script steps of the workflows, run as github-script runs them (an async function
 * given `require`, `github`, `context`, `core`), against a recording fake of the GitHub REST API.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT, WORKFLOW_DIR, parseYaml, readText, type Yaml } from './workflow-files.js';

export interface Call {
  method: string;
  params: Record<string, unknown>;
}
export interface Item {
  id: number;
  number?: number;
  body: string;
  user: { type: string };
  pull_request?: object;
}

/** The subset of Octokit the scripts use. `paginate` returns every item, as Octokit's does. */
export function fakeGitHub(items: Item[]) {
  const calls: Call[] = [];
  const record = (method: string, data: object) => async (params: Record<string, unknown>) => {
    calls.push({ method, params });
    return { data };
  };
  const list = (method: string) => async (params: Record<string, unknown>) => {
    calls.push({ method, params });
    return { data: items };
  };
  const github = {
    rest: {
      issues: {
        listComments: list('listComments'),
        listForRepo: list('listForRepo'),
        createComment: record('createComment', { id: 501 }),
        updateComment: record('updateComment', {}),
        create: record('create', { number: 42 }),
        update: record('update', {}),
      },
    },
    paginate: async (fn: (p: Record<string, unknown>) => Promise<{ data: unknown[] }>, params: Record<string, unknown>) => (await fn(params)).data,
  };
  return { github, calls, writes: () => calls.filter((c) => !c.method.startsWith('list')) };
}

/**
 * The `script:` of the (first, or the named) github-script step in a job of a workflow: one of this repository's,
 * or, with `workflowDir`, one elsewhere (a repository `pcc init` set up).
 */
export function scriptOf(workflowFile: string, jobId: string, stepName?: string, workflowDir = WORKFLOW_DIR): string {
  const doc = parseYaml(readText(join(workflowDir, workflowFile)));
  const steps = ((doc.jobs as Record<string, Yaml>)[jobId]?.steps ?? []) as Yaml[];
  return githubScriptIn(steps, `${workflowFile} job ${jobId}`, stepName);
}

/** The `script:` of the github-script step of a composite action (a path relative to the repository). */
export function actionScriptOf(actionFile: string): string {
  const doc = parseYaml(readText(join(REPO_ROOT, actionFile)));
  return githubScriptIn(((doc.runs as Yaml | undefined)?.steps ?? []) as Yaml[], actionFile);
}

function githubScriptIn(steps: Yaml[], where: string, stepName?: string): string {
  const step = steps.find((s) => String(s.uses).startsWith('actions/github-script@') && (stepName === undefined || s.name === stepName));
  const script = (step?.with as Yaml | undefined)?.script;
  if (typeof script !== 'string') throw new Error(`no github-script step${stepName ? ` "${stepName}"` : ''} in ${where}`);
  return script;
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;

/** Runs `script` with `process.env` = `env` against a fake GitHub holding `items` (comments or issues). */
export async function runScript(script: string, env: Record<string, string>, items: Item[]) {
  const fake = fakeGitHub(items);
  return { ...fake, ...(await runScriptWith(script, env, fake.github)) };
}

/**
 * Runs `script` against any `github` object, with a `core` that records logs, outputs, the job summary
 * (`core.summary`'s chainable writer) and setFailed.
 */
export async function runScriptWith(script: string, env: Record<string, string>, github: unknown) {
  const logs: string[] = [];
  const outputs = new Map<string, string>();
  let summary = '';
  const writer = {
    addHeading: (text: string, level = 1) => ((summary += `${'#'.repeat(Number(level))} ${text}\n`), writer),
    addRaw: (text: string, eol = false) => ((summary += text + (eol ? '\n' : '')), writer),
    write: async () => writer,
  };
  const core = {
    info: (m: string) => logs.push(m),
    setFailed: (m: string) => logs.push(`FAILED ${m}`),
    setOutput: (name: string, value: string) => outputs.set(name, String(value)),
    summary: writer,
  };
  const context = { repo: { owner: 'acme', repo: 'channel' }, issue: { number: 7 } };
  const fn = new AsyncFunction('require', 'github', 'context', 'core', 'process', script);
  await fn(createRequire(import.meta.url), github, context, core, { env });
  return { logs, outputs, summary: () => summary, failed: () => logs.filter((l) => l.startsWith('FAILED ')).map((l) => l.slice(7)) };
}
