/**
 * Issue 11's fault was per-field decisions made outside the field table: a new row left every test green while
 * code that named fields dropped it. The field table decides; the rest of the pipeline reads its rows. So the
 * value fields it decides (copied from the entry, not part of the address) are named in code only where the named
 * thing is something else than a per-field decision, each listed below with why. A file naming one elsewhere is
 * a decision a new row would not reach (e.g. "Get the detail when the entry declares resaleAccountModel").
 */
import { describe, expect, it } from 'vitest';
import { fieldsWhere } from '../../src/model/relationship-fields.js';
import { codeOf, sourceFiles } from '../support/source-files.js';

/** Where naming a value field is not a per-field decision. */
const ALLOWED: Record<string, string> = {
  'src/model/': 'the table itself and the type it checks',
  'src/emulator/': "the service's side: filters, the examples' left-out members, PMA records (its shapes come from the table, checked by test/model)",
  'src/init/': 'example files for people',
  'src/demo/': 'seeded live data for the demo',
  'src/plan/plan-types.ts': 'the plan JSON keeps an unmanaged relationship`s displayName (a key of the plan contract)',
  'src/kinds/relationship/plan-unmatched.ts': 'the unmanaged list`s displayName, and the values a delete shows, in the order the goldens fix',
  'src/render/render-text.ts': 'renders the unmanaged list`s displayName (a plan JSON key)',
  'src/render/markdown-sections.ts': 'renders the unmanaged list`s displayName (a plan JSON key)',
  'src/commands/emulator.ts': "the emulator's --help text",
  'src/live/sdk-channel-api.ts': "a PMA's displayName (ListProgramManagementAccounts), another shape",
  'src/live/program-management-accounts.ts': "a PMA's displayName, another shape",
  'src/commands/pmas.ts': "a PMA's displayName, another shape",
  'src/desired/format-yaml.ts': "the key order of a declared PMA's entries (programManagementAccounts:), another shape",
  'src/kinds/program-management-account/': "a PMA's displayName (the PMA kind's own field), another shape",
};

const VALUE_FIELDS = fieldsWhere((row) => row.role !== 'identity' && row.normalise === 'copy');
const NAMES = new RegExp(`\\b(?:${VALUE_FIELDS.join('|')})\\b`, 'g');

function offenders(): string[] {
  return sourceFiles()
    .filter(({ file }) => !Object.keys(ALLOWED).some((allowed) => file.startsWith(allowed)))
    .flatMap(({ file, code }) => [...new Set(code.match(NAMES) ?? [])].map((name) => `${file}: ${name}`));
}

describe('per-field decisions live in the field table', () => {
  it('no code outside the allowed places names a value field of the table', () => {
    expect(VALUE_FIELDS).toContain('resaleAccountModel');
    expect(offenders()).toEqual([]);
  });

  it('sees a field named in code, not in a comment', () => {
    expect(codeOf('// read resaleAccountModel\nconst x = 1;').match(NAMES)).toBeNull();
    expect(codeOf('if (entry.resaleAccountModel === undefined) return;').match(NAMES)).toEqual(['resaleAccountModel']);
  });
});
