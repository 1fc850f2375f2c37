import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const DEMO = fileURLToPath(new URL('../../dist/demo/run-demo.js', import.meta.url));

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** What is left in the demo's temporary folder (its TMPDIR) once it ended. */
  leftBehind: string[];
}

/** A TMPDIR of the test's own, so whatever the demo leaves in its temporary folder can be seen. */
let scratch = '';
afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function runDemo(extraEnv: Record<string, string> = {}, during?: (child: ChildProcess, stdout: () => string) => void): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    void mkdtemp(join(tmpdir(), 'pcc-demo-test-')).then((dir) => {
      scratch = dir;
      // No AWS settings from the developer's shell: the demo must need none.
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', TMPDIR: dir, ...extraEnv };
      const child = spawn(process.execPath, [DEMO], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.on('error', reject);
      child.on('close', (code) => void readdir(dir).then((leftBehind) => resolve({ code, stdout, stderr, leftBehind }), reject));
      during?.(child, () => stdout);
    }, reject);
  });
}

describe('npm run demo', () => {
  it('runs validate → plan → apply → plan on the example files and ends with no changes', async () => {
    const { code, stdout, stderr, leftBehind } = await runDemo();
    expect(code, stdout + stderr).toBe(0);
    expect(leftBehind).toEqual([]);
    const banners = ['$ pcc validate', '$ pcc plan --out', '$ pcc apply --auto-approve', '$ pcc plan --detailed-exitcode'];
    const at = banners.map((banner) => stdout.indexOf(banner));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The first plan shows each kind of line the seed sets up; the last shows none.
    const firstPlan = stdout.slice(at[1], at[2]);
    expect(firstPlan).toMatch(/will be created/);
    expect(firstPlan).toMatch(/will be adopted/);
    expect(firstPlan).toMatch(/will be updated in place/);
    expect(firstPlan).toMatch(/Unmanaged \(not in any file, never touched\): 1/);
    // The plan is shown once: apply of the saved plan prints its summary and the outcomes, not the plan again.
    const applyStep = stdout.slice(at[2], at[3]) + stderr;
    expect(stdout.match(/will be adopted/g)).toHaveLength(1);
    expect(applyStep).not.toMatch(/will be (created|adopted|updated)/);
    const lastPlan = stdout.slice(at[3]);
    expect(lastPlan).toContain('No changes. Live state matches the files.');
    expect(lastPlan).not.toMatch(/will be (created|adopted|updated)/);
    expect(stderr).toMatch(/valid/);
    expect(stderr).toMatch(/Apply complete: [1-9]\d* created, 1 adopted, 1 updated, 0 deleted, 0 failed\./);
    expect(stdout).toContain('Demo complete');
  });

  it('interrupted (SIGINT) during a step: the step ends, no further step starts, exit 130, no temporary folder left', async () => {
    const result = await runDemo({}, (child, stdout) => {
      const poll = setInterval(() => {
        if (!stdout().includes('$ pcc plan --out')) return;
        clearInterval(poll);
        child.kill('SIGINT');
      }, 20);
      child.on('close', () => clearInterval(poll));
    });
    expect(result.code, result.stdout + result.stderr).toBe(130);
    expect(result.stdout).toContain('$ pcc plan --out');
    expect(result.stdout).not.toContain('$ pcc apply');
    expect(result.stdout).not.toContain('Demo complete');
    expect(result.stderr).toContain('demo: interrupted');
    expect(result.leftBehind).toEqual([]);
  });

  it('a step that fails: the demo says which and exits 1, and leaves no temporary folder', async () => {
    // An SDK setting the demo does not override, that no custom endpoint (the emulator's) can satisfy.
    const result = await runDemo({ AWS_USE_FIPS_ENDPOINT: 'true' });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/demo: `pcc plan --out \S+` exited 1, expected 0/);
    expect(result.leftBehind).toEqual([]);
  });
});
