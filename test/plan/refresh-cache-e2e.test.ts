/**
 * The refresh cache through the built CLI against the emulator over HTTP: what a warm plan calls, what it shows,
 * when it reads again, and that a cache file it cannot trust is ignored with a warning.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshCacheFile } from '../../src/live/refresh-cache-file.js';
import { accountId, createWorkspace, entry, managedSeed as seedOf, PMA, pcc, type Workspace } from '../support/e2e-helpers.js';
import { withEmulator } from '../support/emulator.js';

const N = 250;
const PAGES = Math.ceil(N / 100);
/**
 * Every plan asks once per catalog for the accepted service periods (one the files no longer declare is reported),
 * and for the catalog's program management accounts (their status, and the PMAs files declare by name).
 */
const REVOKE_CHECK = { ListChannelHandshakes: 1, ListProgramManagementAccounts: 1 };

interface JsonPlan {
  changes: { address: string; action: string; fields: { name: string }[] }[];
  summary: Record<string, number>;
}

describe('pcc plan with the refresh cache', () => {
  const emu = withEmulator({}, { per: 'test' });
  let ws: Workspace;
  let cacheDir: string;

  beforeEach(async () => {
    for (let i = 0; i < N; i++) {
      emu.state.seedRelationship(seedOf(i));
    }
    ws = await createWorkspace(Array.from({ length: N }, (_, i) => entry(i, { resaleAccountModel: 'END_CUSTOMER', tags: { team: 'a' } })));
    cacheDir = join(ws.cwd, 'cache');
  });
  afterEach(() => ws.remove());

  async function plan(args: string[] = []): Promise<{ plan: JsonPlan; stderr: string; calls: Record<string, number> }> {
    emu.emulator.resetStats();
    const result = await pcc(ws, emu.env, ['plan', '--format', 'json', '--cache', cacheDir, ...args]);
    expect(result.code, result.stderr).toBe(0);
    return { plan: JSON.parse(result.stdout) as JsonPlan, stderr: result.stderr, calls: { ...emu.emulator.stats.calls } };
  }

  it('a warm plan makes only the list calls, and says how many reads the cache saved', async () => {
    const cold = await plan();
    expect(cold.calls).toEqual({ ...REVOKE_CHECK, ListRelationships: PAGES, ListTagsForResource: N, GetRelationship: N });
    expect(cold.plan.summary).toMatchObject({ noOp: N, reads: 2 * N, readsSaved: 0 });

    const warm = await plan();
    expect(warm.calls).toEqual({ ...REVOKE_CHECK, ListRelationships: PAGES });
    expect(warm.plan.summary).toMatchObject({ noOp: N, update: 0, reads: 0, readsSaved: 2 * N });

    const text = await pcc(ws, emu.env, ['plan', '--cache', cacheDir]);
    const [refresh, freshness] = text.stdout.trimEnd().split('\n').slice(-2);
    expect(refresh).toBe('Refresh: 0 tag and detail reads made, 500 avoided by the refresh cache.');
    expect(freshness).toMatch(/^Freshness: listed \S+Z; tags of 0 relationships read then, 250 reused from the refresh cache \(read since \S+Z\)\.$/);
  });

  it('reads again exactly the relationships changed out-of-band (10 renamed) and shows them as updates', async () => {
    await plan();
    const renamed = [3, 17, 42, 99, 100, 101, 150, 199, 200, 249];
    for (const i of renamed) {
      const id = emu.state.relationships().find((r) => r.associatedAccountId === accountId(i))?.id as string;
      emu.state.mutateRelationship(id, { displayName: `Renamed ${i}` });
    }
    const warm = await plan();
    // resaleAccountModel never changes for an id: only the tags of the 10 are read again.
    expect(warm.calls).toEqual({ ...REVOKE_CHECK, ListRelationships: PAGES, ListTagsForResource: 10 });
    const updates = warm.plan.changes.filter((c) => c.action === 'update');
    expect(updates.map((c) => c.address).sort()).toEqual(renamed.map((i) => `AWS/${PMA}/${accountId(i)}`).sort());
    expect(updates.every((c) => c.fields.map((f) => f.name).join() === 'displayName')).toBe(true);
    expect(warm.plan.summary).toMatchObject({ update: 10, reads: 10, readsSaved: 2 * N - 10 });
  });

  it('--refresh full reads everything even with a warm cache', async () => {
    await plan();
    const full = await plan(['--refresh', 'full']);
    expect(full.calls).toEqual({ ...REVOKE_CHECK, ListRelationships: PAGES, ListTagsForResource: N, GetRelationship: N });
    expect(full.plan.summary).toMatchObject({ reads: 2 * N, readsSaved: 0 });
  });

  it('is kept in $XDG_CACHE_HOME/pcc by default, as a private file', async () => {
    const home = join(ws.cwd, 'xdg');
    const result = await pcc(ws, { ...emu.env, XDG_CACHE_HOME: home }, ['plan']);
    expect(result.code, result.stderr).toBe(0);
    const files = await readdir(join(home, 'pcc'));
    expect(files).toEqual([expect.stringMatching(/^refresh-[0-9a-f]{16}\.json$/)]);
    expect((await stat(join(home, 'pcc', files[0] as string))).mode & 0o777).toBe(0o600);
  });

  const untrusted: [string, (endpoint: string, valid: string) => string, RegExp][] = [
    ['corrupt', (_e, valid) => valid.slice(0, valid.length / 2), /not valid JSON/],
    ['not a cache', () => '{"formatVersion":1,"changes":[]}', /not a pcc refresh cache/],
    ['another version', (_e, valid) => valid.replace('"version":1', '"version":99'), /version 99/],
    ['another endpoint', (endpoint, valid) => valid.replace(JSON.stringify(endpoint), '"https://elsewhere.example"'), /another endpoint/],
    ['malformed entries', (_e, valid) => valid.replace(/"revision":"1"/g, '"revision":1'), /entries are malformed/],
  ];
  it.each(untrusted)('a cache file that is %s is ignored with a warning, and everything is read', async (_name, spoil, why) => {
    await plan();
    const file = refreshCacheFile(cacheDir, { endpoint: emu.endpoint, region: 'us-east-1' });
    await writeFile(file, spoil(emu.endpoint, await readFile(file, 'utf8')));
    const again = await plan();
    expect(again.stderr).toMatch(why);
    expect(again.stderr).toContain('pcc: warning: ignoring the refresh cache');
    expect(again.calls).toEqual({ ...REVOKE_CHECK, ListRelationships: PAGES, ListTagsForResource: N, GetRelationship: N });
    expect(again.plan.summary).toMatchObject({ noOp: N, readsSaved: 0 });
    // ...and replaced by a good one.
    expect((await plan()).calls).toEqual({ ...REVOKE_CHECK, ListRelationships: PAGES });
  });
});
