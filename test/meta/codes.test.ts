/**
 * docs/codes.md is the one list of problem and reason codes. This walks the source for the codes it uses (every
 * kebab-case string literal, and the `schema-${keyword}` family) and fails on a code the list lacks, on a listed
 * code nothing uses, and on a literal that is neither a listed code nor named below as not being one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

/** Kebab-case literals in src that are not problem codes, by what they are. */
const NOT_CODES: Record<string, readonly string[]> = {
  'plan action': ['no-op'],
  'API error kinds (src/live/api-error.ts), shown through describeApiError': ['access-denied', 'not-found', 'quota-exceeded'],
  'package names': ['agent-base', 'cli-progress', 'http-proxy-agent', 'https-proxy-agent', 'p-limit', 'p-throttle', 'pcc-gitops', 'proxy-from-env'],
  'YAML node types': ['block-map', 'block-seq', 'flow-collection'],
  'GitHub step outputs': ['has-changes', 'plan-file'],
  'HTTP headers (src/live/debug-log.ts, sdk-channel-api.ts)': ['x-amzn-errortype', 'x-amzn-requestid', 'x-pcc-emulator'],
  'other values': ['aws-region', 'demo-secret', 'pcc-refresh-cache', 'pma-u8ic702rtzng8', 'us-east-1', 'utf-8'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // The emulator speaks the service's own vocabulary (ValidationException reasons), not pcc's codes.
    if (entry.isDirectory()) return relative(SRC, path) === 'emulator' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Codes the source uses: kebab-case string literals, and `prefix-${…}` families as `prefix-<keyword>`. */
function usedCodes(): Set<string> {
  const used = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const [, literal] of text.matchAll(/'([a-z][a-z0-9]*(?:-[a-z0-9]+)+)'/g)) used.add(literal!);
    for (const [, prefix] of text.matchAll(/code: `([a-z]+-)\$\{/g)) used.add(`${prefix}<keyword>`);
  }
  return used;
}

function documentedCodes(): string[] {
  const text = readFileSync(join(ROOT, 'docs/codes.md'), 'utf8');
  return [...text.matchAll(/^\| `([^`]+)` \| (.*) \|$/gm)].map(([, code, meaning]) => {
    expect(meaning!.trim().length, `${code} has no meaning in docs/codes.md`).toBeGreaterThan(10);
    return code!;
  });
}

describe('docs/codes.md', () => {
  const used = usedCodes();
  const documented = documentedCodes();
  const notCodes = Object.values(NOT_CODES).flat();

  it('lists every code the source uses', () => {
    expect([...used].filter((code) => !documented.includes(code) && !notCodes.includes(code)).sort()).toEqual([]);
  });

  it('lists no code the source does not use, and each once', () => {
    expect(documented.filter((code) => !used.has(code))).toEqual([]);
    expect(documented.filter((code, i) => documented.indexOf(code) !== i)).toEqual([]);
  });

  it('keeps the not-a-code list true: each is used, none is documented as a code', () => {
    expect(notCodes.filter((literal) => !used.has(literal))).toEqual([]);
    expect(notCodes.filter((literal) => documented.includes(literal))).toEqual([]);
  });

  it('finds codes wherever they are made (a sample of each way)', () => {
    // code: '…' in a literal, a helper's argument, a ternary, a template family, a reason code.
    for (const code of ['duplicate-address', 'dir-not-found', 'yaml-duplicate-key', 'schema-<keyword>', 'replace-blocked-unmanaged', 'delete-guard']) {
      expect(used.has(code), code).toBe(true);
    }
  });
});
