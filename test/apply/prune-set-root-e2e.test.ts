/**
 * Issue 10, fault 2: a subfolder is never taken for the whole set. `relationships/main.yaml` and
 * `relationships/team/other.yaml` declare relationships of one PMA; pruning from `relationships/team` would
 * delete what main.yaml declares. --prune runs only with --dir naming the set root (the folder with .pcc-set).
 */
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SET_MARKER } from '../../src/desired/set-root.js';
import { withEmulator } from '../support/emulator.js';
import { createWorkspace, entry, MANAGED, mutatingCalls, pcc, PMA, seedEntry, type Workspace } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 22 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace;
beforeEach(async () => {
  for (const i of [1, 2, 3]) seedEntry(h.emulator, i, { tags: MANAGED });
  ws = await createWorkspace([entry(1)]); // relationships/main.yaml, and the set root marker
  await mkdir(join(ws.cwd, 'relationships', 'team'));
  const other = { catalog: 'AWS', programManagementAccountIdentifier: PMA, relationships: [entry(2)] };
  await writeFile(join(ws.cwd, 'relationships', 'team', 'other.yaml'), stringify(other));
});
afterEach(() => ws.remove());

describe('--prune and the set root', () => {
  it('refuses --prune with --dir naming a subfolder of the set: nothing is read or deleted', async () => {
    const result = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve', '--dir', 'relationships/team']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--prune refused: relationships/team/ is inside the set rooted at relationships/');
    expect(result.stderr).toContain('hint: run with --dir relationships');
    expect(h.state.relationships()).toHaveLength(3);
    expect(mutatingCalls(h.emulator)).toBe(0);
    expect(Object.keys(h.emulator.stats.calls)).toEqual([]);
    // The same from inside the set, with a relative path.
    const inside = await pcc({ ...ws, cwd: join(ws.cwd, 'relationships') }, h.env, ['plan', '--prune', '--dir', 'team']);
    expect(inside.code).toBe(1);
    expect(inside.stderr).toContain('--prune refused: team/ is inside the set rooted at ./');
  });

  it('refuses --prune from a folder that is not marked as a set root', async () => {
    await rm(join(ws.cwd, 'relationships', SET_MARKER));
    const result = await pcc(ws, h.env, ['plan', '--prune']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`relationships/ is not marked as the root of a set of relationship files (no ${SET_MARKER} file in it)`);
    expect(result.stderr).toContain(`create relationships/${SET_MARKER}`);
    // Without --prune nothing needs the whole set: planning from a subfolder still works.
    const sub = await pcc(ws, h.env, ['plan', '--dir', 'relationships/team']);
    expect(sub.code, sub.stderr).toBe(0);
  });

  it('prunes from the set root: only what no file of the whole set declares', async () => {
    const result = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Apply complete: 0 created, 0 updated, 1 deleted, 0 failed.');
    expect(
      h.state
        .relationships()
        .map((r) => r.displayName)
        .sort(),
    ).toEqual(['Customer 1', 'Customer 2']);
  });

  // A folder inside the set that holds a marker of its own is still inside the set: reached through a
  // symbolic link (whose path has no marked folder above it), or under a `.pcc-set` that is not a file.
  it('refuses --prune from a marked subfolder reached through a symbolic link', async () => {
    await writeFile(join(ws.cwd, 'relationships', 'team', SET_MARKER), '');
    await symlink(join(ws.cwd, 'relationships', 'team'), join(ws.cwd, 'team-link'));
    const result = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve', '--dir', 'team-link']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--prune refused: relationships/team/ is inside the set rooted at relationships/');
    expect(h.state.relationships()).toHaveLength(3);
    expect(mutatingCalls(h.emulator)).toBe(0);
  });

  it('a .pcc-set that is a folder marks the set too: a marked subfolder below it is refused', async () => {
    await rm(join(ws.cwd, 'relationships', SET_MARKER));
    await mkdir(join(ws.cwd, 'relationships', SET_MARKER));
    await writeFile(join(ws.cwd, 'relationships', 'team', SET_MARKER), '');
    const result = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve', '--dir', 'relationships/team']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--prune refused: relationships/team/ is inside the set rooted at relationships/');
    expect(h.state.relationships()).toHaveLength(3);
    expect(mutatingCalls(h.emulator)).toBe(0);
    // And the root whose marker is a folder is not a valid root: it says why.
    const root = await pcc(ws, h.env, ['plan', '--prune']);
    expect(root.code).toBe(1);
    expect(root.stderr).toContain(`relationships/${SET_MARKER} is not a file`);
  });
});
