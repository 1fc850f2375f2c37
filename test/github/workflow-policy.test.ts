import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTION_FILE,
  REQUIRE_TIP_ACTION,
  WORKFLOW_DIR,
  checkNoExpressionsInScripts,
  checkPermissions,
  checkNode24Releases,
  checkPinnedActions,
  eventsOf,
  parseYaml,
  readText,
  stepsOf,
  workflowFiles,
  type Yaml,
} from './workflow-files.js';

const workflow = (name: string) => parseYaml(readText(join(WORKFLOW_DIR, name)));
const jobsOf = (doc: Yaml) => doc.jobs as Record<string, Yaml>;
const allFiles = [...workflowFiles(), ACTION_FILE, REQUIRE_TIP_ACTION];

const CACHE_DIR = '${{ runner.temp }}/pcc-cache';
const MAIN_KEY = 'pcc-refresh-main-${{ github.run_id }}-${{ github.run_attempt }}-${{ github.job }}';
const cacheSteps = (steps: Yaml[]) => steps.filter((s) => String(s.uses).startsWith('actions/cache'));

/**
 * The default branch's refresh cache around the pcc step `pccId`: restored before it (this family first), saved
 * after it by the save subaction even when it failed or was cancelled (actions/cache's own post-step skips a failed
 * job's save, and the cache holds pcc's invalidations), under a key of this run and job; pcc is pointed at it.
 */
function expectMainCache(steps: Yaml[], pccId: string) {
  const pcc = steps.findIndex((s) => s.id === pccId);
  const restore = steps.findIndex((s) => String(s.uses).startsWith('actions/cache/restore@'));
  const save = steps.findIndex((s) => String(s.uses).startsWith('actions/cache/save@'));
  expect(steps[restore]?.with).toEqual({ path: CACHE_DIR, key: MAIN_KEY, 'restore-keys': 'pcc-refresh-main-' });
  expect(steps[save]?.with).toEqual({ path: CACHE_DIR, key: MAIN_KEY });
  expect(steps[save]?.if).toBe(`always() && steps.${pccId}.outcome != 'skipped'`);
  expect(pcc).toBeGreaterThan(restore);
  expect(restore).toBeGreaterThanOrEqual(0);
  expect(save).toBeGreaterThan(pcc);
  expect(String((steps[pcc]?.with as Yaml).args).endsWith(` --cache ${CACHE_DIR}`)).toBe(true);
  expect(cacheSteps(steps)).toHaveLength(2);
}

describe('every workflow and the action', () => {
  it.each(allFiles.map((f) => [basename(f), f]))('%s pins remote actions to commit SHAs with a version comment', (_n, file) => {
    expect(checkPinnedActions(readText(file))).toEqual([]);
  });

  it.each(allFiles.map((f) => [basename(f), f]))('%s pins the Node 24 release of each remote action', (_n, file) => {
    expect(checkNode24Releases(readText(file))).toEqual([]);
  });

  it.each(allFiles.map((f) => [basename(f), f]))('%s passes values to scripts through env, never ${{ }}', (_n, file) => {
    expect(checkNoExpressionsInScripts(parseYaml(readText(file)))).toEqual([]);
  });

  it.each(workflowFiles().map((f) => [basename(f), f]))('%s grants no permissions by default and least privilege per job', (_n, file) => {
    expect(checkPermissions(parseYaml(readText(file)))).toEqual([]);
  });

  it.each(workflowFiles().map((f) => [basename(f), f]))("%s saves into the default branch's cache family only if it never runs for a pull request", (_n, file) => {
    const doc = parseYaml(readText(file));
    const keys = stepsOf(doc)
      .filter((s) => String(s.uses).startsWith('actions/cache'))
      .map((s) => String((s.with as Yaml).key));
    if (keys.some((key) => key.startsWith('pcc-refresh-main-'))) expect(eventsOf(doc)).not.toContain('pull_request');
    for (const key of keys) expect(key).toMatch(/^pcc-refresh-(main|pr)-/);
  });

  it.each(workflowFiles().map((f) => [basename(f), f]))('%s never runs on pull_request_target', (_n, file) => {
    expect(eventsOf(parseYaml(readText(file)))).not.toContain('pull_request_target');
  });

  it.each(workflowFiles().map((f) => [basename(f), f]))('%s checks out without leaving the token in .git', (_n, file) => {
    const checkouts = stepsOf(parseYaml(readText(file))).filter((s) => String(s.uses).startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const step of checkouts) expect((step.with as Yaml | undefined)?.['persist-credentials']).toBe(false);
  });
});

describe('pull request workflow', () => {
  const doc = workflow('pcc-pull-request.yml');
  const jobs = jobsOf(doc);

  it('runs on pull requests touching relationships/ or schema/', () => {
    expect(doc.on).toEqual({ pull_request: { paths: ['relationships/**', 'schema/**'] } });
  });

  it('checks formatting with pcc fmt --check in the validate job', () => {
    const fmt = (jobs.validate?.steps as Yaml[]).find((s) => (s.with as Yaml | undefined)?.command === 'fmt');
    expect(fmt?.with).toEqual({ command: 'fmt', args: '--check' });
    expect(fmt?.uses).toBe('./.pcc-base');
  });

  it('validates without credentials or write access', () => {
    expect(jobs.validate?.permissions).toEqual({ contents: 'read' });
    expect(jobs.validate?.if).toBeUndefined();
  });

  it('gives credentials and the comment token to same-repository pull requests only', () => {
    const forkGuard = 'github.event.pull_request.head.repo.full_name == github.repository';
    for (const id of ['plan', 'comment']) expect(String(jobs[id]?.if), id).toContain(forkGuard);
    expect(jobs.plan?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(jobs.comment?.permissions).toEqual({ 'pull-requests': 'write' });
    expect(jobs.plan?.needs).toBe('validate');
  });

  it('plans with the read-only role, saves the plan as an artifact and never assumes the apply role', () => {
    const text = readText(join(WORKFLOW_DIR, 'pcc-pull-request.yml'));
    expect(text).toContain('role-to-assume: ${{ vars.PCC_PLAN_ROLE_ARN }}');
    expect(text).not.toContain('PCC_APPLY_ROLE_ARN');
    const plan = (jobs.plan?.steps as Yaml[]).find((s) => s.id === 'plan');
    expect(plan?.with).toEqual({
      command: 'plan',
      args: '--format markdown --out pcc-plan.json --detailed-exitcode --cache ${{ runner.temp }}/pcc-cache',
    });
    expect((jobs.plan?.steps as Yaml[]).some((s) => String(s.uses).startsWith('actions/upload-artifact@'))).toBe(true);
  });

  it.each(['validate', 'plan'])('%s: takes only data and the action copy from the pull request and runs pcc from the base branch', (id) => {
    const steps = jobs[id]?.steps as Yaml[];
    const checkouts = steps.filter((s) => String(s.uses).startsWith('actions/checkout@'));
    // The pull request's copy of the action is read only by the first pull request's check, never run as it is.
    expect(checkouts.map((s) => s.with)).toEqual([
      { 'persist-credentials': false, 'sparse-checkout-cone-mode': false, 'sparse-checkout': '/relationships/\n/schema/\n/.github/actions/pcc/\n' },
      { ref: '${{ github.event.pull_request.base.sha }}', path: '.pcc-base', 'persist-credentials': false },
    ]);
    // The first pull request's check comes right after the base checkout, before any pcc runs.
    const first = steps.findIndex((s) => s.id === 'first');
    expect(first).toBe(steps.indexOf(checkouts[1] ?? {}) + 1);
    expect(steps[first]?.env).toEqual({ BASE: '.pcc-base', COPY: '.github/actions/pcc', COPY_SHA256: 'none' });
    expect(steps.findIndex((s) => String(s.uses).startsWith('./'))).toBeGreaterThan(first);
    const local = steps.filter((s) => String(s.uses).startsWith('./'));
    expect(local.length).toBeGreaterThan(0);
    for (const step of local) expect(step.uses).toBe('./.pcc-base');
    // Credentials come after both checkouts: nothing of the pull request's code is there to run with them.
    const aws = steps.findIndex((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    if (aws >= 0) expect(aws).toBeGreaterThan(steps.indexOf(checkouts[1] ?? {}));
  });

  it("keeps the refresh cache per pull request, restored before the plan: its own first, else the default branch's", () => {
    const steps = jobs.plan?.steps as Yaml[];
    const cache = steps.find((s) => String(s.uses).startsWith('actions/cache@'));
    expect(cache?.with).toEqual({
      path: '${{ runner.temp }}/pcc-cache',
      // Saved under the pull request's own family (GitHub scopes it to the pull request's ref): never main's.
      key: 'pcc-refresh-pr-${{ github.event.pull_request.number }}-${{ github.run_id }}-${{ github.run_attempt }}',
      'restore-keys': 'pcc-refresh-pr-${{ github.event.pull_request.number }}-\npcc-refresh-main-\n',
    });
    expect(cacheSteps(steps)).toHaveLength(1);
    expect(steps.indexOf(cache ?? {})).toBeLessThan(steps.findIndex((s) => s.id === 'plan'));
  });

  it('updates the comment even when validation or the plan failed, but not when cancelled', () => {
    expect(String(jobs.comment?.if)).toContain('!cancelled()');
    expect(jobs.comment?.needs).toEqual(['validate', 'plan']);
  });
});

describe('apply workflow', () => {
  const doc = workflow('pcc-apply.yml');
  const job = jobsOf(doc).apply ?? {};
  const steps = job.steps as Yaml[];

  it('runs on pushes to the default branch that touch the files', () => {
    expect(doc.on).toEqual({
      push: { branches: ['main'], paths: ['relationships/**', 'schema/**'] },
      // A prune or service-periods apply may have taken a waiting merge's place: a run after them applies it.
      workflow_run: { workflows: ['pcc prune', 'pcc service periods'], types: ['completed'] },
    });
    // Whichever branch the prune ran on, the run is the default branch's: no condition to get wrong.
    expect(job.if).toBeUndefined();
  });

  it('runs one at a time and never cancels a running apply', () => {
    expect(doc.concurrency).toEqual({ group: 'pcc-apply', 'cancel-in-progress': false });
  });

  it('runs in the protected environment with the apply role, reading only what finding the reviewed plan needs', () => {
    expect(job.environment).toBe('production');
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write', actions: 'read', 'pull-requests': 'read' });
    const aws = steps.find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect((aws?.with as Yaml)['role-to-assume']).toBe('${{ vars.PCC_APPLY_ROLE_ARN }}');
  });

  it('applies with --reviewed the plans of the pull requests merged since the last apply, only while its commit is the tip', () => {
    const find = steps.findIndex((s) => s.id === 'reviewed');
    const samePullRequest = steps.findIndex((s) => s.id === 'same-pull-request');
    const tip = steps.findIndex((s) => s.uses === './.github/actions/require-tip');
    const aws = steps.findIndex((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    const apply = steps.findIndex((s) => s.id === 'apply');
    expect(steps[apply]?.with).toEqual({ command: 'apply', args: `\${{ steps.same-pull-request.outputs.args }} --auto-approve --cache ${CACHE_DIR}` });
    expect(steps[apply]?.uses).toBe('./');
    expect(steps[tip]?.id).toBe('tip');
    expect([find, samePullRequest, tip, aws, apply].every((index, i, all) => index >= 0 && (i === 0 || index > (all[i - 1] ?? 0)))).toBe(true);
    // No step plans and applies on its own any more, and nothing may swallow a failure.
    expect(steps.some((s) => (s.with as Yaml | undefined)?.command === 'plan')).toBe(false);
    expect(steps.some((s) => s['continue-on-error'] !== undefined)).toBe(false);
  });

  it("keeps the default branch's refresh cache around the apply, saved even when the apply failed", () => {
    const steps = jobsOf(doc).apply?.steps as Yaml[];
    expectMainCache(steps, 'apply');
    const restore = steps.find((s) => String(s.uses).startsWith('actions/cache/restore@'));
    expect(restore?.if).toBe("steps.reviewed.outputs.nothing != 'true'");
  });

  it('reports on every pull request it was applying when it did not apply, from a job with only the comment permission', () => {
    const report = jobsOf(doc).report ?? {};
    expect(report.needs).toBe('apply');
    expect(report.permissions).toEqual({ 'pull-requests': 'write' });
    expect(String(report.if)).toContain("needs.apply.result != 'success'");
    expect(String(report.if)).toContain("needs.apply.outputs.superseded != 'true'");
    expect(String(report.if)).toContain('always()');
    expect(job.outputs).toEqual({
      'pull-requests': '${{ steps.reviewed.outputs.pull-requests }}',
      refused: '${{ steps.apply.outputs.refused || steps.reviewed.outputs.refused || steps.same-pull-request.outputs.refused }}',
      superseded: '${{ steps.tip.outputs.superseded }}',
    });
  });
});

describe('prune workflow', () => {
  const doc = workflow('pcc-prune.yml');
  const jobs = jobsOf(doc);
  const planSteps = jobs.plan?.steps as Yaml[];
  const applySteps = jobs.apply?.steps as Yaml[];

  it('runs by hand only, planning from the default branch with the read-only role and no environment', () => {
    expect(eventsOf(doc)).toEqual(['workflow_dispatch']);
    expect(jobs.plan?.if).toBe("github.ref == format('refs/heads/{0}', github.event.repository.default_branch)");
    expect(jobs.plan?.environment).toBeUndefined();
    const aws = planSteps.find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect((aws?.with as Yaml)['role-to-assume']).toBe('${{ vars.PCC_PLAN_ROLE_ARN }}');
    const plan = planSteps.find((s) => s.id === 'plan');
    expect(plan?.with).toEqual({ command: 'plan', args: `--prune --out pcc-prune-plan.json --refresh full \${{ steps.flags.outputs.flags }} --cache ${CACHE_DIR}` });
    expectMainCache(planSteps, 'plan');
    const upload = planSteps.find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ name: 'pcc-prune-plan', path: 'pcc-prune-plan.json', 'if-no-files-found': 'error' });
  });

  it('takes max-deletes and acknowledge-service-periods as strings, read only by the first step, through env', () => {
    const inputs = ((doc.on as Yaml).workflow_dispatch as Yaml).inputs as Record<string, Yaml>;
    expect(Object.keys(inputs)).toEqual(['max-deletes', 'acknowledge-service-periods']);
    for (const input of Object.values(inputs)) expect(input).toMatchObject({ type: 'string', required: false, default: '' });
    const flags = planSteps[0] ?? {};
    expect(flags.id).toBe('flags');
    expect(flags.uses).toBeUndefined();
    expect(flags.env).toEqual({ MAX_DELETES: '${{ inputs.max-deletes }}', ACKNOWLEDGE_SERVICE_PERIODS: '${{ inputs.acknowledge-service-periods }}' });
    expect(String(flags.run)).not.toContain('${{');
    expect(JSON.stringify([...planSteps.slice(1), ...applySteps])).not.toContain('inputs.');
    expect(jobs.plan?.outputs).toEqual({ 'has-changes': '${{ steps.plan.outputs.has-changes }}', flags: '${{ steps.flags.outputs.flags }}' });
  });

  it('applies exactly the saved plan, in the gated environment with the prune role, after the tip check', () => {
    expect(jobs.apply?.needs).toBe('plan');
    expect(jobs.apply?.environment).toBe('production-prune');
    expect(jobs.apply?.concurrency).toEqual({ group: 'pcc-apply', 'cancel-in-progress': false });
    const download = applySteps.findIndex((s) => String(s.uses).startsWith('actions/download-artifact@'));
    const tip = applySteps.findIndex((s) => s.uses === './.github/actions/require-tip');
    const aws = applySteps.findIndex((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    const apply = applySteps.findIndex((s) => (s.with as Yaml | undefined)?.command === 'apply');
    expect((applySteps[download]?.with as Yaml).name).toBe('pcc-prune-plan');
    expect((applySteps[aws]?.with as Yaml)['role-to-assume']).toBe('${{ vars.PCC_PRUNE_ROLE_ARN }}');
    // The same flags as the plan job's (its output), so the saved plan's options match.
    expect(applySteps[apply]?.with).toEqual({
      command: 'apply',
      args: `pcc-prune-plan.json --prune --auto-approve \${{ needs.plan.outputs.flags }} --cache ${CACHE_DIR}`,
    });
    expectMainCache(applySteps, 'apply');
    expect(download).toBeLessThan(tip);
    expect(tip).toBeLessThan(aws);
    expect(aws).toBeLessThan(apply);
  });
});

describe('service periods workflow', () => {
  const doc = workflow('pcc-service-periods.yml');
  const jobs = jobsOf(doc);
  const planSteps = jobs.plan?.steps as Yaml[];
  const applySteps = jobs.apply?.steps as Yaml[];

  it('runs by hand only, with one boolean input per flag that sends what the merge never sends', () => {
    expect(eventsOf(doc)).toEqual(['workflow_dispatch']);
    const inputs = ((doc.on as Yaml).workflow_dispatch as Yaml).inputs as Record<string, Yaml>;
    expect(Object.keys(inputs)).toEqual(['resend', 'revoke', 'replace-service-periods']);
    for (const input of Object.values(inputs)) expect(input).toMatchObject({ type: 'boolean', default: false });
    // The inputs reach the script through env only, and no other step reads them.
    const flags = planSteps[0] ?? {};
    expect(flags.id).toBe('flags');
    expect(flags.env).toEqual({ RESEND: '${{ inputs.resend }}', REVOKE: '${{ inputs.revoke }}', REPLACE_SERVICE_PERIODS: '${{ inputs.replace-service-periods }}' });
    expect(JSON.stringify([...planSteps.slice(1), ...applySteps])).not.toContain('inputs.');
  });

  it('plans from the default branch with the read-only role and no environment, saving the plan read in full', () => {
    expect(jobs.plan?.if).toBe("github.ref == format('refs/heads/{0}', github.event.repository.default_branch)");
    expect(jobs.plan?.environment).toBeUndefined();
    expect(jobs.plan?.outputs).toEqual({ 'has-changes': '${{ steps.plan.outputs.has-changes }}', flags: '${{ steps.flags.outputs.flags }}' });
    const aws = planSteps.find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect((aws?.with as Yaml)['role-to-assume']).toBe('${{ vars.PCC_PLAN_ROLE_ARN }}');
    const plan = planSteps.find((s) => s.id === 'plan');
    expect(plan?.with).toEqual({ command: 'plan', args: `--out pcc-service-periods-plan.json --refresh full \${{ steps.flags.outputs.flags }} --cache ${CACHE_DIR}` });
    expectMainCache(planSteps, 'plan');
    const upload = planSteps.find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ name: 'pcc-service-periods-plan', path: 'pcc-service-periods-plan.json', 'if-no-files-found': 'error' });
    expect(planSteps.indexOf(plan ?? {})).toBeLessThan(planSteps.indexOf(upload ?? {}));
  });

  it('applies exactly the saved plan, in its gated environment with the apply role, after the tip check, one apply at a time', () => {
    expect(jobs.apply?.needs).toBe('plan');
    expect(jobs.apply?.if).toBe("needs.plan.outputs.has-changes == 'true'");
    expect(jobs.apply?.environment).toBe('production-service-periods');
    expect(jobs.apply?.concurrency).toEqual({ group: 'pcc-apply', 'cancel-in-progress': false });
    const download = applySteps.findIndex((s) => String(s.uses).startsWith('actions/download-artifact@'));
    const tip = applySteps.findIndex((s) => s.uses === './.github/actions/require-tip');
    const aws = applySteps.findIndex((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    const apply = applySteps.findIndex((s) => (s.with as Yaml | undefined)?.command === 'apply');
    expect(applySteps[download]?.with).toEqual({ name: 'pcc-service-periods-plan' });
    expect((applySteps[aws]?.with as Yaml)['role-to-assume']).toBe('${{ vars.PCC_APPLY_ROLE_ARN }}');
    expect(applySteps[apply]?.with).toEqual({
      command: 'apply',
      args: `pcc-service-periods-plan.json --auto-approve \${{ needs.plan.outputs.flags }} --cache ${CACHE_DIR}`,
    });
    expectMainCache(applySteps, 'apply');
    expect([download, tip, aws, apply].every((index, i, all) => index >= 0 && (i === 0 || index > (all[i - 1] ?? 0)))).toBe(true);
    expect(applySteps.some((s) => s['continue-on-error'] !== undefined)).toBe(false);
  });
});

describe('drift workflow', () => {
  const doc = workflow('pcc-drift.yml');
  const jobs = jobsOf(doc);

  it('runs on a schedule and on demand', () => {
    expect(eventsOf(doc).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it("checks with plan --detailed-exitcode under the read-only role, a rolling refresh on the default branch's cache", () => {
    const plan = (jobs.check?.steps as Yaml[]).find((s) => s.id === 'plan');
    expect(plan?.with).toEqual({
      command: 'plan',
      args: `--format markdown --detailed-exitcode --refresh rolling --verify-every 14 --cache ${CACHE_DIR}`,
    });
    expectMainCache(jobs.check?.steps as Yaml[], 'plan');
    expect(readText(join(WORKFLOW_DIR, 'pcc-drift.yml'))).not.toContain('PCC_APPLY_ROLE_ARN');
    expect(jobs.check?.outputs).toEqual({ 'exit-code': '${{ steps.plan.outputs.exit-code }}' });
  });

  it('reports from a separate job that can write issues and nothing else, and only for a clean answer', () => {
    expect(jobs.report?.permissions).toEqual({ issues: 'write' });
    expect(jobs.report?.if).toBe("needs.check.outputs.exit-code == '0' || needs.check.outputs.exit-code == '2'");
  });
});

describe('ci workflow', () => {
  it('runs .ci/run on Node 20.19 (the oldest engines allows), 22 and 24 for pushes and pull requests', () => {
    const doc = workflow('ci.yml');
    expect(eventsOf(doc).sort()).toEqual(['pull_request', 'push']);
    const test = jobsOf(doc).test as Yaml;
    expect(test.strategy).toEqual({ 'fail-fast': false, matrix: { node: ['20.19', '22', '24'] } });
    expect((JSON.parse(readText(join(WORKFLOW_DIR, '..', '..', 'package.json'))) as { engines: { node: string } }).engines.node).toBe('>=20.19');
    const steps = test.steps as Yaml[];
    expect(steps.find((s) => String(s.uses).startsWith('actions/setup-node@'))?.with).toEqual({ 'node-version': '${{ matrix.node }}' });
    expect(steps.at(-1)?.run).toBe('bash .ci/run');
  });
});

describe('release workflow', () => {
  const doc = workflow('release.yml');
  const job = jobsOf(doc).publish ?? {};
  const steps = job.steps as Yaml[];
  const runs = steps.map((s) => String(s.run ?? ''));

  it('runs on version tags only', () => {
    expect(doc.on).toEqual({ push: { tags: ['v*'] } });
  });

  it('publishes with provenance, holding only the read and OIDC permissions that needs', () => {
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const setup = steps.find((s) => String(s.uses).startsWith('actions/setup-node@'));
    expect((setup?.with as Yaml)['registry-url']).toBe('https://registry.npmjs.org');
    expect(runs.at(-1)).toBe('npm publish --provenance --access public');
    expect((steps.at(-1)?.env as Yaml).NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
  });

  it('checks the tag against package.json, then runs the tests the way CI does, before publishing', () => {
    const tag = runs.findIndex((r) => r.includes('package.json'));
    const test = runs.indexOf('bash .ci/run');
    expect(tag).toBeGreaterThanOrEqual(0);
    expect(test).toBeGreaterThan(tag);
    expect(runs.findIndex((r) => r.startsWith('npm publish'))).toBeGreaterThan(test);
    expect(steps.some((s) => s['continue-on-error'] !== undefined)).toBe(false);
  });
});

describe('the policy checks bite', () => {
  it('flags tags, short SHAs and missing version comments', () => {
    const text = [
      'steps:',
      '  - uses: actions/checkout@v4',
      '  - uses: actions/checkout@34e1148',
      '  - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5',
      '  - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1',
      '  - uses: ./',
    ].join('\n');
    expect(checkPinnedActions(text)).toEqual([
      'line 2: actions/checkout@v4 is not pinned to a full commit SHA',
      'line 3: actions/checkout@34e1148 is not pinned to a full commit SHA',
      'line 4: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 has no "# vX.Y.Z" comment',
    ]);
  });

  it('flags Node 20 releases and actions of unknown runtime', () => {
    const text = [
      'steps:',
      '  - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1',
      '  - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2',
      '  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
      '  - uses: someone/else@3d3c42e5aac5ba805825da76410c181273ba90b1 # v1.0.0',
    ].join('\n');
    expect(checkNode24Releases(text)).toEqual([
      'line 2: actions/checkout v4 runs on Node 20 (Node 24 from v5)',
      'line 3: actions/upload-artifact v4 runs on Node 20 (Node 24 from v6)',
      'line 5: someone/else is not in FIRST_NODE24_MAJOR (check which major runs on node24)',
    ]);
  });

  it('flags expressions pasted into scripts', () => {
    const doc = parseYaml(
      [
        'jobs:',
        '  a:',
        '    steps:',
        '      - name: inline',
        '        run: echo "${{ inputs.args }}"',
        '      - name: via env',
        '        env: { ARGS: "${{ inputs.args }}" }',
        '        run: echo "$ARGS"',
        '      - name: script',
        '        uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea',
        '        with: { script: "core.info(\'${{ github.head_ref }}\')" }',
      ].join('\n'),
    );
    expect(checkNoExpressionsInScripts(doc)).toEqual(['run script of "inline" contains ${{ }}', 'script of "script" contains ${{ }}']);
  });

  it('flags missing, blanket and mismatched permissions', () => {
    const doc = parseYaml(
      [
        'permissions: write-all',
        'jobs:',
        '  none:',
        '    steps: []',
        '  blanket:',
        '    permissions: read-all',
        '    steps: []',
        '  aws:',
        '    permissions: { contents: read }',
        '    steps:',
        '      - uses: aws-actions/configure-aws-credentials@7474bc4690e29a8392af63c5b98e7449536d5c3a',
        '  idle:',
        '    permissions: { id-token: write }',
        '    steps: []',
        '  publish:',
        '    permissions: { contents: read }',
        '    steps:',
        '      - run: npm publish --provenance --access public',
      ].join('\n'),
    );
    expect(checkPermissions(doc)).toEqual([
      'top-level permissions are not {}',
      'job none has no permissions',
      'job blanket uses the blanket permissions "read-all"',
      'job aws assumes an AWS role without id-token: write',
      'job idle asks for id-token without assuming a role or publishing with provenance',
      'job publish publishes with provenance without id-token: write',
    ]);
    expect(checkPermissions(parseYaml('jobs: {}'))).toEqual(['no top-level permissions (the default token may be read-write)']);
  });
});
