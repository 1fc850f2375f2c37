import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTION_FILE,
  WORKFLOW_DIR,
  checkNoExpressionsInScripts,
  checkPermissions,
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
const allFiles = [...workflowFiles(), ACTION_FILE];

describe('every workflow and the action', () => {
  it.each(allFiles.map((f) => [basename(f), f]))('%s pins remote actions to commit SHAs with a version comment', (_n, file) => {
    expect(checkPinnedActions(readText(file))).toEqual([]);
  });

  it.each(allFiles.map((f) => [basename(f), f]))('%s passes values to scripts through env, never ${{ }}', (_n, file) => {
    expect(checkNoExpressionsInScripts(parseYaml(readText(file)))).toEqual([]);
  });

  it.each(workflowFiles().map((f) => [basename(f), f]))('%s grants no permissions by default and least privilege per job', (_n, file) => {
    expect(checkPermissions(parseYaml(readText(file)))).toEqual([]);
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

  it('keeps the refresh cache per pull request, restored before the plan', () => {
    const steps = jobs.plan?.steps as Yaml[];
    const cache = steps.find((s) => String(s.uses).startsWith('actions/cache@'));
    expect(cache?.with).toEqual({
      path: '${{ runner.temp }}/pcc-cache',
      key: 'pcc-refresh-pr-${{ github.event.pull_request.number }}-${{ github.run_id }}-${{ github.run_attempt }}',
      'restore-keys': 'pcc-refresh-pr-${{ github.event.pull_request.number }}-',
    });
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
    expect(doc.on).toEqual({ push: { branches: ['main'], paths: ['relationships/**', 'schema/**'] } });
  });

  it('runs one at a time and never cancels a running apply', () => {
    expect(doc.concurrency).toEqual({ group: 'pcc-apply', 'cancel-in-progress': false });
  });

  it('runs in the protected environment with the apply role', () => {
    expect(job.environment).toBe('production');
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const aws = steps.find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect((aws?.with as Yaml)['role-to-assume']).toBe('${{ vars.PCC_APPLY_ROLE_ARN }}');
  });

  it('applies the saved plan with --auto-approve, only when the plan has changes', () => {
    const plan = steps.find((s) => s.id === 'plan');
    expect(plan?.with).toEqual({ command: 'plan', args: '--out pcc-plan.json --detailed-exitcode --refresh full' });
    // Nothing a pull request could have written is read here.
    expect(steps.some((s) => String(s.uses).startsWith('actions/cache'))).toBe(false);
    const apply = steps.find((s) => (s.with as Yaml | undefined)?.command === 'apply');
    expect(apply?.with).toEqual({ command: 'apply', args: 'pcc-plan.json --auto-approve' });
    expect(apply?.if).toBe("steps.plan.outputs.exit-code == '2'");
    // A failed change fails the step and so the job: nothing may swallow it.
    expect(apply?.['continue-on-error']).toBeUndefined();
    expect(steps.indexOf(apply ?? {})).toBeGreaterThan(steps.indexOf(plan ?? {}));
  });
});

describe('drift workflow', () => {
  const doc = workflow('pcc-drift.yml');
  const jobs = jobsOf(doc);

  it('runs on a schedule and on demand', () => {
    expect(eventsOf(doc).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('checks with plan --detailed-exitcode under the read-only role', () => {
    const plan = (jobs.check?.steps as Yaml[]).find((s) => s.id === 'plan');
    expect(String((plan?.with as Yaml).args)).toContain('--detailed-exitcode');
    expect(String((plan?.with as Yaml).args)).toContain('--refresh full');
    expect((jobs.check?.steps as Yaml[]).some((s) => String(s.uses).startsWith('actions/cache'))).toBe(false);
    expect(readText(join(WORKFLOW_DIR, 'pcc-drift.yml'))).not.toContain('PCC_APPLY_ROLE_ARN');
    expect(jobs.check?.outputs).toEqual({ 'exit-code': '${{ steps.plan.outputs.exit-code }}' });
  });

  it('reports from a separate job that can write issues and nothing else, and only for a clean answer', () => {
    expect(jobs.report?.permissions).toEqual({ issues: 'write' });
    expect(jobs.report?.if).toBe("needs.check.outputs.exit-code == '0' || needs.check.outputs.exit-code == '2'");
  });
});

describe('ci workflow', () => {
  it('runs .ci/run on Node 20 for pushes and pull requests', () => {
    const doc = workflow('ci.yml');
    expect(eventsOf(doc).sort()).toEqual(['pull_request', 'push']);
    const steps = jobsOf(doc).test?.steps as Yaml[];
    expect(steps.find((s) => String(s.uses).startsWith('actions/setup-node@'))?.with).toEqual({ 'node-version': 20 });
    expect(steps.at(-1)?.run).toBe('bash .ci/run');
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
        "    permissions: { id-token: write }",
        '    steps: []',
      ].join('\n'),
    );
    expect(checkPermissions(doc)).toEqual([
      'top-level permissions are not {}',
      'job none has no permissions',
      'job blanket uses the blanket permissions "read-all"',
      'job aws assumes an AWS role without id-token: write',
      'job idle asks for id-token without assuming a role',
    ]);
    expect(checkPermissions(parseYaml('jobs: {}'))).toEqual(['no top-level permissions (the default token may be read-write)']);
  });
});
