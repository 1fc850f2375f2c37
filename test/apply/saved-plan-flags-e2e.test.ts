/**
 * Issue 19, fault 2: a saved plan turned flags on by itself (`pcc plan --revoke --out r.json` then
 * `pcc apply r.json --auto-approve` sent REVOKE_SERVICE_PERIOD), and a flag given to apply that the plan lacked was
 * silently ignored. Rule: a saved plan is applied only with exactly the plan-shaping flags it was made with; any
 * difference, either way, is refused before any API call. Every option of the one list (src/plan/plan-options.ts)
 * is tried both ways, so a flag added there is tested here too. End to end: built CLI → SDK → emulator.
 */
import { execFile } from 'node:child_process';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { PLAN_SHAPING_OPTIONS, type PlanShapingOption } from '../../src/plan/plan-options.js';
import { customerActions } from '../support/customer.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, MANAGED, pcc, PMA, relationshipAt, seedEntry, type Workspace } from '../support/e2e-helpers.js';
import { CLI_PATH } from '../support/run-cli.js';

const execFileAsync = promisify(execFile);
const h = withEmulator({ idSeed: 57 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

/** Every call the emulator answered, of any operation (reads too). */
const apiCalls = () => Object.values(h.emulator.stats.calls).reduce((sum, n) => sum + n, 0);
const ADDRESS = `AWS/${PMA}/${accountId(1)}`;
const NOTICE_30 = { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 };
const { accept } = customerActions(h);

/** The option as typed: a switch alone, a value or an address after it. */
const typed = (option: PlanShapingOption): string[] => (option.arity === 'switch' ? [option.flag] : [option.flag, option.arity === 'value' ? '3' : ADDRESS]);

/** Runs apply and expects it refused with `message`, without a single API call. */
async function expectRefusedUnread(args: string[], message: string): Promise<void> {
  const before = apiCalls();
  const result = await pcc(ws!, h.env, ['apply', ...args]);
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toContain(message);
  expect(result.stderr).toContain('a saved plan is applied only with the flags it was made with');
  expect(apiCalls() - before, `API calls for: apply ${args.join(' ')}`).toBe(0);
}

describe('a saved plan is applied only with the flags it was made with', () => {
  it('the revoke example: the plan alone does not revoke; apply --revoke does', async () => {
    ws = await createWorkspace([entry(1, { servicePeriod: NOTICE_30 })]);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    await accept(1, h.state.handshakes()[0]?.id);
    await ws.write([entry(1)]);
    const planned = await pcc(ws, h.env, ['plan', '--revoke', '--out', 'r.json']);
    expect(planned.code).toBe(0);
    expect(planned.stderr).toContain('apply it with `pcc apply r.json --revoke`');

    await expectRefusedUnread(['r.json', '--auto-approve'], 'it was made with --revoke; pass --revoke to apply it too');
    expect(h.state.handshakes().map((hs) => hs.handshakeType)).toEqual(['START_SERVICE_PERIOD']);

    const applied = await pcc(ws, h.env, ['apply', 'r.json', '--auto-approve', '--revoke']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(h.state.handshakes().map((hs) => `${hs.handshakeType}:${hs.status}`)).toEqual(['START_SERVICE_PERIOD:ACCEPTED', 'REVOKE_SERVICE_PERIOD:PENDING']);
  });

  // --acknowledge-service-period is an error unless the plan ends an accepted period there, so it needs a scenario of
  // its own: test/apply/service-period-delete-e2e.test.ts checks it both ways round.
  const generic = PLAN_SHAPING_OPTIONS.filter((option) => option.key !== 'acknowledgeServicePeriods');
  it.each(generic.map((option) => [option.flag, option] as const))('%s, either way round: refused before any API call', async (_flag, option) => {
    seedEntry(h.emulator, 1, { tags: MANAGED });
    ws = await createWorkspace([entry(1)]);
    const flag = typed(option);
    expect((await pcc(ws, h.env, ['plan', '--out', 'plain.json'])).code).toBe(0);
    const planned = await pcc(ws, h.env, ['plan', ...flag, '--out', 'with.json']);
    expect(planned.code, `plan ${flag.join(' ')}: ${planned.stderr}`).toBe(0);
    expect(planned.stderr).toContain(`apply it with \`pcc apply with.json ${flag.join(' ')}\``);
    await expectRefusedUnread(['with.json', '--auto-approve'], `it was made with ${flag.join(' ')}; pass ${flag.join(' ')} to apply it too`);
    await expectRefusedUnread(['plain.json', '--auto-approve', ...flag], `it was made without ${option.flag}, and apply was given ${flag.join(' ')}`);
    // Given the same, the plan is applied.
    const same = await pcc(ws, h.env, ['apply', 'with.json', '--auto-approve', ...flag]);
    expect(same.code, `apply with.json ${flag.join(' ')}: ${same.stderr}`).toBe(0);
  });

  it('the apply command plan suggests works as a shell reads it: --dir named when not the default, words quoted', async () => {
    seedEntry(h.emulator, 1, { tags: MANAGED, displayName: 'Old name' });
    ws = await createWorkspace([entry(1)]);
    await rename(join(ws.cwd, 'relationships'), join(ws.cwd, "team's rels"));
    const planned = await pcc(ws, h.env, ['--dir', "team's rels", 'plan', '--target', ADDRESS, '--out', 'my plan.json']);
    expect(planned.code, planned.stderr).toBe(0);
    const suggested = /apply it with `([^`]+)`/.exec(planned.stderr)?.[1] ?? '';
    expect(suggested).toBe(`pcc --dir 'team'\\''s rels' apply 'my plan.json' --target ${ADDRESS}`);
    // As a POSIX shell reads it, the CLI's path in place of `pcc` (asynchronously: the emulator runs in this process).
    const shell = await execFileAsync('sh', ['-c', `"$0" "$1" ${suggested.slice('pcc '.length)}`, process.execPath, CLI_PATH], {
      cwd: ws.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: ws.cwd, XDG_CACHE_HOME: ws.cwd, AWS_CONFIG_FILE: '/nonexistent/pcc-test-config', ...h.env },
      timeout: 120_000,
    });
    expect(shell.stderr).toContain('Apply complete');
    expect(relationshipAt(h.emulator, 1)?.displayName).toBe(entry(1).displayName);
  });

  it('a value that differs (--max-deletes 3 against 4, another --target) is refused too', async () => {
    seedEntry(h.emulator, 1, { tags: MANAGED });
    seedEntry(h.emulator, 2, { tags: MANAGED });
    ws = await createWorkspace([entry(1), entry(2)]);
    expect((await pcc(ws, h.env, ['plan', '--max-deletes', '3', '--target', ADDRESS, '--out', 'p.json'])).code).toBe(0);
    await expectRefusedUnread(
      ['p.json', '--auto-approve', '--max-deletes', '4', '--target', ADDRESS],
      'it was made with --max-deletes 3, and apply was given --max-deletes 4',
    );
    const other = `AWS/${PMA}/${accountId(2)}`;
    await expectRefusedUnread(
      ['p.json', '--auto-approve', '--max-deletes', '3', '--target', other],
      `it was made with --target ${ADDRESS}, and apply was given --target ${other}`,
    );
    await expectRefusedUnread(
      ['p.json', '--auto-approve', '--max-deletes', '3', '--target', ADDRESS, '--target', other],
      `apply was given --target ${ADDRESS} --target ${other}`,
    );
  });
});
