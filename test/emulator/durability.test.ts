/**
 * `pcc emulator --data FILE`: an answered write is on disk before its answer, so a SIGKILL right after the
 * answer loses nothing (the issue: 18 of 20 such writes were missing on restart).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from '../support/emulator-process.js';
import { createInput, rawOperation } from './support.js';

const TRIALS = 20;
const PMA_ID = 'pma-aaaaaaaaaaaa1';

interface Saved {
  relationships: { id: string; arn: string; displayName: string; tags: Record<string, string> }[];
}

describe('pcc emulator --data: answered writes survive SIGKILL', () => {
  it(`keeps every write answered 200 before a SIGKILL (${TRIALS} trials of create, update, tag)`, { timeout: 240_000 }, async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'pcc-emulator-durable-')), 'state.json');
    const setup = await startCli(['--data', dataFile, '--no-rate-limits', '--auto-create-pmas']);
    setup.child.kill('SIGTERM');
    expect(await setup.exited).toBe(0);
    let last: { id: string; arn: string } | undefined;
    const expected: ((saved: Saved) => boolean)[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const server = await startCli(['--data', dataFile, '--no-rate-limits', '--auto-create-pmas']);
      const kind = trial % 3;
      let answer;
      if (kind === 0 || !last) {
        answer = await rawOperation(
          server.endpoint,
          'CreateRelationship',
          createInput({ programManagementAccountIdentifier: PMA_ID, associatedAccountId: String(300000000000 + trial) }),
        );
        const detail = answer.json.relationshipDetail as { id: string; arn: string };
        last = detail;
        expected.push((saved) => saved.relationships.some((r) => r.id === detail.id));
      } else if (kind === 1) {
        const name = `Renamed ${trial}`;
        const id = last.id;
        answer = await rawOperation(server.endpoint, 'UpdateRelationship', {
          catalog: 'AWS',
          programManagementAccountIdentifier: PMA_ID,
          identifier: id,
          displayName: name,
        });
        expected.push((saved) => saved.relationships.some((r) => r.id === id && r.displayName === name));
      } else {
        const arn = last.arn;
        const key = trial % 2 === 0 ? '__proto__' : `constructor`;
        answer = await rawOperation(server.endpoint, 'TagResource', { resourceArn: arn, tags: [{ key, value: `v${trial}` }] });
        expected.push((saved) => saved.relationships.some((r) => r.arn === arn && Object.hasOwn(r.tags, key) && r.tags[key] === `v${trial}`));
      }
      // Killed the moment the answer is in: no SIGTERM save, no timer.
      server.child.kill('SIGKILL');
      expect(answer.status, answer.text).toBe(200);
      await server.exited;
      const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as Saved;
      expected.forEach((check, i) => expect(check(saved), `trial ${trial}: write ${i} is on disk`).toBe(true));
    }
    // And the file reloads: a fresh start serves what was saved.
    const reloaded = await startCli(['--data', dataFile, '--no-rate-limits']);
    const list = await rawOperation(reloaded.endpoint, 'ListRelationships', { catalog: 'AWS', maxResults: 100 });
    reloaded.child.kill('SIGTERM');
    await reloaded.exited;
    expect((list.json.items as unknown[]).length).toBe(Math.ceil(TRIALS / 3));
  });
});
