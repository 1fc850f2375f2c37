/**
 * The pull-request workflow's path from plan to comment, with its own scripts: the plan job's `Plan` step
 * (action.yml with the workflow's args, the built CLI, the emulator), its `Collect the plan` step (bash),
 * then the comment job's github-script body reading the collected markdown (the artifact is downloaded to
 * the same place in RUNNER_TEMP) against a fake GitHub API.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARKDOWN_MAX_CHARS } from '../../src/render/index.js';
import { withEmulator } from '../support/emulator.js';
import { createRunner, E2E_PMA, FAST, relationshipsYaml, runBash, type Runner } from './action-step.js';
import { runScript, scriptOf } from './github-script.js';
import { WORKFLOW_DIR, parseYaml, readText, type Yaml } from './workflow-files.js';

const COMMENT_LIMIT = 65_536;
const RUN_URL = 'https://github.com/acme/channel/actions/runs/123';
const MARKER = '<!-- pcc-gitops:plan -->';

const planJob = (() => {
  const doc = parseYaml(readText(join(WORKFLOW_DIR, 'pcc-pull-request.yml')));
  return ((doc.jobs as Record<string, Yaml>).plan?.steps ?? []) as Yaml[];
})();

function stepNamed(name: string): Yaml {
  const step = planJob.find((s) => s.name === name);
  if (!step) throw new Error(`no step "${name}" in the plan job of pcc-pull-request.yml`);
  return step;
}

/** The `with.args` the workflow gives the action's plan step, with `${{ runner.temp }}` expanded as Actions would. */
const planArgs = (temp: string) => String((stepNamed('Plan').with as Yaml).args).replaceAll('${{ runner.temp }}', temp);
const COLLECT_SCRIPT = String(stepNamed('Collect the plan').run);

let runner: Runner;
beforeEach(async () => {
  runner = await createRunner();
});
afterEach(async () => {
  await runner.remove();
});

describe('pcc-pull-request.yml: plan step → collect → comment', () => {
  const h = withEmulator({ idSeed: 9 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });

  async function planAndComment(count: number) {
    await runner.writeFile('main.yaml', relationshipsYaml(count));
    const plan = await runner.run({ command: 'plan', args: `${planArgs(runner.temp)} ${FAST}`, env: h.env });
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.outputs.get('exit-code')).toBe('2');

    const collect = await runBash(COLLECT_SCRIPT, runner.workspace, {
      PATH: process.env.PATH ?? '',
      RUNNER_TEMP: runner.temp,
      STDOUT_FILE: plan.outputs.get('stdout-file') ?? '',
    });
    expect(collect.status, collect.stderr).toBe(0);
    expect(existsSync(join(runner.temp, 'pcc-plan', 'plan.json'))).toBe(true);

    const comment = await runScript(
      scriptOf('pcc-pull-request.yml', 'comment'),
      {
        VALIDATE_RESULT: 'success',
        PLAN_RESULT: 'success',
        PLAN_MARKDOWN: join(runner.temp, 'pcc-plan', 'plan.md'),
        HEAD_SHA: '0123456789abcdef0123456789abcdef01234567',
        RUN_URL,
      },
      [],
    );
    expect(comment.writes().map((c) => c.method)).toEqual(['createComment']);
    return { plan, body: String(comment.writes()[0]?.params.body) };
  }

  it('posts the markdown plan the plan step printed, whole', async () => {
    const { plan, body } = await planAndComment(2);
    expect(plan.stdout.startsWith('## pcc plan\n')).toBe(true);
    expect(body).toBe(`${MARKER}\n${plan.stdout.trim()}\n\n<sub>For 0123456 · [run](${RUN_URL})</sub>\n`);
  });

  it('1,500 changes: the comment carries pcc’s shortened plan with its note, under 65,536 characters, not cut again', async () => {
    const { plan, body } = await planAndComment(1500);
    expect(plan.stdout.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain(plan.stdout.trim());
    expect(body).toMatch(/\*\*Left out: \d+ of 1500 changes\*\*/);
    expect(body).not.toContain('cut to fit a comment');
    // The job summary of the same step has the whole plan the comment points to.
    expect(plan.summary.match(/<details>/g)).toHaveLength(1500);
  });
});
