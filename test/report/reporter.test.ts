/**
 * One reporter per run (issue 11, item 4): pickReporter chooses by --format and the environment (the sink knows
 * whether this is GitHub Actions), and the same calls show as text, JSON, or text plus what GitHub shows.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { summarizeOutcomes, type ApplyOutcome } from '../../src/apply/outcome.js';
import type { Problem } from '../../src/diagnostics/diagnostic.js';
import { createRecordingSink } from '../../src/io/sink.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { pickReporter, type ValidateResult } from '../../src/report/reporter.js';

const PROBLEM: Problem = { code: 'schema-enum', severity: 'error', message: 'bad value', file: 'relationships/a.yaml', line: 4, column: 7 };
const RESULT: ValidateResult = { valid: false, files: 1, relationships: 0, problems: [PROBLEM] };
const EMPTY_PLAN = buildPlan(
  { programManagementAccounts: [], relationships: [], scopes: [], files: [], hash: 'h' },
  { relationships: [] },
  { prune: false, allowReplace: false, dir: 'relationships' },
);

function reporter(format: string | undefined, github: boolean, env: Record<string, string> = {}) {
  const sink = createRecordingSink({ github });
  return { sink, reporter: pickReporter({ sink, env, format }) };
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('pickReporter', () => {
  it('terminal: problems as text on stderr, nothing on stdout, no annotation', () => {
    const { sink, reporter: r } = reporter(undefined, false);
    r.problems([PROBLEM]);
    r.validation(RESULT);
    expect(r.format).toBe('text');
    expect(sink.stdout).toBe('');
    expect(sink.stderr).toBe('relationships/a.yaml:4:7: error: bad value\n'.repeat(2));
  });

  it('JSON: the validate result on stdout and nothing else; problems met along the way stay text on stderr', () => {
    const { sink, reporter: r } = reporter('json', false);
    r.validation(RESULT);
    expect(JSON.parse(sink.stdout)).toEqual(RESULT);
    expect(sink.stderr).toBe('');
    r.problems([PROBLEM]);
    expect(sink.stderr).toBe('relationships/a.yaml:4:7: error: bad value\n');
    r.plan(EMPTY_PLAN);
    expect(sink.stdout.slice(sink.stdout.lastIndexOf('\n{') + 1)).toContain('"formatVersion"');
  });

  it('GitHub Actions: what the base shows, then annotations; a stop already shown is not marked twice', () => {
    const { sink, reporter: r } = reporter('json', true);
    r.validation(RESULT);
    expect(JSON.parse(sink.stdout)).toEqual(RESULT);
    expect(sink.stderr).toBe('::error file=relationships/a.yaml,line=4,col=7,title=pcc%3A schema-enum::bad value\n');
    r.stopped('pcc', { code: 'live-read-failed', severity: 'error', message: 'cannot read' });
    r.stopped('pcc', { code: 'live-read-failed', severity: 'error', message: 'again' }, { mark: false });
    expect(sink.stderr.split('\n').slice(1)).toEqual(['pcc: cannot read', '::error title=pcc%3A live-read-failed::cannot read', 'pcc: again', '']);
  });

  it('GitHub Actions: after apply, failure annotations, the job summary and outputs; JSON on stdout with --format json', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcc-reporter-'));
    const env = { GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
    await writeFile(env.GITHUB_OUTPUT, '');
    const failed: ApplyOutcome = {
      kind: 'relationship',
      address: 'AWS/pma-u8ic702rtzng8/111122223333',
      action: 'update',
      status: 'failed',
      error: 'boom',
      source: { file: 'relationships/a.yaml', line: 4 },
    };
    const { sink, reporter: r } = reporter('json', true, env);
    await r.applied(EMPTY_PLAN, { outcomes: [failed], summary: summarizeOutcomes([failed]) });
    expect(sink.stderr).toBe('::error file=relationships/a.yaml,line=4,title=pcc apply%3A update failed::AWS/pma-u8ic702rtzng8/111122223333: boom\n');
    expect(JSON.parse(sink.stdout).summary.failed).toBe(1);
    expect(await readFile(env.GITHUB_OUTPUT, 'utf8')).toBe('has-changes=false\n');
    expect(await readFile(env.GITHUB_STEP_SUMMARY, 'utf8')).toContain('1 change failed.');
  });

  it('outside GitHub Actions, applied writes no step file even when the environment names them', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcc-reporter-'));
    const env = { GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
    const { sink, reporter: r } = reporter('text', false, env);
    await r.applied(EMPTY_PLAN, { outcomes: [], summary: summarizeOutcomes([]) });
    await r.planned(EMPTY_PLAN, 'plan.json');
    expect(sink.stdout + sink.stderr).toBe('');
    await expect(readFile(env.GITHUB_OUTPUT)).rejects.toThrow(/ENOENT/);
  });
});
