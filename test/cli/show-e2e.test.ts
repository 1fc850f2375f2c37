/**
 * Issue 18, item 5: `pcc show PLANFILE [--format text|markdown|json]` prints a saved plan exactly as `pcc plan`
 * printed it when it saved it, offline (no credentials, no endpoint, no API call), and refuses a file that is not a
 * plan with the saved-plan problem codes. End to end: built CLI (the plan made against the emulator).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createWorkspace, entry, FAST, MANAGED, pcc, PMA, seedEntry, type Workspace } from '../support/e2e-helpers.js';
import { runCli } from '../support/run-cli.js';

const h = withEmulator({ idSeed: 71 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

const apiCalls = () => Object.values(h.emulator.stats.calls).reduce((sum, n) => sum + n, 0);
/** `pcc show` with no AWS endpoint, credentials or region at all: it must not need them. */
const show = (args: string[]) => runCli([...FAST, 'show', ...args], { cwd: ws!.cwd, env: { GITHUB_ACTIONS: 'true' } });

describe('pcc show PLANFILE', () => {
  it('prints the saved plan in text, markdown and json as pcc plan printed it, offline', async () => {
    seedEntry(h.emulator, 1, { displayName: 'Old', tags: MANAGED });
    ws = await createWorkspace([entry(1), entry(2)]);
    for (const format of ['text', 'markdown', 'json']) {
      const planned = await pcc(ws, h.env, ['plan', '--format', format, '--out', `${format}.json`]);
      expect(planned.code, planned.stderr).toBe(0);
      const before = apiCalls();
      const shown = await runCli([...FAST, 'show', `${format}.json`, '--format', format], { cwd: ws.cwd });
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout, format).toBe(planned.stdout);
      expect(apiCalls() - before).toBe(0);
    }
    const text = await runCli(['show', 'text.json'], { cwd: ws.cwd });
    expect(text.stdout).toContain('will be created');
    expect(text.stdout).toContain('Plan: 1 to create, 1 to update, 0 to delete.');
  });

  it('refuses a file that is not a plan, with the saved-plan codes, exit 1, nothing on stdout', async () => {
    ws = await createWorkspace([entry(1)]);
    await writeFile(join(ws.cwd, 'broken.json'), '{"formatVersion": 1, "chan', 'utf8');
    await writeFile(join(ws.cwd, 'other.json'), '{"name": "not a plan"}', 'utf8');
    const cases: Array<[string, string, string]> = [
      ['missing.json', 'saved-plan-unreadable', 'does not exist'],
      ['broken.json', 'saved-plan-not-a-plan', 'is not valid JSON'],
      ['other.json', 'saved-plan-not-a-plan', 'is not a pcc plan'],
      ['relationships', 'saved-plan-unreadable', 'is not a regular file'],
    ];
    for (const [file, code, words] of cases) {
      const result = await show([file]);
      expect(result.code, file).toBe(1);
      expect(result.stdout, file).not.toContain('## pcc plan');
      // In GitHub Actions the refusal is an annotation titled with its code.
      expect(result.stdout + result.stderr, file).toContain(`::error title=pcc%3A ${code}::`);
      expect(result.stderr, file).toContain(words);
    }
  });
});
