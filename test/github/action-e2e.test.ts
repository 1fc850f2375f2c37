/**
 * The action end to end: action.yml's `Run pcc` step, run by bash with the built CLI (GITHUB_ACTION_PATH is
 * this repository), in a simulated Actions environment (GITHUB_ACTIONS=true, fresh GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files per step, a pull_request event), against the emulator over HTTP.
 * Asserts what GitHub would show: outputs, job summary, annotations.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STEP_SUMMARY_LIMIT_BYTES } from '../../src/io/github-step.js';
import { MARKDOWN_MAX_CHARS } from '../../src/render/index.js';
import { withEmulator } from '../support/emulator.js';
import { createRunner, E2E_PMA, e2eAccount, FAST, relationshipsYaml, type Runner, type StepRun } from './action-step.js';

/** Annotation lines the runner would turn into annotations (it reads stdout and stderr alike). */
const annotations = (run: StepRun, kind = 'error') => `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.startsWith(`::${kind} `));

const totalCalls = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

let runner: Runner;
beforeEach(async () => {
  runner = await createRunner();
});
afterEach(async () => {
  await runner.remove();
});

describe('pcc plan through the action', () => {
  const h = withEmulator({ idSeed: 3 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });
  const plan = (args: string) => runner.run({ command: 'plan', args: `${args} ${FAST}`, env: h.env });

  it('changes: exit-code 2 (the step passes), has-changes, plan-file, and the markdown plan on stdout and in the summary', async () => {
    await runner.writeFile('main.yaml', relationshipsYaml(3));
    const run = await plan('--format markdown --out pcc-plan.json --detailed-exitcode');

    expect(run.status, run.stderr).toBe(0);
    expect(Object.fromEntries(run.outputs)).toEqual({
      'has-changes': 'true',
      'plan-file': 'pcc-plan.json',
      'exit-code': '2',
      'stdout-file': expect.stringContaining(join(runner.temp, 'pcc-plan-stdout.')),
    });
    expect(run.stdout).toMatch(/^## pcc plan\n\n\*\*Plan: 3 to create, 0 to update, 0 to delete\.\*\*/);
    expect(await readFile(run.outputs.get('stdout-file') ?? '', 'utf8')).toBe(run.stdout);
    // A small plan fits a comment whole, so the summary holds the very same markdown.
    expect(run.summary).toBe(run.stdout);
    for (let i = 0; i < 3; i++) expect(run.summary).toContain(`<code>AWS/${E2E_PMA}/${e2eAccount(i)}</code> will be created`);
    const saved = JSON.parse(await readFile(join(runner.workspace, 'pcc-plan.json'), 'utf8')) as { formatVersion: number; changes: unknown[] };
    expect(saved.formatVersion).toBe(1);
    expect(saved.changes).toHaveLength(3);
    expect(annotations(run)).toEqual([]);
  });

  it('no changes: exit-code 0, has-changes false, plan-file empty without --out; the summary is markdown even for --format text', async () => {
    await runner.writeFile('main.yaml', relationshipsYaml(2));
    for (let i = 0; i < 2; i++) {
      h.state.seedRelationship({
        pmaId: E2E_PMA,
        associatedAccountId: e2eAccount(i),
        associationType: 'END_CUSTOMER',
        displayName: `Customer ${i}`,
        sector: 'COMMERCIAL',
        tags: { 'pcc:managed': 'true' },
      });
    }
    const run = await plan('--detailed-exitcode');

    expect(run.status, run.stderr).toBe(0);
    expect(run.outputs.get('exit-code')).toBe('0');
    expect(run.outputs.get('has-changes')).toBe('false');
    expect(run.outputs.get('plan-file')).toBe('');
    expect(run.stdout).toContain('No changes. Live state matches the files.');
    expect(run.stdout).not.toContain('## pcc plan');
    expect(run.summary).toMatch(/^## pcc plan\n\n\*\*No changes\. Live state matches the files\.\*\*/);
  });

  it('a blocked replacement: the step fails, the plan is still summarised, nothing is saved', async () => {
    await runner.writeFile('main.yaml', relationshipsYaml(1, { sector: 'GOVERNMENT' }));
    h.state.seedRelationship({
      pmaId: E2E_PMA,
      associatedAccountId: e2eAccount(0),
      associationType: 'END_CUSTOMER',
      displayName: 'Customer 0',
      sector: 'COMMERCIAL',
      tags: { 'pcc:managed': 'true' },
    });
    const run = await plan('--format markdown --out pcc-plan.json --detailed-exitcode');

    expect(run.status).toBe(1);
    expect(run.outputs.get('exit-code')).toBe('1');
    expect(run.outputs.get('has-changes')).toBe('false'); // a blocked replacement is not applied
    expect(run.outputs.get('plan-file')).toBe('');
    expect(existsSync(join(runner.workspace, 'pcc-plan.json'))).toBe(false);
    expect(run.summary).toContain('replacement blocked');
    expect(annotations(run)).toEqual([
      expect.stringMatching(
        /^::error file=relationships\/main\.yaml,line=\d+,col=13,title=pcc%3A replace-blocked-no-allow::AWS\/pma-u8ic702rtzng8\/200000000000: replacement blocked/,
      ),
    ]);
  });

  for (const command of ['validate', 'plan']) {
    it(`${command} of invalid files: 10 annotations and a count of the rest; no API call, no summary, no has-changes`, async () => {
      await runner.writeFile('main.yaml', relationshipsYaml(13, { sector: 'NOT_A_SECTOR' }));
      const run = await runner.run({ command, args: command === 'plan' ? FAST : '', env: h.env });

      expect(run.status).toBe(1);
      expect(run.outputs.get('exit-code')).toBe('1');
      expect(run.outputs.has('has-changes')).toBe(false);
      const errors = annotations(run);
      expect(errors).toHaveLength(10);
      for (const line of errors) expect(line).toMatch(/^::error file=relationships\/main\.yaml,line=\d+,col=\d+,title=pcc%3A [\w-]+::.*sector/);
      expect(new Set(errors).size).toBe(10); // ten different lines, not one repeated
      expect(run.stderr).toContain('3 more problems not shown as annotations (GitHub shows at most 10 of each kind per step)');
      expect(run.summary).toBe('');
      expect(totalCalls(h.emulator.stats.calls)).toBe(0);
    });
  }
});

describe('pcc plan through the action, when the role may not read', () => {
  const h = withEmulator({ idSeed: 7, deny: ['ListRelationships'] }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });

  it('fails the step with an annotation that names the denied read; no summary, no has-changes', async () => {
    await runner.writeFile('main.yaml', relationshipsYaml(1));
    const run = await runner.run({ command: 'plan', args: `--format markdown ${FAST}`, env: h.env });

    expect(run.status).toBe(1);
    expect(run.outputs.get('exit-code')).toBe('1');
    expect(run.outputs.has('has-changes')).toBe(false);
    expect(run.summary).toBe('');
    expect(run.stdout).toBe('');
    expect(annotations(run)).toEqual([expect.stringMatching(/^::error title=pcc%3A live-read-failed::cannot read the live state: .*(AccessDenied|access denied)/i)]);
  });
});

describe('pcc apply through the action', () => {
  const h = withEmulator({ idSeed: 4 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });

  it('applies the saved plan: outcomes in the summary, has-changes true; a second apply finds nothing to do', async () => {
    await runner.writeFile('main.yaml', relationshipsYaml(3));
    const planned = await runner.run({ command: 'plan', args: `--out pcc-plan.json --detailed-exitcode ${FAST}`, env: h.env });
    expect(planned.outputs.get('exit-code')).toBe('2');

    const run = await runner.run({ command: 'apply', args: `${planned.outputs.get('plan-file')} --auto-approve ${FAST}`, env: h.env });
    expect(run.status, run.stderr).toBe(0);
    expect(run.outputs.get('exit-code')).toBe('0');
    expect(run.outputs.get('has-changes')).toBe('true');
    expect(run.summary).toMatch(/^## pcc apply: complete\n\n\*\*Apply complete: 3 created, 0 updated, 0 deleted, 0 failed\.\*\*\n/);
    const rows = run.summary.split('\n').filter((line) => line.startsWith('| `+` done |'));
    expect(rows).toHaveLength(3);
    const ids = h.state.relationships().map((r) => r.id);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(run.summary).toContain(id.replace(/-/g, '\\-'));
    expect(run.summary).not.toContain('[!CAUTION]'); // no failure callout
    expect(annotations(run)).toEqual([]);

    const again = await runner.run({ command: 'apply', args: `--auto-approve ${FAST}`, env: h.env });
    expect(again.status, again.stderr).toBe(0);
    expect(again.outputs.get('has-changes')).toBe('false');
    expect(again.summary).toBe('## pcc apply\n\n**No changes. Live state matches the files.** Nothing was applied.\n');
  });
});

describe('pcc apply through the action, when changes fail', () => {
  // Room for 2 relationships in the E2E_PMA: the other creates fail with ServiceQuotaExceeded.
  const h = withEmulator({ idSeed: 5, relationshipQuotaPerPma: 2 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });

  it('fails the step, lists every failure in the summary, and annotates one failure of a kind with a count of the alike', async () => {
    await runner.writeFile('main.yaml', relationshipsYaml(14));
    const run = await runner.run({ command: 'apply', args: `--auto-approve ${FAST}`, env: h.env });

    expect(run.status).toBe(1);
    expect(run.outputs.get('exit-code')).toBe('1');
    expect(run.outputs.get('has-changes')).toBe('true');
    expect(h.state.relationships()).toHaveLength(2);
    expect(run.summary).toContain('**Apply failed: 2 created, 0 updated, 0 deleted, 12 failed.**');
    expect(run.summary).toContain('> **12 changes failed.**');
    const callouts = run.summary
      .split('\n')
      .filter((line) => /^> - create `AWS\/pma-u8ic702rtzng8\/\d{12}` at `relationships\/main\.yaml:\d+`: service quota exceeded/.test(line));
    expect(callouts).toHaveLength(12);
    expect(run.summary.split('\n').filter((line) => line.startsWith('| `✗` **failed** |'))).toHaveLength(12);
    // Twelve failures of one kind (the quota): one annotation that counts the others, and one line on the terminal.
    const errors = annotations(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error file=relationships\/main\.yaml,line=\d+,title=pcc apply%3A create failed::AWS\/pma-u8ic702rtzng8\/\d{12}: service quota exceeded.* \(and 11 more changes failed alike\)$/,
    );
    expect(run.stderr).not.toContain('not shown as annotations');
    expect(run.stderr).toMatch(/✗ 12 changes failed alike, e\.g\. create AWS\/pma-u8ic702rtzng8\/\d{12}: service quota exceeded/);
  });
});

describe('a plan too big for a pull-request comment', () => {
  const h = withEmulator({ idSeed: 6 }, { per: 'test', seed: (e) => void e.state.createPma({ id: E2E_PMA }) });

  it('1,500 creates: stdout stays under 60,000 characters and says what it left out; the summary has all of it', async () => {
    await runner.writeFile('main.yaml', relationshipsYaml(1500));
    const run = await runner.run({ command: 'plan', args: `--format markdown --out pcc-plan.json --detailed-exitcode ${FAST}`, env: h.env });

    expect(run.status, run.stderr).toBe(0);
    expect(run.outputs.get('has-changes')).toBe('true');
    expect(run.stdout.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    const shown = run.stdout.match(/<details>/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(0);
    expect(run.stdout).toContain(`**Left out: ${1500 - shown} of 1500 changes**, to keep this comment under 60000 characters.`);

    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
    expect(run.summary.length).toBeGreaterThan(5 * MARKDOWN_MAX_CHARS);
    expect(run.summary.match(/<details>/g)).toHaveLength(1500);
    expect(run.summary).toContain(`<code>AWS/${E2E_PMA}/${e2eAccount(1499)}</code> will be created`);
    expect(run.summary).not.toContain('Left out');
    expect(run.summary).not.toContain('pcc cut this summary');
    // The comment's prefix is the summary's prefix: both are the same rendering, one cut short.
    const kept = run.stdout.slice(0, run.stdout.indexOf('\n> [!NOTE]'));
    expect(run.summary.startsWith(kept)).toBe(true);
  });

  it('5,000 creates: the summary is cut at 1 MiB with a note, and the log says so', async () => {
    await runner.writeFile('main.yaml', relationshipsYaml(5000));
    const run = await runner.run({ command: 'plan', args: `--format markdown ${FAST}`, env: h.env });

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    const bytes = Buffer.byteLength(run.summary);
    expect(bytes).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
    expect(bytes).toBeGreaterThan(STEP_SUMMARY_LIMIT_BYTES - 4096);
    expect(run.summary).toMatch(/> \[!WARNING\]\n> pcc cut this summary here: the full text is 1\.\d MiB and GitHub shows at most 1 MiB per step\./);
    const opened = run.summary.match(/<details>/g)?.length ?? 0;
    expect(opened).toBeGreaterThan(1500);
    expect(opened).toBeLessThan(5000);
    expect(run.summary.match(/<\/details>/g)).toHaveLength(opened); // the cut closed what it left open
    expect(run.stderr).toContain("pcc: the job summary was cut at GitHub's 1 MiB limit");
  });
});
