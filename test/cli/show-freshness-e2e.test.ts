/**
 * `summary.freshness` of a saved plan is text from a file (a plan artifact, a file someone sent), through the built
 * CLI: the schema refuses a plan whose freshness times are not ISO 8601 UTC times or whose counts are not whole
 * numbers (`pcc show` and `pcc apply` alike, exit 1, nothing printed as given), and the renderers print only times
 * and numbers they recognise (test/render/render-plan.test.ts), so neither a terminal nor markdown sees it raw.
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

const OSC_AND_CLEAR = '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u001b[2J';
const HTML = '</sub><img src=x onerror=alert(1)>[approve](https://evil.example)';

describe('pcc show: summary.freshness of a saved plan', () => {
  async function savedPlan(): Promise<{ path: string; plan: { summary: { freshness: Record<string, unknown> } } }> {
    seedEntry(h.emulator, 1, { displayName: 'Old', tags: MANAGED });
    ws = await createWorkspace([entry(1), entry(2)]);
    const planned = await pcc(ws, h.env, ['plan', '--out', 'p.json']);
    expect(planned.code, planned.stderr).toBe(0);
    const path = join(ws.cwd, 'p.json');
    const plan = JSON.parse(await readFile(path, 'utf8'));
    expect(plan.summary.freshness).toBeDefined();
    return { path, plan };
  }

  it('shows a plan it wrote itself with its freshness line, in text and markdown', async () => {
    const { plan } = await savedPlan();
    const minute = `${(plan.summary.freshness.listedAt as string).slice(0, 16)}Z`;
    const text = await runCli(['show', 'p.json'], { cwd: ws!.cwd });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Freshness: listed ${minute};`);
    const md = await runCli(['show', 'p.json', '--format', 'markdown'], { cwd: ws!.cwd });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain(`<sub>Freshness: listed ${minute};`);
  });

  for (const [field, value] of [
    ['listedAt', OSC_AND_CLEAR],
    ['oldestTagsReadAt', HTML],
    ['listedAt', '2026-12-08'],
    ['tagsReadNow', -1],
    ['tagsReused', 1.5],
    ['verifyEvery', 0],
  ] as const) {
    it(`refuses a saved plan whose freshness.${field} is ${JSON.stringify(value)}: exit 1, the field named, nothing of it printed as given`, async () => {
      const { path, plan } = await savedPlan();
      plan.summary.freshness = { ...plan.summary.freshness, tagsReused: 1, [field]: value };
      await writeFile(path, JSON.stringify(plan), 'utf8');
      for (const format of ['text', 'markdown']) {
        const shown = await runCli(['show', 'p.json', '--format', format], { cwd: ws!.cwd });
        expect(shown.code, shown.stdout + shown.stderr).toBe(1);
        expect(shown.stdout).toBe('');
        expect(shown.stderr).toContain(field);
        for (const output of [shown.stdout, shown.stderr]) {
          expect(output).not.toContain('\u001b');
          expect(output).not.toContain('<img');
        }
      }
    });
  }
});
