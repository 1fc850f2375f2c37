import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DEMO = fileURLToPath(new URL('../../dist/demo/run-demo.js', import.meta.url));

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // No AWS settings from the developer's shell: the demo must need none.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' };
    const child = spawn(process.execPath, [DEMO], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run demo', () => {
  it('runs validate → plan → apply → plan on the example files and ends with no changes', async () => {
    const { code, stdout, stderr } = await runDemo();
    expect(code, stdout + stderr).toBe(0);
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
});
