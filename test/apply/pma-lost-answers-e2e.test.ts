/**
 * A PMA's writes under lost answers (the emulator commits, then destroys the connection) and 500s: apply ends
 * with one PMA per address and one handshake, whatever was lost. Each test loses the first answer of one
 * operation (or fails it with a 500), then the emulator answers normally.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { withEmulator } from '../support/emulator.js';
import { pcc, PMA, type Workspace, workspaceForTest } from '../support/e2e-helpers.js';

let emulator: RunningEmulator | undefined;
const hit: string[] = [];
/** Each fault hits once (the first answer), unless a test keeps it. */
let keepFaults = false;
const h = withEmulator(
  {
    idSeed: 22,
    onRequest: (request) => {
      if (!request.dropped && request.status < 500) return;
      hit.push(request.operation);
      if (!keepFaults) emulator?.setFaults(undefined);
    },
  },
  {
    per: 'test',
    seed: (e) => {
      emulator = e;
      // The PMA the workspace's relationships document names (made in the console long ago).
      e.state.createPma({ id: PMA });
    },
  },
);
afterEach(() => {
  hit.length = 0;
  keepFaults = false;
});

const EMEA = '111122223333';
const declared = () => h.state.pmas().filter((p) => p.id !== PMA);

async function declare(ws: Workspace, displayName = 'EMEA'): Promise<void> {
  const pmas = [{ name: 'emea', program: 'DISTRIBUTION', accountId: EMEA, displayName }];
  await writeFile(join(ws.cwd, 'relationships', 'pmas.yaml'), stringify({ catalog: 'AWS', programManagementAccounts: pmas }), 'utf8');
}

async function created(): Promise<Workspace> {
  const ws = await workspaceForTest([]);
  await declare(ws);
  return ws;
}

describe('a PMA under lost answers and 500s', () => {
  it.each([
    ['CreateProgramManagementAccount', { dropAfterCommitRate: 1 }],
    ['CreateChannelHandshake', { dropAfterCommitRate: 1 }],
    ['CreateChannelHandshake', { internalErrorRate: 1 }],
  ] as const)('%s %o: one PMA, one handshake, exit 0; a rerun sends nothing', async (operation, fault) => {
    const ws = await created();
    h.emulator.setFaults({ ...fault, operations: [operation] });
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(hit).toEqual([operation]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(declared()).toHaveLength(1);
    expect(h.state.handshakes()).toEqual([expect.objectContaining({ associatedResourceId: declared()[0]?.id, status: 'PENDING' })]);
    const again = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(again.code, again.stderr).toBe(0);
    expect(declared()).toHaveLength(1);
    expect(h.state.handshakes()).toHaveLength(1);
  });

  it('UpdateProgramManagementAccount whose answer is lost: the 409 of the retry is re-read and counted a success', async () => {
    const ws = await created();
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    await declare(ws, 'EMEA new');
    h.emulator.setFaults({ dropAfterCommitRate: 1, operations: ['UpdateProgramManagementAccount'] });
    const renamed = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(hit).toEqual(['UpdateProgramManagementAccount']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(declared()[0]).toMatchObject({ displayName: 'EMEA new' });
  });

  it('a handshake that keeps failing: the PMA is made, apply fails naming it; the next apply sends the one handshake', async () => {
    const ws = await created();
    keepFaults = true;
    h.emulator.setFaults({ internalErrorRate: 1, operations: ['CreateChannelHandshake'] });
    const failed = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(failed.code).toBe(1);
    const [made] = declared();
    expect(failed.stdout + failed.stderr).toContain(`created ${made?.id}, but its handshake was not sent`);
    expect(h.state.handshakes()).toEqual([]);

    h.emulator.setFaults(undefined);
    const due = await pcc(ws, h.env, ['plan']);
    expect(due.stdout).toContain(`a PROGRAM_MANAGEMENT_ACCOUNT handshake to account ${EMEA} will be sent`);
    const sent = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(sent.code, sent.stderr).toBe(0);
    expect(declared()).toHaveLength(1);
    expect(h.state.handshakes()).toEqual([expect.objectContaining({ associatedResourceId: made?.id, status: 'PENDING' })]);
  });
});
