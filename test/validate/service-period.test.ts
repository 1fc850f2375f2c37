/** `servicePeriod` on an entry: the built CLI accepts the two shapes and names what is wrong with others. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function validate(periods: string[]): Promise<{ code: number | null; stderr: string }> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'pcc-sp-'));
  dirs.push(cwd);
  await mkdir(path.join(cwd, 'relationships'));
  const entries = periods.map(
    (period, i) =>
      `  - associatedAccountId: "11112222${String(3000 + i)}"\n    associationType: END_CUSTOMER\n    displayName: R${i}\n    sector: COMMERCIAL\n    servicePeriod:\n${period}`,
  );
  await writeFile(
    path.join(cwd, 'relationships', 'a.yaml'),
    `catalog: AWS\nprogramManagementAccountIdentifier: pma-aaaaaaaaaaaa1\nrelationships:\n${entries.join('\n')}\n`,
  );
  const result = await runCli(['validate', '--dir', 'relationships'], { cwd });
  return { code: result.code, stderr: result.stderr };
}

describe('servicePeriod in files', () => {
  it('accepts a minimum notice period and a fixed commitment with a note', async () => {
    const result = await validate([
      '      type: MINIMUM_NOTICE_PERIOD\n      minimumNoticeDays: 30',
      '      type: FIXED_COMMITMENT_PERIOD\n      endDate: 2027-06-30\n      note: Renewal agreed by phone',
    ]);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
  });

  it('names each wrong period at its line: bad days, missing endDate, a member of the other type, a bad day, an unknown type', async () => {
    const result = await validate([
      '      type: MINIMUM_NOTICE_PERIOD\n      minimumNoticeDays: 45',
      '      type: FIXED_COMMITMENT_PERIOD\n      minimumNoticeDays: 30',
      '      type: FIXED_COMMITMENT_PERIOD\n      endDate: 2027-13-01',
      '      type: YEARLY',
      '      type: MINIMUM_NOTICE_PERIOD\n      minimumNoticeDays: 14\n      note: ""',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/a\.yaml:10:\d+: error: minimumNoticeDays .*45.* is not one of 14, 30, 60/);
    expect(result.stderr).toMatch(/a\.yaml:\d+:\d+: error: servicePeriod has no endDate/);
    expect(result.stderr).toMatch(/a\.yaml:17:\d+: error: minimumNoticeDays is not allowed here/);
    expect(result.stderr).toMatch(/a\.yaml:24:\d+: error: endDate "2027-13-01" is not valid/);
    expect(result.stderr).toMatch(/a\.yaml:\d+:\d+: error: type "YEARLY" is not one of MINIMUM_NOTICE_PERIOD, FIXED_COMMITMENT_PERIOD/);
    expect(result.stderr).toMatch(/a\.yaml:38:\d+: error: note "" is not valid .*\n  hint: A note is 1-300 characters/);
  });
});
