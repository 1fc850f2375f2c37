import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRM_QUESTION } from '../../src/apply/confirm.js';
import { registerApply } from '../../src/commands/apply.js';
import type { CommandContext } from '../../src/commands/context.js';
import { addGlobalOptions } from '../../src/commands/global-options.js';
import { createRecordingSink } from '../../src/io/sink.js';
import { pickReporter } from '../../src/report/reporter.js';
import { withEmulator } from '../support/emulator.js';
import { createWorkspace, entry, FAST, mutatingCalls, PMA, type Workspace } from '../support/e2e-helpers.js';

// In-process, so stdin can be a terminal: the prompt path cannot be reached through a pipe.
const h = withEmulator({ idSeed: 8 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
const saved = { ...process.env };
beforeAll(() => {
  // The SDK's credential chain reads process.env; keep the developer's own configuration out.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.AWS_PROFILE;
});
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

async function applyOnTerminal(answer: string | undefined): Promise<{ code: number; stderr: string; stdout: string }> {
  ws = await createWorkspace([entry(1)]);
  const stdin = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.ReadStream;
  const sink = createRecordingSink();
  let code = 0;
  const ctx: CommandContext = {
    sink,
    reporter: pickReporter({ sink, env: {} }),
    env: {},
    cwd: ws.cwd,
    stdin,
    setExitCode: (c) => void (code = Math.max(code, c)),
    onInterrupt: () => () => undefined,
  };
  const program = addGlobalOptions(new Command('pcc')).exitOverride();
  registerApply(program, ctx);
  const running = program.parseAsync(['node', 'pcc', ...FAST, '--endpoint-url', h.endpoint, 'apply']);
  // Answer once the question is on screen, as a person would.
  for (let i = 0; i < 200 && !sink.stderr.includes(CONFIRM_QUESTION); i++) await new Promise((r) => setTimeout(r, 25));
  const s = stdin as unknown as PassThrough;
  if (answer === undefined) s.end();
  else s.end(answer);
  await running;
  return { code, stderr: sink.stderr, stdout: sink.stdout };
}

describe('pcc apply on a terminal', () => {
  it('shows the plan, asks, and applies on "yes"', async () => {
    const result = await applyOnTerminal('yes\n');
    expect(result.stderr).toContain(`AWS/${PMA}/100000000001`);
    expect(result.stderr.indexOf('will be created')).toBeLessThan(result.stderr.indexOf(CONFIRM_QUESTION));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Apply complete: 1 created');
    expect(h.state.relationships()).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('anything but "yes" (or end of input) cancels: exit 1, no mutating call', async () => {
    for (const answer of ['no\n', 'y\n', undefined]) {
      const result = await applyOnTerminal(answer);
      expect(result.code, String(answer)).toBe(1);
      expect(result.stderr).toContain('Apply cancelled: nothing was changed.');
      await ws?.remove();
    }
    expect(mutatingCalls(h.emulator)).toBe(0);
  });
});
