import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, runCli } from '../support/run-cli.js';

/** `pcc pmas` marks the PMAs pcc manages (tag `pcc:managed=true`): the built CLI against the emulator over HTTP. */

const MANAGED = 'pma-managed000001';
const OTHER_VALUE = 'pma-managedyes001';
const HAND_MADE = 'pma-handmade00001';
const SANDBOX = 'pma-sandbox000001';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const e = await startEmulator({ maxPageSize: 2, idSeed: 5, ...options });
  running.push(e);
  e.state.createPma({ id: MANAGED, displayName: 'Managed', tags: { 'pcc:managed': 'true', team: 'emea' } });
  // Only the exact value `true` marks ownership, as for relationships (and as the prune policy's condition reads it).
  e.state.createPma({ id: OTHER_VALUE, displayName: 'Other value', tags: { 'pcc:managed': 'True' } });
  e.state.createPma({ id: HAND_MADE, displayName: 'Hand made' });
  e.state.createPma({ id: SANDBOX, catalog: 'Sandbox', displayName: 'Sandbox managed', tags: { 'pcc:managed': 'true' } });
  return e;
}

const cwd = () => mkdtemp(join(tmpdir(), 'pcc-pmas-'));
const rowOf = (stdout: string, id: string) => stdout.split('\n').find((line) => line.startsWith(id)) ?? '';

interface Listed {
  id: string;
  catalog: string;
  managed: boolean | null;
}

describe('pcc pmas: which PMAs pcc manages', () => {
  it('text: a MANAGED column, yes only for pcc:managed=true; JSON: managed true or false', async () => {
    const e = await emulator();
    const env = emulatorEnv(e.endpoint);
    const text = await runCli(['pmas'], { cwd: await cwd(), env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+CATALOG\s+STATUS\s+PROGRAM\s+ACCOUNT\s+MANAGED\s+DISPLAY NAME$/);
    expect(rowOf(text.stdout, MANAGED)).toMatch(/\syes\s+Managed$/);
    expect(rowOf(text.stdout, OTHER_VALUE)).toMatch(/\sno\s+Other value$/);
    expect(rowOf(text.stdout, HAND_MADE)).toMatch(/\sno\s+Hand made$/);
    expect(rowOf(text.stdout, SANDBOX)).toMatch(/\syes\s+Sandbox managed$/);
    expect(text.stderr).toContain('MANAGED yes: pcc manages it (tagged pcc:managed=true)');
    // Each listed PMA's tags were read once, on its ARN.
    expect(e.stats.calls.ListTagsForResource).toBe(4);

    const json = await runCli(['pmas', '--format', 'json', '--catalog', 'AWS'], { cwd: await cwd(), env });
    expect(json.code, json.stderr).toBe(0);
    const listed = (JSON.parse(json.stdout) as { programManagementAccounts: Listed[] }).programManagementAccounts;
    expect(listed.map(({ id, managed }) => [id, managed]).sort()).toEqual([
      [HAND_MADE, false],
      [MANAGED, true],
      [OTHER_VALUE, false],
    ]);
  });

  it('tags that cannot be read: said on stderr, MANAGED ? and managed null, exit 1; the PMAs are still listed', async () => {
    const e = await emulator({ deny: ['ListTagsForResource'] });
    const env = emulatorEnv(e.endpoint);
    const text = await runCli(['pmas', '--catalog', 'AWS'], { cwd: await cwd(), env });
    expect(text.code).toBe(1);
    for (const id of [MANAGED, OTHER_VALUE, HAND_MADE]) expect(rowOf(text.stdout, id)).toMatch(/\s\?\s+\S/);
    const said = text.stderr.split('\n').filter((line) => line.startsWith('pcc:'));
    // One line for the one cause, naming every PMA it hit and the permission to grant.
    expect(said).toEqual([
      expect.stringMatching(/^pcc: cannot tell whether pcc manages pma-\w+, pma-\w+, pma-\w+ \(MANAGED \?\): cannot read their tags: .*ListTagsForResource/),
    ]);

    const json = await runCli(['pmas', '--format', 'json', '--catalog', 'Sandbox'], { cwd: await cwd(), env });
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { programManagementAccounts: Listed[] }).programManagementAccounts).toEqual([
      expect.objectContaining({ id: SANDBOX, managed: null }),
    ]);
    expect(json.stderr).toContain(`pcc: cannot tell whether pcc manages ${SANDBOX} (MANAGED ?): cannot read its tags`);
  });
});
