/**
 * Issue 10, fault 1: a file whose name holds .yaml/.yml is read or refused, never silently dropped — a
 * dropped file would turn what it declares into deletes with --prune. The built CLI against the emulator.
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { createWorkspace, entry, MANAGED, mutatingCalls, pcc, PMA, seedEntry, type Workspace } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 21 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace;
beforeEach(async () => {
  // Two managed relationships, each declared by main.yaml: renaming it is what the cases below do.
  seedEntry(h.emulator, 1, { tags: MANAGED });
  seedEntry(h.emulator, 2, { tags: MANAGED });
  ws = await createWorkspace([entry(1), entry(2)]);
});
afterEach(() => ws.remove());

const main = () => join(ws.cwd, 'relationships', 'main.yaml');

describe('file names that hold .yaml or .yml', () => {
  it('reads Main.YAML as YAML: nothing is deleted, validate counts it', async () => {
    await rename(main(), join(ws.cwd, 'relationships', 'Main.YAML'));
    const validate = await pcc(ws, h.env, ['validate']);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).toContain('2 relationships in 1 file are valid');
    const applied = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(h.state.relationships()).toHaveLength(2);
    expect(mutatingCalls(h.emulator)).toBe(0);
  });

  it.each(['main.yml~', 'main.yaml.orig', 'main.YML.bak'])('refuses %s: validate, plan --prune and apply --prune exit 1, nothing deleted', async (name) => {
    await rename(main(), join(ws.cwd, 'relationships', name));
    const validate = await pcc(ws, h.env, ['validate']);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(`relationships/${name} is not read: its name holds .yaml or .yml but does not end with it`);
    expect(validate.stderr).toContain('hint: rename it to end in .yaml, or delete it');

    const plan = await pcc(ws, h.env, ['plan', '--prune', '--format', 'json']);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toBe('');
    const applied = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('nothing was read from the API');
    expect(h.state.relationships()).toHaveLength(2);
    expect(mutatingCalls(h.emulator)).toBe(0);
  });

  // Look-alikes: a Cyrillic м, a fullwidth full stop, fullwidth letters, a one-dot leader, a capital I for l,
  // an accented l. Each reads as "main.yaml" to a reviewer; none ends in .yaml, so none would be read.
  it.each(['main.ya\u043cl', 'main\uff0eyaml', 'main.\uff59\uff41\uff4d\uff4c', 'main\u2024yml', 'main.yamI', 'main.yam\u013a'])(
    'refuses the look-alike %s: validate and apply --prune exit 1, nothing deleted',
    async (name) => {
      await rename(main(), join(ws.cwd, 'relationships', name));
      const validate = await pcc(ws, h.env, ['validate']);
      expect(validate.code).toBe(1);
      expect(validate.stderr).toContain(`relationships/${name} is not read: its name looks like a .yaml or .yml name`);
      const applied = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
      expect(applied.code).toBe(1);
      expect(h.state.relationships()).toHaveLength(2);
      expect(mutatingCalls(h.emulator)).toBe(0);
    },
  );

  it('still ignores hidden files and files plainly not YAML', async () => {
    await writeFile(join(ws.cwd, 'relationships', '.main.yaml.swp'), 'not yaml at all: [');
    await writeFile(join(ws.cwd, 'relationships', 'README.md'), '# notes\n');
    const validate = await pcc(ws, h.env, ['validate']);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).toContain('2 relationships in 1 file are valid');
  });
});
