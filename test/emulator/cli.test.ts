import {
  CreateProgramManagementAccountCommand,
  CreateRelationshipCommand,
  GetRelationshipCommand,
  ListRelationshipsCommand,
  ThrottlingException,
} from '@aws-sdk/client-partnercentral-channel';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { sdkClient } from '../support/emulator.js';
import { startCli } from '../support/emulator-process.js';
import { runCli } from '../support/run-cli.js';
import { createInput, failureOf } from './support.js';

describe('pcc emulator (the built CLI as a subprocess)', () => {
  it('serves the SDK, stops on SIGTERM with stats, saves --data and reloads it', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'pcc-emulator-cli-')), 'state.json');
    // A new PMA is PENDING: --pending-pma-relationships accept lets relationships hang from it at once.
    const first = await startCli(['--data', dataFile, '--seed', '5', '--pending-pma-relationships', 'accept']);
    expect(first.stderr()).toContain(`export AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL=${first.endpoint}`);
    expect(first.stderr()).toContain('rate limits: documented quotas x1');
    expect(first.stderr()).toContain('PENDING PMAs: take relationships');
    const client = sdkClient(first.endpoint);
    const pma = await client.send(
      new CreateProgramManagementAccountCommand({ catalog: 'AWS', program: 'SOLUTION_PROVIDER', displayName: 'Main', accountId: '111122223333' }),
    );
    const pmaId = pma.programManagementAccountDetail?.id;
    const created = await client.send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: pmaId })));
    client.destroy();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toBe(`${first.endpoint}\n`);
    expect(first.stderr()).toContain(`stopped on SIGTERM; state saved to ${dataFile}`);
    expect(first.stderr()).toMatch(/^ {2}CreateRelationship: 1$/m);
    const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { relationships: { id: string }[] };
    expect(saved.relationships.map((r) => r.id)).toEqual([created.relationshipDetail?.id]);

    const second = await startCli(['--data', dataFile]);
    expect(second.stderr()).toContain(`loaded from ${dataFile} (1 program management accounts, 1 relationships)`);
    const secondClient = sdkClient(second.endpoint);
    const got = await secondClient.send(
      new GetRelationshipCommand({ catalog: 'AWS', programManagementAccountIdentifier: pmaId, identifier: created.relationshipDetail?.id }),
    );
    expect(got.relationshipDetail?.displayName).toBe('Acme Corp');
    secondClient.destroy();
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(second.stderr()).toContain('stopped on SIGINT');
  });

  it('wires its flags: rate-limit factor, page size, auto-created PMAs, request log', async () => {
    const server = await startCli(['--rate-limit-factor', '0.001', '--page-size', '1', '--auto-create-pmas', '--log', '--pma-delete-with-relationships', 'cascade']);
    const client = sdkClient(server.endpoint);
    try {
      await client.send(new CreateRelationshipCommand(createInput({ programManagementAccountIdentifier: 'pma-autoautoauto1' })));
      const page = await client.send(new ListRelationshipsCommand({ catalog: 'AWS', maxResults: 100 }));
      expect(page.items).toHaveLength(1);
      const error = await failureOf(client.send(new ListRelationshipsCommand({ catalog: 'AWS' })));
      expect(error).toBeInstanceOf(ThrottlingException);
    } finally {
      client.destroy();
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain('auto-create PMAs');
    expect(server.stderr()).toContain('PMA delete: deletes its relationships with it');
    expect(server.stderr()).toMatch(/^200 CreateRelationship$/m);
    expect(server.stderr()).toMatch(/^429 ListRelationships ThrottlingException$/m);
    expect(server.stderr()).toContain('throttled: 1');
  });

  it('starts with any one fault rate alone, and wires the envelope flags', async () => {
    for (const flag of ['--drop-rate', '--fail-rate', '--throttle-rate']) {
      const server = await startCli([flag, '0.1', '--no-rate-limits']);
      server.child.kill('SIGTERM');
      expect(await server.exited, flag).toBe(0);
      expect(server.stderr()).toMatch(/faults: 500 .*seed 1/);
    }
    const envelope = [
      '--omit-optional-members',
      '--visibility-delay-ms',
      '5',
      '--client-token-ttl-ms',
      '9',
      '--tag-writes-bump-revision',
      '--short-pages',
      '--race-next-update',
    ];
    const server = await startCli(envelope);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain(
      'envelope: optional members left out as in the model examples; new relationships visible after 5 ms; clientTokens forgotten after 9 ms; ' +
        'tag writes bump revision; short pages after empty ones; the first UpdateRelationship meets a rename and answers 500',
    );
  });

  it('rejects bad flag values with exit 1', async () => {
    for (const args of [
      ['--fail-rate', '2'],
      ['--account-id', '12'],
      ['--deny', 'Nope'],
      ['--port', '-1'],
      ['--pending-pma-relationships', 'maybe'],
      ['--pma-delete-with-relationships', 'orphan'],
    ]) {
      const result = await runCli(['emulator', ...args]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain('is invalid');
      expect(result.stdout).toBe('');
    }
  });

  it('says so and exits 1 when the port is taken', async () => {
    const taken = await startEmulator();
    try {
      const result = await runCli(['emulator', '--port', String(taken.port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${taken.port} on 127.0.0.1 is in use`);
    } finally {
      await taken.stop();
    }
  });
});
