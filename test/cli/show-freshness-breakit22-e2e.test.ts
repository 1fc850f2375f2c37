/**
 * breakit22: `summary.freshness` of a saved plan is text from a file (a plan artifact, a file someone sent): `pcc
 * show` must sanitise it before a terminal or markdown (a pull-request comment, the drift issue) sees it, as every
 * other string of a saved plan is.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createWorkspace, entry, MANAGED, pcc, PMA, seedEntry, type Workspace } from '../support/e2e-helpers.js';
import { runCli } from '../support/run-cli.js';

const h = withEmulator({ idSeed: 72 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

describe('breakit22: pcc show sanitises summary.freshness', () => {
  it('a hostile listedAt / oldestTagsReadAt reaches neither the terminal (escape sequences) nor markdown (raw HTML) as given', async () => {
    seedEntry(h.emulator, 1, { displayName: 'Old', tags: MANAGED });
    ws = await createWorkspace([entry(1), entry(2)]);
    const planned = await pcc(ws, h.env, ['plan', '--out', 'p.json']);
    expect(planned.code, planned.stderr).toBe(0);
    const path = join(ws.cwd, 'p.json');
    const plan = JSON.parse(await readFile(path, 'utf8'));
    expect(plan.summary.freshness).toBeDefined();
    plan.summary.freshness = {
      ...plan.summary.freshness,
      tagsReused: 1,
      listedAt: '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u001b[2J',
      oldestTagsReadAt: '</sub><img src=x onerror=alert(1)>[approve](https://evil.example)',
    };
    await writeFile(path, JSON.stringify(plan), 'utf8');

    const text = await runCli(['show', 'p.json'], { cwd: ws.cwd });
    expect(text.code, text.stderr).toBe(0);
    expect.soft(text.stdout).not.toContain('\u001b]8');
    expect.soft(text.stdout).not.toContain('\u001b[2J');
    const md = await runCli(['show', 'p.json', '--format', 'markdown'], { cwd: ws.cwd });
    expect(md.code, md.stderr).toBe(0);
    expect.soft(md.stdout).not.toContain('<img');
    expect.soft(md.stdout).not.toContain('\u001b');
  });
});
