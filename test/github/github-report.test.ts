/**
 * The CLI's GitHub wiring in-process: `reportPlanToGithub` / `reportApplyToGithub` (job summary and step
 * outputs, only in Actions, never failing the command) and `renderApplyMarkdown` / `renderApplyAnnotations`
 * (what a summary and annotations say about apply outcomes, with hostile server text made inert).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarizeOutcomes, type ApplyOutcome, type ApplyResult } from '../../src/apply/outcome.js';
import { reportApplyToGithub, reportPlanToGithub, type StepReportContext } from '../../src/report/github-step-report.js';
import { createRecordingSink, type RecordingSink } from '../../src/io/sink.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { MARKDOWN_MAX_CHARS, renderPlan } from '../../src/render/index.js';
import { renderApplyAnnotations } from '../../src/report/github-annotations.js';
import { renderApplyMarkdown } from '../../src/render/render-apply.js';
import { desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';
import { parseOutputFile } from './action-step.js';

const A = 'AWS/pma-u8ic702rtzng8/111122223333';
const OPTIONS = { prune: false, allowReplace: false, dir: 'relationships' };

function planOf(creates: number, noOps = 0): Plan {
  const desired = Array.from({ length: creates + noOps }, (_, i) => desiredEntry(String(100000000000 + i)));
  const live = desired.slice(creates).map((d, i) => liveEntry(d.associatedAccountId, `rs-${String(i).padStart(13, '0')}`, { tags: { ...MANAGED } }));
  return buildPlan(desiredState(desired), { relationships: live }, OPTIONS);
}

let dir: string;
let sink: RecordingSink;
let env: Record<string, string>;
const ctx = (github = true): StepReportContext => {
  sink = createRecordingSink({ github });
  return { sink, env };
};
const outputs = async () => Object.fromEntries(parseOutputFile(await readFile(env.GITHUB_OUTPUT ?? '', 'utf8')));
const summary = () => readFile(env.GITHUB_STEP_SUMMARY ?? '', 'utf8');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pcc-github-report-'));
  env = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  await writeFile(env.GITHUB_OUTPUT!, '');
  await writeFile(env.GITHUB_STEP_SUMMARY!, '');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reportPlanToGithub', () => {
  it('writes nothing outside GitHub Actions, even with the files named in the environment', async () => {
    await reportPlanToGithub(ctx(false), planOf(2), 'pcc-plan.json');
    expect(await readFile(env.GITHUB_OUTPUT!, 'utf8')).toBe('');
    expect(await summary()).toBe('');
    expect(sink.stderr).toBe('');
  });

  it('sets has-changes and plan-file, and puts the whole markdown plan in the summary', async () => {
    const plan = planOf(1, 1);
    await reportPlanToGithub(ctx(), plan, 'out/pcc-plan.json');
    expect(await outputs()).toEqual({ 'has-changes': 'true', 'plan-file': 'out/pcc-plan.json' });
    expect(await summary()).toBe(renderPlan(plan, 'markdown', { color: false }));
  });

  it('has-changes is false for a plan of no-ops, and plan-file empty when nothing was saved', async () => {
    await reportPlanToGithub(ctx(), planOf(0, 2), undefined);
    expect(await outputs()).toEqual({ 'has-changes': 'false', 'plan-file': '' });
    expect(await summary()).toContain('**No changes. Live state matches the files.**');
  });

  it('the summary is not held to the comment cap: every change is there', async () => {
    const plan = planOf(400);
    expect(renderPlan(plan, 'markdown', { color: false }).length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    await reportPlanToGithub(ctx(), plan, undefined);
    const text = await summary();
    expect(text.length).toBeGreaterThan(MARKDOWN_MAX_CHARS);
    expect(text.match(/<details>/g)).toHaveLength(400);
    expect(text).not.toContain('Left out');
  });

  it('a file it cannot write is a warning annotation; the other file is still written', async () => {
    await mkdir(join(dir, 'a-directory'));
    env.GITHUB_OUTPUT = join(dir, 'a-directory');
    await reportPlanToGithub(ctx(), planOf(1), undefined);
    expect(sink.stderr).toMatch(/^::warning title=pcc::cannot write the step outputs \(\$GITHUB_OUTPUT\): EISDIR\n$/);
    expect(await summary()).toContain('## pcc plan');

    env.GITHUB_OUTPUT = join(dir, 'output');
    env.GITHUB_STEP_SUMMARY = join(dir, 'missing-dir', 'summary.md');
    await reportPlanToGithub(ctx(), planOf(1), undefined);
    expect(sink.stderr).toMatch(/^::warning title=pcc::cannot write the job summary \(\$GITHUB_STEP_SUMMARY\): ENOENT\n$/);
    expect((await outputs())['has-changes']).toBe('true');
  });
});

const ok: ApplyOutcome = { kind: 'relationship', address: A, action: 'create', status: 'succeeded', id: 'rs-aaaaaaaaaaaaa' };
const hostile = 'denied <img src=x onerror=alert(1)> | @octocat see #12 ``` \u001b[31mred\u001b[0m\n## heading';
const failed: ApplyOutcome = {
  kind: 'relationship',
  address: A,
  action: 'update',
  status: 'failed',
  id: 'rs-bbbbbbbbbbbbb',
  error: hostile,
  source: { file: 'relationships/a.yaml', line: 4 },
};
const resultOf = (outcomes: ApplyOutcome[]): ApplyResult => ({ outcomes, summary: summarizeOutcomes(outcomes) });

describe('reportApplyToGithub', () => {
  it('puts the outcomes in the summary and sets has-changes from the plan', async () => {
    const result = resultOf([ok]);
    await reportApplyToGithub(ctx(), planOf(1), result);
    expect(await outputs()).toEqual({ 'has-changes': 'true' });
    expect(await summary()).toBe(renderApplyMarkdown(result));
  });

  it('nothing to apply: has-changes false and a one-line summary', async () => {
    await reportApplyToGithub(ctx(), planOf(0, 1), resultOf([]));
    expect(await outputs()).toEqual({ 'has-changes': 'false' });
    expect(await summary()).toBe('## pcc apply\n\n**No changes. Live state matches the files.** Nothing was applied.\n');
  });
});

describe('renderApplyMarkdown', () => {
  const skipped: ApplyOutcome = { kind: 'relationship', address: A, action: 'delete', status: 'skipped', id: 'rs-ccccccccccccc', note: 'already deleted' };
  const replaced: ApplyOutcome = { kind: 'relationship', address: A, action: 'replace', status: 'succeeded', id: 'rs-eeeeeeeeeeeee', replacedId: 'rs-ddddddddddddd' };

  it('summary line, a table row per outcome in order, no failure callout when none failed', () => {
    const text = renderApplyMarkdown(resultOf([ok, replaced, skipped]));
    expect(text.split('\n')).toEqual([
      '## pcc apply: complete',
      '',
      '**Apply complete: 1 created, 0 updated, 1 replaced, 0 deleted, 1 skipped, 0 failed.**',
      '',
      '### Outcomes',
      '',
      '| Result | Address | Action | Id | Details |',
      '| --- | --- | --- | --- | --- |',
      '| `+` done | AWS/pma\\-u8ic702rtzng8/111122223333 | create | rs\\-aaaaaaaaaaaaa |  |',
      '| `-/+` done | AWS/pma\\-u8ic702rtzng8/111122223333 | replace | rs\\-ddddddddddddd → rs\\-eeeeeeeeeeeee |  |',
      '| `·` skipped | AWS/pma\\-u8ic702rtzng8/111122223333 | delete | rs\\-ccccccccccccc | already deleted |',
      '',
    ]);
  });

  it('calls out each failure first, with where it is declared, and makes server text inert', () => {
    const text = renderApplyMarkdown(resultOf([ok, failed]));
    const lines = text.split('\n');
    expect(lines[4]).toBe('> [!CAUTION]');
    expect(lines[5]).toMatch(/^> \*\*1 change failed\.\*\* Run `pcc plan`/);
    expect(lines[7]).toMatch(/^> - update `AWS\/pma-u8ic702rtzng8\/111122223333` at `relationships\/a\.yaml:4`: denied &lt;img/);
    // No raw HTML, no escape sequence, no line break that starts a heading, no live mention or reference,
    // no unescaped pipe to split the table row, no code fence.
    expect(text).not.toContain('<img');
    expect(text).not.toContain('\u001b');
    expect(lines.filter((line) => line.startsWith('#'))).toEqual(['## pcc apply: failed', '### Outcomes']);
    expect(lines[2]).toBe('**Apply failed: 1 created, 0 updated, 0 deleted, 1 failed.**');
    expect(text).not.toMatch(/@octocat|#12/);
    expect(text).not.toMatch(/[^\\]\| @/);
    expect(text).not.toContain('```');
    const row = lines.find((line) => line.startsWith('| `✗` **failed** |')) ?? '';
    expect(row.split(/(?<!\\)\|/)).toHaveLength(7); // exactly five cells between the outer pipes
  });
});

describe('renderApplyMarkdown: the heading says how the apply ended', () => {
  it.each([
    ['complete', resultOf([ok])],
    ['failed', resultOf([ok, failed])],
    // Sent but not proven landed (a create answered, not read back): not complete.
    ['incomplete', resultOf([ok, { ...ok, status: 'unknown', error: 'outcome unknown' }])],
    // Interrupted wins over failed: the changes not started were never sent, whatever else failed.
    ['interrupted', { ...resultOf([ok, failed, { ...ok, status: 'skipped', note: 'not started: apply was interrupted' }]), interrupted: true }],
  ] as const)('%s', (ending, result) => {
    const text = renderApplyMarkdown(result);
    expect(text.startsWith(`## pcc apply: ${ending}\n\n**Apply ${ending}: `)).toBe(true);
    for (const other of ['complete', 'failed', 'incomplete', 'interrupted'].filter((e) => e !== ending)) expect(text).not.toContain(`Apply ${other}`);
  });
});

describe('renderApplyAnnotations', () => {
  it('one annotation per kind of failure: the same error for other ids, accounts or attempt counts', () => {
    const alike = ['rs-aaaaaaaaaaaaa', 'rs-bbbbbbbbbbbbb', 'rs-ccccccccccccc'].map((id, i): ApplyOutcome => ({
      ...failed,
      error: `AccessDenied after ${i + 2} attempts: not authorized on arn:aws:partnercentral:us-east-1:12345678901${i}:catalog/AWS/program-management-account/pma-u8ic702rtzng8/relationship/${id}`,
    }));
    const lines = renderApplyAnnotations(resultOf([...alike, { ...failed, error: 'another cause' }]))
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/AccessDenied after 2 attempts: .*rs-aaaaaaaaaaaaa \(and 2 more changes failed alike\)$/);
    expect(lines[1]).toMatch(/another cause$/);
  });

  it('at most 10, then a line counting the rest', () => {
    // Thirteen kinds of failure (failures that differ only in numbers or ids are one kind: see the next test).
    const many = Array.from({ length: 13 }, (_, i): ApplyOutcome => ({ ...failed, error: `boom ${String.fromCharCode(97 + i)}` }));
    const lines = renderApplyAnnotations(resultOf([ok, ...many]))
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(11);
    expect(lines.slice(0, 10).every((line) => line.startsWith('::error file=relationships/a.yaml,line=4,title=pcc apply%3A update failed::'))).toBe(true);
    expect(lines[9]).toContain('boom j');
    expect(lines[10]).toBe('3 more failed changes not shown as annotations (GitHub shows at most 10 per step); see the list above and the job summary.');
    expect(
      renderApplyAnnotations(resultOf(many.slice(0, 10)))
        .trimEnd()
        .split('\n'),
    ).toHaveLength(10);
  });
});
