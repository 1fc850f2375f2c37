/**
 * A repository set up by `pcc init`, on GitHub as the simulated runner plays it: its workflows pass actionlint,
 * point at the copy of the action init wrote (which needs no build), and a pull request's plan step, collect
 * step and comment script post the plan comment.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { runCli } from '../support/run-cli.js';
import { createRunner, E2E_PMA, FAST, relationshipsYaml, runBash, type Runner } from '../github/action-step.js';
import { runScript, scriptOf } from '../github/github-script.js';
import {
  checkCompositeAction,
  checkJavaScriptAction,
  checkNode24Releases,
  checkPinnedActions,
  formatFindings,
  lintWorkflow,
  parseYaml,
  type Yaml,
} from '../github/workflow-files.js';

const WORKFLOWS = ['pcc-pull-request.yml', 'pcc-apply.yml', 'pcc-drift.yml', 'pcc-prune.yml', 'pcc-service-periods.yml'];
const MARKER = '<!-- pcc-gitops:plan -->';

async function initRepository(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'pcc-init-github-'));
  const result = await runCli(['init', '--pma', E2E_PMA, '--account', '123456789012', '--repo', 'acme/channel'], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return cwd;
}

const stepsOf = (doc: Yaml, job: string) => ((doc.jobs as Record<string, Yaml>)[job]?.steps ?? []) as Yaml[];

let runner: Runner | undefined;
afterEach(async () => runner?.remove());

describe('a repository set up by pcc init, on GitHub', () => {
  const h = withEmulator({ idSeed: 21 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });

  it('has workflows that pass actionlint and use the action copy init wrote, which is a complete action', async () => {
    const cwd = await initRepository();
    for (const name of WORKFLOWS) {
      const text = await readFile(join(cwd, '.github', 'workflows', name), 'utf8');
      expect(formatFindings(await lintWorkflow(text, name)), name).toEqual([]);
      expect([...checkPinnedActions(text), ...checkNode24Releases(text)], name).toEqual([]);
      const local = [...text.matchAll(/^\s*(?:- )?uses: (\.\/\S*)$/gm)].map((m) => m[1]);
      expect(local.length, name).toBeGreaterThan(0);
      for (const path of local) {
        // The PR workflow runs pcc from the base branch's checkout; everything else from the repository itself.
        const inRepository = String(path).replace('./.pcc-base/', './');
        expect(existsSync(join(cwd, inRepository, 'action.yml')), `${name}: ${path}`).toBe(true);
        expect(['./.github/actions/pcc', './.pcc-base/.github/actions/pcc', './.github/actions/require-tip'], name).toContain(path);
      }
    }
    const action = parseYaml(await readFile(join(cwd, '.github', 'actions', 'pcc', 'action.yml'), 'utf8'));
    expect(
      checkJavaScriptAction(
        action,
        ['command', 'directory', 'args', 'aws-region'],
        ['has-changes', 'plan-file', 'exit-code', 'refused'],
        join(cwd, '.github', 'actions', 'pcc'),
      ),
    ).toEqual([]);
    expect(checkCompositeAction(parseYaml(await readFile(join(cwd, '.github', 'actions', 'require-tip', 'action.yml'), 'utf8')), [], [])).toEqual([]);
  });

  it('a pull request gets its plan comment: plan step → collect → comment, with the copy of the action', async () => {
    const cwd = await initRepository();
    runner = await createRunner(join(cwd, '.github', 'actions', 'pcc'));
    await runner.writeFile('main.yaml', relationshipsYaml(3));
    const pr = parseYaml(await readFile(join(cwd, '.github', 'workflows', 'pcc-pull-request.yml'), 'utf8'));
    const planStep = stepsOf(pr, 'plan').find((s) => s.name === 'Plan') as Yaml;
    expect(planStep.uses).toBe('./.pcc-base/.github/actions/pcc');
    const args = String((planStep.with as Yaml).args).replaceAll('${{ runner.temp }}', runner.temp);
    const plan = await runner.run({ command: String((planStep.with as Yaml).command), args: `${args} ${FAST}`, env: h.env });
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.outputs.get('exit-code')).toBe('2');
    expect(plan.stdout).toContain('Plan: 3 to create');

    const collect = stepsOf(pr, 'plan').find((s) => s.name === 'Collect the plan') as Yaml;
    const collected = await runBash(String(collect.run), runner.workspace, {
      PATH: process.env.PATH ?? '',
      RUNNER_TEMP: runner.temp,
      STDOUT_FILE: plan.outputs.get('stdout-file') ?? '',
    });
    expect(collected.status, collected.stderr).toBe(0);

    const comment = await runScript(
      scriptOf('pcc-pull-request.yml', 'comment', undefined, join(cwd, '.github', 'workflows')),
      {
        VALIDATE_RESULT: 'success',
        PLAN_RESULT: 'success',
        PLAN_MARKDOWN: join(runner.temp, 'pcc-plan', 'plan.md'),
        HEAD_SHA: '0123456789abcdef0123456789abcdef01234567',
        RUN_URL: 'https://github.com/acme/channel/actions/runs/1',
      },
      [],
    );
    const body = String(comment.writes()[0]?.params.body);
    expect(comment.writes().map((c) => c.method)).toEqual(['createComment']);
    expect(body.startsWith(`${MARKER}\n## pcc plan`)).toBe(true);
    expect(body).toContain(plan.stdout.trim());
  });
});
