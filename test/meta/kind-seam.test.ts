/**
 * The engines never name a resource kind (issue 20): a kind is reached through src/kinds/registry.ts only, so a
 * new kind is a folder and a registry line. One `it` per engine folder, and one proving the check sees what it
 * looks for.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_NAMES, KINDS } from '../../src/kinds/registry.js';
import { codeOf, ROOT, sourceFiles } from '../support/source-files.js';

/** A kind's name as a string literal (the names come from the registry, so a new kind is checked too). */
const KIND_LITERAL = new RegExp(`(['"\`])(?:${KIND_NAMES.join('|')})\\1`);
/** An import (static, re-export or dynamic) from a kind's own folder, src/kinds/<kind>/. */
const KIND_FOLDER_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"`])[^'"`\n]*\bkinds\/[^'"`/\n]+\/[^'"`\n]*\1/;

/** The engines: every step of the pipeline that loops over the registry. */
const ENGINES = ['src/desired/', 'src/plan/', 'src/apply/', 'src/render/', 'src/report/', 'src/live/'] as const;

/** The files under `folder` that name a kind, each with what it does. */
function namingKinds(files: { file: string; code: string }[], folder: string): string[] {
  return files
    .filter(({ file }) => file.startsWith(folder))
    .flatMap(({ file, code }) => [
      ...(KIND_LITERAL.test(code) ? [`${file}: a kind's name as a literal`] : []),
      ...(KIND_FOLDER_IMPORT.test(code) ? [`${file}: imports from a kind's folder (use src/kinds/registry.ts)`] : []),
    ]);
}

const files = sourceFiles();

describe('the engines never name a kind', () => {
  it.each(ENGINES)('%s: no kind literal, no import from src/kinds/<kind>/', (folder) => {
    expect(files.filter(({ file }) => file.startsWith(folder)).length).toBeGreaterThan(3);
    expect(namingKinds(files, folder)).toEqual([]);
  });

  it('src/commands/import*.ts (and its facet, kind-importer.ts): no kind literal, no import from src/kinds/<kind>/', () => {
    const importFiles = files.filter(({ file }) => /^src\/commands\/(import[^/]*|kind-importer)\.ts$/.test(file));
    expect(importFiles.map(({ file }) => file).sort()).toEqual(['src/commands/import-yaml.ts', 'src/commands/import.ts', 'src/commands/kind-importer.ts']);
    expect(importFiles.flatMap((file) => namingKinds([file], 'src/commands/'))).toEqual([]);
  });

  it('the check sees a planted violation, and not in comments or other names', () => {
    const planted = (code: string) => namingKinds([{ file: 'src/plan/planted.ts', code: codeOf(code) }], 'src/plan/');
    expect(planted("if (change.kind === 'servicePeriod') count();")).toEqual(["src/plan/planted.ts: a kind's name as a literal"]);
    expect(planted('const kind = "relationship";')).toHaveLength(1);
    expect(planted('export const k = `relationship`;')).toHaveLength(1);
    expect(planted("import { specOf } from '../kinds/relationship/plan-relationships.js';")).toEqual([
      "src/plan/planted.ts: imports from a kind's folder (use src/kinds/registry.ts)",
    ]);
    expect(planted("export { planServicePeriods } from '../kinds/service-period/plan-service-periods.js';")).toHaveLength(1);
    expect(planted("export type { ServicePeriodApi } from '../kinds/service-period/service-period-api.js';")).toHaveLength(1);
    expect(planted("const m = await import('../kinds/service-period/planner.js');")).toHaveLength(1);
    // What an engine may do: the registry, the contract types, and the words in comments or other names.
    expect(planted("import { KINDS, kindOf } from '../kinds/registry.js';\nimport type { ResourceKind } from '../kinds/resource-kind.js';")).toEqual([]);
    expect(planted("// a 'relationship' change\n/** kind 'servicePeriod' */ const x = 'relationships';")).toEqual([]);
  });
});

describe('the loader reaches every section of a file through a kind', () => {
  it("every top-level key of the files' schema is read by some kind's loader, and every key a loader reads is in the schema", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/relationships.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
    const read = new Set(KINDS.flatMap((kind) => kind.loader.documentKeys));
    expect(Object.keys(schema.properties).filter((key) => !read.has(key))).toEqual([]);
    expect([...read].filter((key) => !Object.hasOwn(schema.properties, key))).toEqual([]);
  });
});
