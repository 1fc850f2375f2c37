/**
 * pcc-drift.yml through the simulated runner (the check job's plan step with the args the workflow gives it, the
 * action's bundle, the emulator over HTTP; the cache folder kept between runs as the restore and save steps keep
 * it), then its report script: a rolling check finds a tag removed in the console, which moves no revision, within
 * --verify-every runs, and the drift issue says how recent the plan is.
 */
import { copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createRunner, E2E_PMA, e2eAccount, FAST, relationshipsYaml, type Runner } from './action-step.js';
import { runScript, scriptOf } from './github-script.js';
import { evaluateArgs, stepOf, type Yaml } from './workflow-files.js';

const WORKFLOW = 'pcc-drift.yml';
const COUNT = 3;
const RUN_URL = 'https://github.com/acme/channel/actions/runs/9';

const h = withEmulator({ idSeed: 31 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });
let runner: Runner;
beforeEach(async () => {
  runner = await createRunner();
  for (let i = 0; i < COUNT; i++) {
    h.state.seedRelationship({
      pmaId: E2E_PMA,
      associatedAccountId: e2eAccount(i),
      associationType: 'END_CUSTOMER',
      displayName: `Customer ${i}`,
      sector: 'COMMERCIAL',
      tags: { 'pcc:managed': 'true' },
    });
  }
  await runner.writeFile('main.yaml', relationshipsYaml(COUNT));
});
afterEach(() => runner.remove());

/** The check job's plan step, as the workflow gives it its args; the cache folder stays in RUNNER_TEMP between runs. */
async function check() {
  const args = evaluateArgs(stepOf(WORKFLOW, 'check', 'Plan'), { 'runner.temp': runner.temp });
  return runner.run({ command: 'plan', args: `${args} ${FAST}`, env: h.env });
}

describe('pcc-drift.yml: a rolling check on the kept cache', () => {
  it('finds a console tag edit within --verify-every checks, and the issue says how recent the plan is', async () => {
    const verifyEvery = Number(/--verify-every (\d+)/.exec(String((stepOf(WORKFLOW, 'check', 'Plan').with as Yaml).args))?.[1]);
    expect(verifyEvery).toBeGreaterThanOrEqual(COUNT);

    const first = await check();
    expect(first.status, first.stderr).toBe(0);
    expect(first.outputs.get('exit-code')).toBe('0');
    // The check wrote the cache where the workflow's save step takes it from.
    expect((await stat(join(runner.temp, 'pcc-cache'))).isDirectory()).toBe(true);

    // Someone removes pcc:managed in the console: no revision moves, so only a tag read sees it.
    const edited = h.state.relationships().find((r) => r.associatedAccountId === e2eAccount(COUNT - 1));
    h.state.setTags(edited?.arn as string, {});
    h.emulator.resetStats();
    const exitCodes: string[] = [];
    let drift;
    for (let run = 1; run <= COUNT && !drift; run++) {
      const result = await check();
      exitCodes.push(String(result.outputs.get('exit-code')));
      if (result.outputs.get('exit-code') === '2') drift = result;
    }
    // One tag read a check (⌈3/10⌉ = 1, oldest first): found by the third check at the latest.
    expect(drift, `exit codes: ${exitCodes.join()}`).toBeDefined();
    expect(h.emulator.stats.calls.ListTagsForResource).toBe(exitCodes.length);

    const markdown = await readFile(String(drift?.outputs.get('stdout-file')), 'utf8');
    expect(markdown).toContain(e2eAccount(COUNT - 1));
    const freshness = new RegExp(
      `<sub>Freshness: listed \\S+Z; tags of 1 relationship read then, ${COUNT - 1} reused from the refresh cache \\(read since \\S+Z; each read again at least every ${verifyEvery} runs\\)\\.</sub>`,
    );
    expect(markdown).toMatch(freshness);

    // The report job puts the plan, freshness line included, in the drift issue.
    await copyFile(String(drift?.outputs.get('stdout-file')), join(runner.temp, 'plan.md'));
    const { writes } = await runScript(scriptOf(WORKFLOW, 'report'), { EXIT_CODE: '2', PLAN_MARKDOWN: join(runner.temp, 'plan.md'), RUN_URL }, []);
    expect(writes().map((c) => c.method)).toEqual(['create']);
    expect(String(writes()[0]?.params.body)).toMatch(freshness);
  });
});
