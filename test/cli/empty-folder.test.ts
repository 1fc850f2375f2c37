import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

const server = withEmulator();

describe('an empty relationships folder', () => {
  it('plan says that nothing is declared, not that live state matches the files', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-empty-'));
    await mkdir(join(cwd, 'relationships'));
    const result = await runCli(['plan'], { cwd, env: emulatorEnv(server.emulator.endpoint) });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('No changes: the files declare no relationship, and none is live in a PMA they name.');
    expect(result.stderr).toContain('warning: no .yaml or .yml files under relationships/');
  });
});
