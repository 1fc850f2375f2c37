/**
 * Two applies of the same files racing against one service each report what they did (issue 19 fault 10: both
 * reported "6 created"). The clientToken stays derived from the address and the desired fields, so both send one
 * token per entry and the service makes one relationship; the create also carries the run's `pcc:apply-run` tag,
 * and the tags read back say whose create landed. The service may replay the first answer to the other run's
 * create or refuse the mismatched request with 409: both are played.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../../src/emulator/index.js';
import { APPLY_RUN_TAG } from '../../src/model/ownership-tags.js';
import { withEmulator } from '../support/emulator.js';
import { countByAddress, createWorkspace, entry, pcc, PMA } from '../support/e2e-helpers.js';

const N = 6;
const TRIALS = 3;

/**
 * Between the applies and the emulator: holds every CreateRelationship until `creates` of them have arrived (or
 * `releaseAfterMs` passed), then lets them through together. Both applies have then planned every create before
 * any lands, whatever the machine's load, so the race is the same in every trial.
 */
async function startCreateGate(upstream: string, creates: number, releaseAfterMs = 30_000) {
  const held: Array<() => void> = [];
  let open = false;
  const release = () => {
    open = true;
    for (const go of held.splice(0)) go();
  };
  const timer = setTimeout(release, releaseAfterMs);
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const forward = () => {
      const out = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    if (open || req.headers['x-amz-target'] !== 'PartnerCentralChannel.CreateRelationship') return forward();
    held.push(forward);
    if (held.length >= creates) release();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      clearTimeout(timer);
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const count = (stderr: string, pattern: RegExp) => stderr.match(pattern)?.length ?? 0;
const createdLines = (stderr: string) => count(stderr, /^\+ created /gm);
const byAnotherLines = (stderr: string) => count(stderr, /^· skipped create .*: already created by another apply/gm);

const MODES: Array<[string, EmulatorOptions]> = [
  ['the service refuses the other run’s request (409)', {}],
  ['the service replays the first answer to the other run’s request', { replayMismatchedTokens: true }],
];

describe.each(MODES)('two concurrent applies of the same files: %s', (_name, envelope) => {
  // Latency keeps requests in flight together; the gate makes both applies send every create before any lands.
  const emu = withEmulator({ ...envelope, latencyMs: 100 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });

  for (let trial = 1; trial <= TRIALS; trial++) {
    it(`between them: ${N} created and ${N} created by another apply, one relationship each (trial ${trial})`, async () => {
      const ws = await createWorkspace(Array.from({ length: N }, (_, i) => entry(i, { tags: { team: 'a' } })));
      const gate = await startCreateGate(emu.endpoint, 2 * N);
      try {
        const args = ['apply', '--auto-approve', '--parallelism', String(N)];
        const env = { ...emu.env, AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: gate.url };
        const [a, b] = await Promise.all([pcc(ws, env, args), pcc(ws, env, args)]);
        expect(a.code, a.stderr).toBe(0);
        expect(b.code, b.stderr).toBe(0);
        expect([...countByAddress(emu.emulator).values()]).toEqual(Array.from({ length: N }, () => 1));
        // Both planned every create (the latency sees to that): each address is created by one and found by the other.
        for (const run of [a, b]) {
          expect(createdLines(run.stderr) + byAnotherLines(run.stderr), run.stderr).toBe(N);
          const created = createdLines(run.stderr);
          const another = N - created;
          const parts = [`${created} created`, '0 updated', '0 deleted', ...(another > 0 ? [`${another} created by another apply`] : []), '0 failed'];
          expect(run.stderr).toContain(`Apply complete: ${parts.join(', ')}.`);
        }
        expect(createdLines(a.stderr) + createdLines(b.stderr)).toBe(N);
        expect(byAnotherLines(a.stderr) + byAnotherLines(b.stderr)).toBe(N);
        // Each relationship carries the run tag of the apply that reported it created.
        const runs = emu.state.relationships().map((r) => emu.state.tagsOf(r.arn)?.[APPLY_RUN_TAG]);
        expect(runs.every((run) => typeof run === 'string' && run.length > 0)).toBe(true);
        const perRun = [...new Set(runs)].map((run) => runs.filter((r) => r === run).length).sort();
        expect(perRun).toEqual([createdLines(a.stderr), createdLines(b.stderr)].filter((n) => n > 0).sort());
        // The run tag is pcc's own: never a change in the plan.
        const again = await pcc(ws, emu.env, ['plan', '--detailed-exitcode']);
        expect(again.code, again.stdout).toBe(0);
      } finally {
        await gate.close();
        await ws.remove();
      }
    });
  }
});
