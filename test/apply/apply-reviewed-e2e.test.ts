/**
 * Issue 10, fault 5: `pcc apply --reviewed PLANFILE` applies only what was reviewed. It plans fresh and refuses
 * everything (exit 1, nothing written, the differences listed) when the fresh plan has a change the reviewed
 * plan lacks; reviewed changes that have become no-ops are fine.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, MANAGED, mutatingCalls, pcc, PMA, seedEntry, type Workspace } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 25 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace;
let alpha: ReturnType<typeof seedEntry>;
let beta: ReturnType<typeof seedEntry>;
beforeEach(async () => {
  alpha = seedEntry(h.emulator, 1, { displayName: 'Alpha', tags: MANAGED });
  beta = seedEntry(h.emulator, 2, { displayName: 'Beta', tags: MANAGED });
  // The pull request renames Alpha; the plan on it is what reviewers saw.
  ws = await createWorkspace([entry(1, { displayName: 'Alpha Renamed' }), entry(2, { displayName: 'Beta' })]);
  const reviewed = await pcc(ws, h.env, ['plan', '--out', 'reviewed.json']);
  expect(reviewed.code, reviewed.stderr).toBe(0);
});
afterEach(() => ws.remove());

const reviewedApply = (extra: string[] = [], env: Record<string, string> = {}) =>
  pcc(ws, { ...h.env, ...env }, ['apply', '--auto-approve', '--reviewed', 'reviewed.json', ...extra]);

describe('pcc apply --reviewed', () => {
  it('applies the reviewed change when the fresh plan holds nothing else', async () => {
    const result = await reviewedApply();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Apply complete: 0 created, 1 updated, 0 deleted, 0 failed.');
    expect(h.state.getRelationship(alpha.id)?.displayName).toBe('Alpha Renamed');
  });

  it('Beta renamed by hand before the merge: refuses everything, lists Beta, writes nothing', async () => {
    h.state.mutateRelationship(beta.id, { displayName: 'Beta by hand' });
    const result = await reviewedApply();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refusing to apply anything: the fresh plan has changes that are not in the reviewed plan (1):');
    expect(result.stderr).toContain(`~ AWS/${PMA}/${accountId(2)} will be updated in place`);
    expect(result.stderr).toContain('~ displayName: "Beta by hand" → "Beta"');
    expect(result.stderr).not.toContain(`AWS/${PMA}/${accountId(1)} will be`);
    expect(mutatingCalls(h.emulator)).toBe(0);
    expect(h.state.getRelationship(alpha.id)?.displayName).toBe('Alpha');
  });

  it('a reviewed change with other values now (Alpha renamed by hand meanwhile) is refused too', async () => {
    h.state.mutateRelationship(alpha.id, { displayName: 'Alpha by hand' });
    const result = await reviewedApply();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('~ displayName: "Alpha by hand" → "Alpha Renamed"');
    expect(mutatingCalls(h.emulator)).toBe(0);
  });

  it('a reviewed change that has become a no-op is fine', async () => {
    h.state.mutateRelationship(alpha.id, { displayName: 'Alpha Renamed' });
    const result = await reviewedApply();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('No changes.');
    expect(mutatingCalls(h.emulator)).toBe(0);
  });

  it('in GitHub Actions the refusal goes to the job summary and the output refused=true', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pcc-reviewed-gh-'));
    try {
      const summary = join(dir, 'summary.md');
      const output = join(dir, 'output');
      await writeFile(summary, '');
      await writeFile(output, '');
      h.state.mutateRelationship(beta.id, { displayName: 'Beta by hand' });
      const result = await reviewedApply([], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('::error title=pcc');
      const markdown = await readFile(summary, 'utf8');
      expect(markdown).toContain('## pcc apply refused');
      expect(markdown).toContain('~ displayName: "Beta by hand" → "Beta"');
      expect(await readFile(output, 'utf8')).toContain('refused=true');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a reviewed plan that cannot be read, and a saved plan given too, before any API call', async () => {
    const callsBefore = { ...h.emulator.stats.calls };
    await writeFile(join(ws.cwd, 'broken.json'), '{"formatVersion": 1');
    const broken = await pcc(ws, h.env, ['apply', '--auto-approve', '--reviewed', 'broken.json']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('the reviewed plan "broken.json" cannot be used');
    const both = await pcc(ws, h.env, ['apply', '--auto-approve', '--reviewed', 'reviewed.json', 'reviewed.json']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('not both');
    expect(h.emulator.stats.calls).toEqual(callsBefore);
  });
});

describe('pcc apply --reviewed, repeated (the pull requests merged since the last apply, each reviewed)', () => {
  it('applies changes that are each in one of the reviewed plans; refuses with one plan alone; an unreadable one refuses all', async () => {
    // A second pull request, reviewed on its own (on the files without the first), renamed Beta; both are merged.
    await ws.write([entry(1, { displayName: 'Alpha' }), entry(2, { displayName: 'Beta Renamed' })]);
    expect((await pcc(ws, h.env, ['plan', '--out', 'second.json'])).code).toBe(0);
    await ws.write([entry(1, { displayName: 'Alpha Renamed' }), entry(2, { displayName: 'Beta Renamed' })]);

    const alone = await pcc(ws, h.env, ['apply', '--auto-approve', '--reviewed', 'reviewed.json']);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain('~ displayName: "Beta" → "Beta Renamed"');
    const unreadable = await pcc(ws, h.env, ['apply', '--auto-approve', '--reviewed', 'reviewed.json', '--reviewed', 'missing.json']);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain('the reviewed plan "missing.json" cannot be used');
    expect(mutatingCalls(h.emulator)).toBe(0);

    const both = await pcc(ws, h.env, ['apply', '--auto-approve', '--reviewed', 'reviewed.json', '--reviewed', 'second.json']);
    expect(both.code, both.stderr).toBe(0);
    expect(both.stderr).toContain('Apply complete: 0 created, 2 updated, 0 deleted, 0 failed.');
    expect([h.state.getRelationship(alpha.id)?.displayName, h.state.getRelationship(beta.id)?.displayName]).toEqual(['Alpha Renamed', 'Beta Renamed']);
  });
});
