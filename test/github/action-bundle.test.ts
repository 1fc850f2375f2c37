/**
 * The action ships built: action/pcc.mjs (the CLI) and action/main.mjs (the entry) are committed single files.
 * They must be exactly what `npm run bundle` makes from the source, and pcc.mjs must run alone.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './workflow-files.js';

const BUNDLES = ['pcc.mjs', 'main.mjs'];

describe('the committed action bundle', () => {
  it('matches a fresh build of the source (run `npm run bundle` after changing src/ or schema/)', () => {
    const out = mkdtempSync(join(tmpdir(), 'pcc-bundle-'));
    const build = spawnSync(process.execPath, [join(REPO_ROOT, 'action', 'build.mjs'), '--out', out], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    for (const name of BUNDLES) {
      const fresh = readFileSync(join(out, name), 'utf8');
      const committed = readFileSync(join(REPO_ROOT, 'action', name), 'utf8');
      expect(committed === fresh, `action/${name} is stale: run npm run bundle and commit it`).toBe(true);
    }
  });

  it('runs alone: no node_modules, no dist/, no schema/ beside it', () => {
    const alone = mkdtempSync(join(tmpdir(), 'pcc-bundle-alone-'));
    copyFileSync(join(REPO_ROOT, 'action', 'pcc.mjs'), join(alone, 'pcc.mjs'));
    cpSync(join(REPO_ROOT, 'relationships'), join(alone, 'relationships'), { recursive: true });
    const env = { PATH: process.env.PATH ?? '', HOME: alone, NO_COLOR: '1' };
    const version = spawnSync(process.execPath, ['pcc.mjs', '--version'], { cwd: alone, env, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    const validate = spawnSync(process.execPath, ['pcc.mjs', 'validate'], { cwd: alone, env, encoding: 'utf8' });
    expect(validate.status, validate.stderr).toBe(0);
    expect(validate.stderr).toMatch(/^✓ \d+ relationships in \d+ files are valid\n$/);
    // SARIF's rule help comes from docs/codes.md, which the bundle carries inlined.
    writeFileSync(join(alone, 'relationships', 'broken.yaml'), 'catalog: AWS\nrelationships: nope\n');
    const sarif = spawnSync(process.execPath, ['pcc.mjs', 'validate', '--format', 'sarif'], { cwd: alone, env, encoding: 'utf8' });
    expect(sarif.status, sarif.stderr).toBe(1);
    const rules =
      (JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[] }).runs[0]?.tool.driver.rules ?? [];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule.shortDescription.text, rule.id).not.toMatch(/^pcc problem /);
  });
});
