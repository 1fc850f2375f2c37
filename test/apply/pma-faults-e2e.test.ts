/**
 * Program management accounts under faults, end to end (issue 21, "Done when"): throttles, 500s and dropped
 * answers on the PMA operations and CreateChannelHandshake, and apply SIGKILLed at several points, each followed
 * by a rerun. In the end: one PMA and one PROGRAM_MANAGEMENT_ACCOUNT handshake per address. The emulator forgets
 * client tokens and would take a second pending handshake for one PMA (the model promises neither), and accepts
 * relationships under a PENDING PMA, so a relationship pcc wrongly attempts would show.
 */
import { describe, expect, it } from 'vitest';
import type { RequestLogEntry, RunningEmulator } from '../../src/emulator/index.js';
import { withEmulator } from '../support/emulator.js';
import { entry, pcc, workspaceForTest } from '../support/e2e-helpers.js';
import {
  namedDocument,
  pmaAddress,
  pmaAt,
  type PmaDeclaration,
  pmaDocument,
  pmaHandshakesPerPma,
  pmasPerAddress,
  startKillable,
  writeDocuments,
} from '../support/pma-e2e.js';

/** Many CLI runs in one test: room for a loaded machine (2 cores shared). */
const RUNS_TIMEOUT = 240_000;
const ENVELOPE = { clientTokenTtlMs: 0, duplicateHandshakes: true, pendingPmaRelationships: 'accept' } as const;
const PROGRAMS = ['SOLUTION_PROVIDER', 'DISTRIBUTION', 'DISTRIBUTION_SELLER'] as const;
const PMAS: PmaDeclaration[] = Array.from({ length: 4 }, (_, i) => ({
  name: `region-${i}`,
  program: PROGRAMS[i % PROGRAMS.length] ?? 'DISTRIBUTION',
  accountId: String(210000000100 + i),
  displayName: `Region ${i}`,
}));
const PMA_OPERATIONS = [
  'CreateProgramManagementAccount',
  'UpdateProgramManagementAccount',
  'DeleteProgramManagementAccount',
  'ListProgramManagementAccounts',
  'CreateChannelHandshake',
  'ListChannelHandshakes',
  'TagResource',
];

/** Exactly one PMA at each declared address and nothing else, and exactly one handshake (ever) for each. */
function expectOnePmaAndHandshakeEach(emulator: RunningEmulator, pmas: PmaDeclaration[]) {
  expect([...pmasPerAddress(emulator)].sort()).toEqual(pmas.map((pma) => [pmaAddress(pma), 1]).sort());
  const handshakes = pmaHandshakesPerPma(emulator);
  expect(pmas.map((pma) => handshakes.get(pmaAt(emulator, pma)?.id ?? 'none'))).toEqual(pmas.map(() => 1));
}

describe('faults on the PMA operations and CreateChannelHandshake', () => {
  const h = withEmulator({ idSeed: 22, ...ENVELOPE }, { per: 'test' });
  /** Applies until it succeeds: a change may fail when the faults outlast pcc's attempts; a rerun finishes it. */
  async function applyUntilDone(cwd: Awaited<ReturnType<typeof workspaceForTest>>, args: string[] = []) {
    const outputs: string[] = [];
    for (let run = 0; run < 5; run++) {
      const result = await pcc(cwd, h.env, ['apply', '--auto-approve', ...args]);
      if (result.code === 0) return;
      outputs.push(result.stderr);
    }
    throw new Error(`apply did not converge in 5 runs:\n${outputs.join('\n---\n')}`);
  }

  for (const [kind, faults, injected] of [
    ['throttles', { throttleRate: 0.3 }, 'throttle'],
    ['500s', { internalErrorRate: 0.5 }, 'internalError'],
    ['dropped answers', { dropAfterCommitRate: 0.5 }, 'dropAfterCommit'],
  ] as const) {
    it(
      `${kind}: create, rename and prune leave one PMA and one handshake per address`,
      async () => {
        const ws = await workspaceForTest();
        await writeDocuments(ws, [pmaDocument(PMAS), namedDocument('region-0', [entry(1)])]);
        h.emulator.setFaults({ ...faults, seed: 5, operations: PMA_OPERATIONS });
        await applyUntilDone(ws);
        expectOnePmaAndHandshakeEach(h.emulator, PMAS);
        expect(h.state.pmas().map((pma) => [pma.status, pma.tags['pcc:managed']])).toEqual(PMAS.map(() => ['PENDING', 'true']));

        const renamed = PMAS.map((pma) => ({ ...pma, displayName: `${pma.displayName} renamed` }));
        await writeDocuments(ws, [pmaDocument(renamed), namedDocument('region-0', [entry(1)])]);
        await applyUntilDone(ws);
        expect(renamed.map((pma) => pmaAt(h.emulator, pma)?.displayName)).toEqual(renamed.map((pma) => pma.displayName));

        const kept = renamed.slice(0, 2);
        await writeDocuments(ws, [pmaDocument(kept), namedDocument('region-0', [entry(1)])]);
        await applyUntilDone(ws, ['--prune']);
        h.emulator.setFaults(undefined);
        expect(h.emulator.stats.injected[injected]).toBeGreaterThan(0);
        expectOnePmaAndHandshakeEach(h.emulator, kept);
        // The relationship waited throughout, although this service would have taken it.
        expect(h.state.relationships()).toEqual([]);
        const plan = await pcc(ws, h.env, ['plan', '--prune', '--detailed-exitcode']);
        expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      },
      RUNS_TIMEOUT,
    );
  }
});

describe('one fault on each PMA write, struck once (then lifted)', () => {
  let struck: string[] = [];
  let target: { operation: string; fault: 'dropped' | '500' } | undefined;
  const once = withEmulator(
    {
      idSeed: 25,
      ...ENVELOPE,
      onRequest: (answer) => {
        if (!target || answer.operation !== target.operation) return;
        if ((target.fault === 'dropped' && answer.dropped) || (target.fault === '500' && answer.status === 500)) {
          struck.push(answer.operation);
          once.emulator.setFaults(undefined);
          target = undefined;
        }
      },
    },
    { per: 'test' },
  );
  const [ONE, TWO] = PMAS as [PmaDeclaration, PmaDeclaration];
  /** Arms the fault on `operation`, then applies until done (at most 3 runs). */
  async function applyWithFault(ws: Awaited<ReturnType<typeof workspaceForTest>>, operation: string, fault: 'dropped' | '500', args: string[] = []) {
    struck = [];
    target = { operation, fault };
    once.emulator.setFaults({ ...(fault === 'dropped' ? { dropAfterCommitRate: 1 } : { internalErrorRate: 1 }), operations: [operation] });
    const outputs: string[] = [];
    for (let run = 0; run < 3; run++) {
      const result = await pcc(ws, once.env, ['apply', '--auto-approve', ...args]);
      outputs.push(result.stderr);
      if (result.code === 0) break;
    }
    once.emulator.setFaults(undefined);
    expect(struck, outputs.join('\n---\n')).toEqual([operation]);
    const plan = await pcc(ws, once.env, ['plan', '--prune', '--detailed-exitcode']);
    expect(plan.code, `${outputs.join('\n---\n')}\n${plan.stdout}${plan.stderr}`).toBe(0);
  }

  for (const fault of ['dropped', '500'] as const) {
    it(
      `${fault}: CreateProgramManagementAccount and CreateChannelHandshake`,
      async () => {
        const ws = await workspaceForTest();
        await writeDocuments(ws, [pmaDocument([ONE])]);
        await applyWithFault(ws, 'CreateProgramManagementAccount', fault);
        await writeDocuments(ws, [pmaDocument([ONE, TWO])]);
        await applyWithFault(ws, 'CreateChannelHandshake', fault);
        expectOnePmaAndHandshakeEach(once.emulator, [ONE, TWO]);
      },
      RUNS_TIMEOUT,
    );

    it(
      `${fault}: UpdateProgramManagementAccount (a rename) and DeleteProgramManagementAccount (a prune)`,
      async () => {
        const ws = await workspaceForTest();
        await writeDocuments(ws, [pmaDocument([ONE, TWO])]);
        expect((await pcc(ws, once.env, ['apply', '--auto-approve'])).code).toBe(0);
        const renamed = { ...ONE, displayName: 'Renamed once' };
        await writeDocuments(ws, [pmaDocument([renamed, TWO])]);
        await applyWithFault(ws, 'UpdateProgramManagementAccount', fault);
        expect(pmaAt(once.emulator, ONE)?.displayName).toBe('Renamed once');
        await writeDocuments(ws, [pmaDocument([renamed])]);
        await applyWithFault(ws, 'DeleteProgramManagementAccount', fault, ['--prune']);
        expect(pmaAt(once.emulator, TWO)).toBeUndefined();
        expectOnePmaAndHandshakeEach(once.emulator, [ONE]);
      },
      RUNS_TIMEOUT,
    );

    it(
      `${fault}: TagResource when adopting a PMA made out of band`,
      async () => {
        const made = once.state.createPma({ catalog: 'AWS', program: ONE.program, accountId: ONE.accountId, displayName: ONE.displayName });
        const ws = await workspaceForTest();
        await writeDocuments(ws, [pmaDocument([ONE])]);
        await applyWithFault(ws, 'TagResource', fault);
        expect(once.state.pmas().map((pma) => [pma.id, pma.tags['pcc:managed']])).toEqual([[made.id, 'true']]);
        expect(once.emulator.stats.calls.CreateProgramManagementAccount).toBeUndefined();
      },
      RUNS_TIMEOUT,
    );
  }
});

describe('apply SIGKILLed mid-way, then run again', () => {
  let onAnswer: ((answer: RequestLogEntry) => void) | undefined;
  const k = withEmulator({ idSeed: 23, ...ENVELOPE, onRequest: (answer) => onAnswer?.(answer) }, { per: 'test' });
  const THREE = PMAS.slice(0, 3);

  for (const [point, operation, nth] of [
    ['the first PMA was created, before pcc read the answer (no handshake yet)', 'CreateProgramManagementAccount', 1],
    ['the first handshake was sent, before pcc read the answer', 'CreateChannelHandshake', 1],
    ['the second PMA was created, after the work on the first', 'CreateProgramManagementAccount', 2],
    ['the second handshake was sent, after the first was answered', 'CreateChannelHandshake', 2],
  ] as const) {
    it(
      `killed once ${point}: the rerun ends with one PMA and one handshake per address`,
      async () => {
        const ws = await workspaceForTest();
        await writeDocuments(ws, [pmaDocument(THREE), namedDocument('region-0', [entry(1)])]);
        const run = startKillable(ws, k.env, ['apply', '--auto-approve']);
        let seen = 0;
        // Runs after the request was performed and before its answer is written: pcc never reads it.
        onAnswer = (answer) => {
          if (answer.operation === operation && answer.status === 200 && ++seen === nth) run.kill();
        };
        const output = await run.ended;
        onAnswer = undefined;
        expect(output).toContain('[exit SIGKILL]');
        // One request at a time: the kill came exactly there.
        if (operation === 'CreateProgramManagementAccount') expect(k.state.pmas()).toHaveLength(nth);
        else expect(k.state.handshakes()).toHaveLength(nth);
        expect(k.state.handshakes().length).toBeLessThan(THREE.length);

        const rerun = await pcc(ws, k.env, ['apply', '--auto-approve']);
        expect(rerun.code, rerun.stderr).toBe(0);
        expectOnePmaAndHandshakeEach(k.emulator, THREE);
        expect(k.state.pmas().map((pma) => [pma.status, pma.tags['pcc:managed']])).toEqual(THREE.map(() => ['PENDING', 'true']));
        expect(k.state.relationships()).toEqual([]);
        const again = await pcc(ws, k.env, ['apply', '--auto-approve']);
        expect(again.code, again.stderr).toBe(0);
        expectOnePmaAndHandshakeEach(k.emulator, THREE);
        const plan = await pcc(ws, k.env, ['plan', '--detailed-exitcode']);
        expect(plan.code, plan.stdout + plan.stderr).toBe(0);
        expect(plan.stdout.match(/waiting for account \d{12} to accept/g)).toHaveLength(THREE.length);
      },
      RUNS_TIMEOUT,
    );
  }
});
