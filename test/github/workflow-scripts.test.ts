/**
 * The actions/github-script steps of the workflows, run as github-script runs them (an async function
 * given `require`, `github`, `context`, `core`), against a recording fake of the GitHub REST API.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScript, scriptOf } from './github-script.js';

const RUN_URL = 'https://github.com/acme/channel/actions/runs/123';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pcc-scripts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the sticky plan comment (pcc-pull-request.yml)', () => {
  const script = scriptOf('pcc-pull-request.yml', 'comment');
  const marker = '<!-- pcc-gitops:plan -->';
  const env = (over: Record<string, string> = {}) => ({
    VALIDATE_RESULT: 'success',
    PLAN_RESULT: 'success',
    PLAN_MARKDOWN: join(dir, 'plan.md'),
    HEAD_SHA: '0123456789abcdef0123456789abcdef01234567',
    RUN_URL,
    ...over,
  });

  it('creates the comment with the plan, a hidden marker and the commit on the first push', async () => {
    await writeFile(join(dir, 'plan.md'), '### pcc plan: 1 to create\n');
    const { writes } = await runScript(script, env(), []);
    expect(writes()).toHaveLength(1);
    const [call] = writes();
    expect(call?.method).toBe('createComment');
    expect(call?.params).toMatchObject({ owner: 'acme', repo: 'channel', issue_number: 7 });
    const body = String(call?.params.body);
    expect(body.startsWith(`${marker}\n### pcc plan: 1 to create`)).toBe(true);
    expect(body).toContain('For 0123456');
    expect(body).toContain(RUN_URL);
  });

  it('edits its own comment on later pushes instead of adding one', async () => {
    await writeFile(join(dir, 'plan.md'), '### pcc plan: no changes\n');
    const existing = [
      { id: 10, body: 'LGTM', user: { type: 'User' } },
      { id: 11, body: `${marker}\nold plan`, user: { type: 'Bot' } },
    ];
    const { writes } = await runScript(script, env(), existing);
    expect(writes().map((c) => c.method)).toEqual(['updateComment']);
    expect(writes()[0]?.params).toMatchObject({ comment_id: 11 });
    expect(String(writes()[0]?.params.body)).toContain('no changes');
  });

  it("ignores a person's comment that copies the marker", async () => {
    await writeFile(join(dir, 'plan.md'), 'plan\n');
    const { writes } = await runScript(script, env(), [{ id: 12, body: `${marker}\nfake`, user: { type: 'User' } }]);
    expect(writes().map((c) => c.method)).toEqual(['createComment']);
  });

  it('says validation failed, replacing an older plan, when validate failed', async () => {
    const existing = [{ id: 11, body: `${marker}\nold plan`, user: { type: 'Bot' } }];
    const { writes } = await runScript(script, env({ VALIDATE_RESULT: 'failure', VALIDATED: 'failure', PLAN_RESULT: 'skipped' }), existing);
    expect(writes().map((c) => c.method)).toEqual(['updateComment']);
    const body = String(writes()[0]?.params.body);
    expect(body).toContain('did not validate');
    expect(body).not.toContain('old plan');
  });

  it('says the plan failed, with whatever plan it printed', async () => {
    await writeFile(join(dir, 'plan.md'), '| AWS/pma-x/111122223333 | replace (blocked) |\n');
    const { writes } = await runScript(script, env({ PLAN_RESULT: 'failure' }), []);
    const body = String(writes()[0]?.params.body);
    expect(body).toContain('the plan failed');
    expect(body).toContain('replace (blocked)');
  });

  it('says the plan failed when it printed nothing', async () => {
    const { writes } = await runScript(script, env({ PLAN_RESULT: 'failure' }), []);
    expect(String(writes()[0]?.params.body)).toContain(`the plan failed\n\nDetails are in the [run](${RUN_URL})`);
  });

  it('keeps the comment under GitHub’s 65,536-character limit', async () => {
    await writeFile(join(dir, 'plan.md'), 'x'.repeat(70_000));
    const { writes } = await runScript(script, env(), []);
    const body = String(writes()[0]?.params.body);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('cut to fit a comment');
  });
});

describe('the drift issue (pcc-drift.yml)', () => {
  const script = scriptOf('pcc-drift.yml', 'report');
  const marker = '<!-- pcc-gitops:drift -->';
  const env = (exitCode: string) => ({ EXIT_CODE: exitCode, PLAN_MARKDOWN: join(dir, 'plan.md'), RUN_URL });
  const openIssue = { id: 900, number: 5, body: `${marker}\nold`, user: { type: 'Bot' } };

  it('opens one issue with the plan when live state differs', async () => {
    await writeFile(join(dir, 'plan.md'), '~ AWS/pma-x/111122223333 displayName\n');
    const { writes, calls } = await runScript(script, env('2'), []);
    expect(calls[0]).toMatchObject({ method: 'listForRepo', params: { state: 'open' } });
    expect(writes().map((c) => c.method)).toEqual(['create']);
    const params = writes()[0]?.params ?? {};
    expect(params.title).toBe('pcc: live relationships differ from the files');
    expect(String(params.body).startsWith(marker)).toBe(true);
    expect(String(params.body)).toContain('~ AWS/pma-x/111122223333 displayName');
  });

  it('updates the open issue while the drift lasts', async () => {
    await writeFile(join(dir, 'plan.md'), 'newer plan\n');
    const { writes } = await runScript(script, env('2'), [openIssue]);
    expect(writes().map((c) => c.method)).toEqual(['update']);
    expect(writes()[0]?.params).toMatchObject({ issue_number: 5 });
    expect(String(writes()[0]?.params.body)).toContain('newer plan');
    expect(writes()[0]?.params.state).toBeUndefined();
  });

  it('comments and closes the issue when live state matches again', async () => {
    const { writes } = await runScript(script, env('0'), [openIssue]);
    expect(writes().map((c) => c.method)).toEqual(['createComment', 'update']);
    expect(writes()[0]?.params).toMatchObject({ issue_number: 5 });
    expect(writes()[1]?.params).toMatchObject({ issue_number: 5, state: 'closed', state_reason: 'completed' });
  });

  it('does nothing when there is no drift and no issue', async () => {
    const { writes, logs } = await runScript(script, env('0'), []);
    expect(writes()).toEqual([]);
    expect(logs).toEqual(['no drift, no open drift issue']);
  });

  it('ignores pull requests and issues people wrote, even with the marker', async () => {
    await writeFile(join(dir, 'plan.md'), 'plan\n');
    const others = [
      { id: 1, number: 1, body: `${marker}\n`, user: { type: 'Bot' }, pull_request: {} },
      { id: 2, number: 2, body: `${marker}\n`, user: { type: 'User' } },
    ];
    const { writes } = await runScript(script, env('2'), others);
    expect(writes().map((c) => c.method)).toEqual(['create']);
    const closing = await runScript(script, env('0'), others);
    expect(closing.writes()).toEqual([]);
  });

  it('links the run when the plan file is missing', async () => {
    const { writes } = await runScript(script, env('2'), []);
    expect(String(writes()[0]?.params.body)).toContain(`The plan is in the [run](${RUN_URL}).`);
  });
});
