/**
 * Issue 18, item 5: applying a saved plan is the reviewed step, as terraform's `apply PLANFILE`: no second question,
 * on a terminal or not, with or without --auto-approve. Plan-and-apply keeps asking on a terminal, and refuses
 * without --auto-approve elsewhere. Built CLI → SDK → emulator; the terminal is a real pseudo-terminal.
 */
import { describe, expect, it } from 'vitest';
import { CONFIRM_QUESTION } from '../../src/apply/confirm.js';
import { withEmulator } from '../support/emulator.js';
import { entry, FAST, mutatingCalls, pcc, PMA, relationshipAt, workspaceForTest } from '../support/e2e-helpers.js';
import { runCliInPty } from '../support/pty.js';

const h = withEmulator({ idSeed: 77 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

describe('pcc apply PLANFILE does not ask again', () => {
  it('without a terminal and without --auto-approve: the saved plan is applied; plan-and-apply is refused', async () => {
    const ws = await workspaceForTest([entry(1)]);
    const refused = await pcc(ws, h.env, ['apply']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refusing to apply without --auto-approve: stdin is not a terminal');
    expect(mutatingCalls(h.emulator)).toBe(0);

    expect((await pcc(ws, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const applied = await pcc(ws, h.env, ['apply', 'plan.json']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).not.toContain(CONFIRM_QUESTION);
    expect(applied.stderr).toContain('Apply complete: 1 created');
    expect(relationshipAt(h.emulator, 1)).toBeDefined();
  });

  it('on a terminal: the saved plan is applied without a question; plan-and-apply asks and "no" changes nothing', async () => {
    const ws = await workspaceForTest([entry(1)]);
    const asked = runCliInPty([...FAST, 'apply'], { cwd: ws.cwd, env: { ...h.env, NO_COLOR: '1' } });
    await asked.waitFor(/Only "yes" will be accepted/);
    asked.type('no\r');
    expect(await asked.exited).toBe(1);
    expect(asked.screen()).toContain('Apply cancelled: nothing was changed.');
    expect(mutatingCalls(h.emulator)).toBe(0);

    expect((await pcc(ws, h.env, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const saved = runCliInPty([...FAST, 'apply', 'plan.json'], { cwd: ws.cwd, env: { ...h.env, NO_COLOR: '1' } });
    expect(await saved.exited, saved.screen()).toBe(0);
    expect(saved.screen()).not.toContain('Only "yes" will be accepted');
    expect(saved.screen()).toContain('Apply complete: 1 created');
    expect(relationshipAt(h.emulator, 1)).toBeDefined();
  });
});
