/**
 * Two applies of the same files racing against one service: each reports what it did. A create the other
 * apply made first is not "created" by this one (the service answers it 409, and the relationship there is
 * found to match and be pcc's): it is reported skipped, "already created by another writer". Together they
 * report each relationship created exactly once, and there is never a second one.
 */
import { describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { countByAddress, createWorkspace, entry, pcc, PMA } from '../support/e2e-helpers.js';

const N = 6;

/** "Apply complete: 4 created, …" → 4; a run that found nothing to do created nothing. */
function createdBy(stderr: string): number {
  const match = /Apply complete: (\d+) created/.exec(stderr);
  return match ? Number(match[1]) : 0;
}
const alreadyCreated = (stderr: string) => stderr.match(/already created by another writer/g)?.length ?? 0;

describe('two concurrent applies of the same files', () => {
  // Latency widens the window in which both have planned and neither has created.
  const emu = withEmulator({ latencyMs: 400 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

  for (let trial = 0; trial < 3; trial++) {
    it(`each reports only the creates it made (trial ${trial + 1})`, async () => {
      const ws = await createWorkspace(Array.from({ length: N }, (_, i) => entry(i)));
      try {
        const [a, b] = await Promise.all([pcc(ws, emu.env, ['apply', '--auto-approve']), pcc(ws, emu.env, ['apply', '--auto-approve'])]);
        expect(a.code, a.stderr).toBe(0);
        expect(b.code, b.stderr).toBe(0);
        expect([...countByAddress(emu.emulator).values()]).toEqual(Array.from({ length: N }, () => 1));
        // Each relationship is reported created by exactly one of the two; the other says it found it.
        expect(createdBy(a.stderr) + createdBy(b.stderr)).toBe(N);
        expect(createdBy(a.stderr) + alreadyCreated(a.stderr)).toBeLessThanOrEqual(N);
        expect(createdBy(b.stderr) + alreadyCreated(b.stderr)).toBeLessThanOrEqual(N);
        const again = await pcc(ws, emu.env, ['plan', '--detailed-exitcode']);
        expect(again.code, again.stdout).toBe(0);
      } finally {
        await ws.remove();
      }
    });
  }
});
