/**
 * Credentials that expire mid-apply (issue 19.10), played by the emulator's `expireCredentialsAfter` fault:
 * the message names the profile used and says the service refused its credentials (never "no credentials found
 * … set --profile"), and a create that landed before they expired is reported as of unknown outcome, not failed.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkspace, entry, pcc, PMA, type Workspace } from '../support/e2e-helpers.js';
import { withEmulator } from '../support/emulator.js';

const e = withEmulator({}, { per: 'test', seed: (emulator) => void emulator.state.createPma({ id: PMA }) });
let workspace: Workspace | undefined;
afterEach(() => workspace?.remove());

/** A profile `partner` with static keys, and the emulator's endpoint through the SDK's variable. */
async function profileEnv(): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'pcc-expired-'));
  await writeFile(join(dir, 'config'), '[profile partner]\nregion = us-east-1\naws_access_key_id = AKIDPARTNERPARTNER\naws_secret_access_key = partner-secret\n');
  return { AWS_CONFIG_FILE: join(dir, 'config'), AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL: e.endpoint };
}

describe('credentials that expire', () => {
  it('expired before the first request: the profile is named and the refusal said, nothing sent', async () => {
    workspace = await createWorkspace([entry(1)]);
    e.emulator.setFaults({ expireCredentialsAfter: 0 });
    const result = await pcc(workspace, await profileEnv(), ['plan', '--profile', 'partner']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'the service refused the credentials of profile "partner" (403 ExpiredTokenException: The security token included in the request is expired)',
    );
    expect(result.stderr).toContain('aws sso login --profile partner');
    expect(result.stderr).not.toContain('no AWS credentials found');
  });

  it('expired between a create and its read-back: the create is reported as of unknown outcome, it landed, and a plan shows it done', async () => {
    workspace = await createWorkspace([entry(1)]);
    const env = await profileEnv();
    e.emulator.resetStats();
    expect((await pcc(workspace, env, ['plan', '--profile', 'partner'])).code).toBe(0);
    const reads = Object.values(e.emulator.stats.calls).reduce((n, c) => n + c, 0);
    // The apply reads what the plan read, then creates: the credentials expire right after the create.
    e.emulator.setFaults({ expireCredentialsAfter: reads + 1 });
    const apply = await pcc(workspace, env, ['apply', '--auto-approve', '--profile', 'partner']);
    expect(apply.code).toBe(1);
    const created = e.state.relationships();
    expect(created).toHaveLength(1);
    expect(apply.stderr + apply.stdout).toMatch(
      new RegExp(
        `\\? outcome unknown create AWS/${PMA}/100000000001 \\(${created[0]!.id}\\): outcome unknown: CreateRelationship answered with ${created[0]!.id}, but reading it back failed: .*refused the credentials of profile "partner"`,
      ),
    );
    expect(apply.stderr + apply.stdout).toContain('1 unknown, 0 failed');
    expect(apply.stderr + apply.stdout).not.toMatch(/✗ failed|no AWS credentials found/);
    e.emulator.setFaults(undefined);
    const again = await pcc(workspace, env, ['plan', '--profile', 'partner', '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
  });
});
