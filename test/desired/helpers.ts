/**
 * Helpers for loadDesired tests: write files into a fresh temporary project (`relationships/` under a cwd),
 * load them, and pick diagnostics by code. Files are given inline so each test shows the YAML next to the
 * line and column it expects.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Problem } from '../../src/diagnostics/diagnostic.js';
import { loadDesired, type LoadedDesired } from '../../src/desired/load-desired.js';

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
});

export interface Project {
  cwd: string;
  /** `<cwd>/relationships` */
  dir: string;
}

/** A temporary project with `files` (paths relative to `relationships/`) written into it. */
export async function project(files: Record<string, string | Uint8Array>): Promise<Project> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'pcc-desired-'));
  created.push(cwd);
  const dir = path.join(cwd, 'relationships');
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return { cwd, dir };
}

/** Loads `files` (relationships/<name>) with the fast reader on or off. */
export async function load(files: Record<string, string | Uint8Array>, options: { fastPath?: boolean } = {}): Promise<LoadedDesired> {
  const { cwd } = await project(files);
  return loadDesired({ dir: 'relationships', cwd, ...options });
}

/** `code@line:column`, the compact form tests compare. */
export function brief(diagnostic: Problem): string {
  return `${diagnostic.code}@${diagnostic.line ?? '-'}:${diagnostic.column ?? '-'}`;
}

export function briefs(diagnostics: readonly Problem[]): string[] {
  return diagnostics.map(brief);
}

/** The one diagnostic with `code`; fails the test if there is not exactly one. */
export function only(diagnostics: readonly Problem[], code: string): Problem {
  const found = diagnostics.filter((d) => d.code === code);
  if (found.length !== 1) throw new Error(`expected one ${code}, got ${JSON.stringify(diagnostics, null, 2)}`);
  return found[0] as Problem;
}

/** A valid document header; the entries follow at 2 spaces of indent (entry fields at 4). */
export const HEADER = 'catalog: AWS\nprogramManagementAccountIdentifier: pma-u8ic702rtzng8\nrelationships:\n';

/** A valid entry's lines, with `overrides` replacing or adding fields (null removes one). */
export function entry(overrides: Record<string, string | null> = {}): string {
  const fields: Record<string, string | null> = {
    associatedAccountId: '"111122223333"',
    associationType: 'END_CUSTOMER',
    displayName: 'Acme Corp',
    sector: 'COMMERCIAL',
    ...overrides,
  };
  const lines = Object.entries(fields)
    .filter((pair): pair is [string, string] => pair[1] !== null)
    .map(([key, value]) => `${key}:${value.startsWith('\n') ? value : ` ${value}`}`);
  return `  - ${lines.join('\n    ')}\n`;
}
