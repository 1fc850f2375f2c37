/**
 * blockedFieldPositions reads each file again to point at the field that forces a blocked replacement. Many blocked
 * replacements in one file (a sector changed across it) must read and parse that file once, not once per change:
 * 1,000 of them took 75 s when each re-parsed the file.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/desired/read-source.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/desired/read-source.js')>();
  return { ...original, readSourceFile: (...args: Parameters<typeof original.readSourceFile>) => (reads.count++, original.readSourceFile(...args)) };
});

const { blockedFieldPositions } = await import('../../src/commands/blocked-field-positions.js');
const { loadDesired } = await import('../../src/desired/load-desired.js');

describe('blockedFieldPositions', () => {
  it('reads a file once for all its blocked replacements, and points at each one’s field', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'pcc-blocked-'));
    await mkdir(join(cwd, 'relationships'));
    const lines = ['catalog: AWS', 'programManagementAccountIdentifier: pma-u8ic702rtzng8', 'relationships:'];
    for (let i = 0; i < 5; i++)
      lines.push(`  - associatedAccountId: "${100000000000 + i}"`, '    associationType: END_CUSTOMER', `    displayName: C ${i}`, '    sector: GOVERNMENT');
    await writeFile(join(cwd, 'relationships', 'a.yaml'), `${lines.join('\n')}\n`);
    const { desired } = await loadDesired({ dir: 'relationships', cwd });
    const plan = {
      changes: desired.relationships.map((r) => ({
        address: r.address,
        action: 'replace',
        blocked: true,
        fields: [{ name: 'sector', before: 'COMMERCIAL', after: 'GOVERNMENT', forcesReplace: true }],
      })),
    };
    reads.count = 0;
    const positions = await blockedFieldPositions(plan as never, desired, cwd);
    expect(reads.count).toBe(1);
    expect([...positions.values()]).toEqual([0, 1, 2, 3, 4].map((i) => ({ file: 'relationships/a.yaml', line: 7 + 4 * i, column: 13 })));
  });
});
