/** Only a PMA read as ACTIVE lets anything under it be attempted: relationships and their service periods (issue 21). */
import { describe, expect, it } from 'vitest';
import type { DesiredProgramManagementAccount } from '../../src/kinds/program-management-account/desired-pma.js';
import type { LiveProgramManagementAccountState } from '../../src/kinds/program-management-account/pma-live-state.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderPlan } from '../../src/render/index.js';
import { renderApplyMarkdown } from '../../src/render/render-apply.js';
import type { LiveState } from '../../src/live/live-state.js';
import { desiredEntry, desiredState, liveEntry, MANAGED } from '../support/state-builders.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const PMA_ID = 'pma-hold000000001';

const declared: DesiredProgramManagementAccount = {
  name: 'emea',
  catalog: 'AWS',
  program: 'DISTRIBUTION',
  accountId: '111122223333',
  displayName: 'EMEA',
  tags: {},
  address: 'AWS/DISTRIBUTION/111122223333',
  source: { file: 'relationships/pmas.yaml', line: 3, column: 5 },
  entry: { docIndex: 0, index: 0 },
};

function livePma(status: string | undefined): LiveProgramManagementAccountState {
  const pma = {
    id: PMA_ID,
    arn: `arn:aws:partnercentral:us-east-1:000000000000:catalog/AWS/program-management-account/${PMA_ID}`,
    catalog: 'AWS',
    program: 'DISTRIBUTION',
    accountId: '111122223333',
    displayName: 'EMEA',
    revision: '1',
    tags: { ...MANAGED },
  } as LiveProgramManagementAccountState;
  if (status !== undefined) pma.status = status;
  return pma;
}

/** An existing, matching relationship under the PMA (by id) declaring a service period, and a new one. */
function planUnder(status: string | undefined) {
  const withPeriod = desiredEntry('210000000031', {
    programManagementAccountIdentifier: PMA_ID,
    pmaId: PMA_ID,
    address: `AWS/${PMA_ID}/210000000031`,
    servicePeriod: { type: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: 30 },
  });
  const fresh = desiredEntry('210000000032', { programManagementAccountIdentifier: PMA_ID, pmaId: PMA_ID, address: `AWS/${PMA_ID}/210000000032` });
  const existing = liveEntry('210000000031', 'rs-aaaaaaaaaaa01', { programManagementAccountId: PMA_ID, tags: { ...MANAGED } });
  const desired = { ...desiredState([withPeriod, fresh]), programManagementAccounts: [declared] };
  const live = { relationships: [existing], programManagementAccounts: [livePma(status)], pmaHandshakes: [], serviceHandshakes: [] } as unknown as LiveState;
  return buildPlan(desired, live, { prune: false, allowReplace: false, dir: 'relationships', now: NOW });
}

describe('a PMA not read as ACTIVE holds everything under it', () => {
  it.each([
    ['no status', undefined, 'pma-status-unknown'],
    ['an unknown status', 'SUSPENDED', 'pma-status-unknown'],
    ['INACTIVE', 'INACTIVE', 'pma-inactive'],
  ])('%s: no create, no service period request, a warning that says why', (_, status, code) => {
    const plan = planUnder(status);
    const relationships = plan.changes.filter((c) => c.kind === 'relationship');
    expect(relationships.map((c) => [c.action, c.reasonCode])).toEqual([
      ['no-op', code],
      ['no-op', code],
    ]);
    expect(relationships.every((c) => (c.warnings ?? []).some((w) => w.includes('nothing under it is attempted')))).toBe(true);
    expect(plan.changes.filter((c) => c.kind === 'servicePeriod').map((c) => [c.action, c.reasonCode])).toEqual([['no-op', 'service-period-waiting']]);
    expect(plan.summary.create ?? 0).toBe(0);
    expect(plan.summary.request ?? 0).toBe(0);
  });

  it('PENDING: the new one waits, the existing one stays a plain no-op, and its service period is not requested', () => {
    const plan = planUnder('PENDING');
    expect(plan.changes.map((c) => [c.kind, c.action, c.reasonCode])).toEqual(
      expect.arrayContaining([
        ['relationship', 'no-op', 'pma-not-active'],
        ['servicePeriod', 'no-op', 'service-period-waiting'],
      ]),
    );
    expect(plan.summary.request ?? 0).toBe(0);
    expect(plan.summary.create ?? 0).toBe(0);
  });

  it('ACTIVE: the new one is created and the service period requested', () => {
    const plan = planUnder('ACTIVE');
    expect(plan.summary.create).toBe(1);
    expect(plan.summary.request).toBe(1);
  });

  it('a plan whose only changes are held back says so, in text and markdown, never that the live state matches', () => {
    const plan = planUnder('SUSPENDED');
    for (const format of ['text', 'markdown'] as const) {
      const rendered = renderPlan(plan, format, { color: false });
      expect(rendered, format).not.toContain('Live state matches the files');
      expect(rendered, format).toContain('No changes to apply: 3 held back');
    }
  });

  it("apply's job summary, with nothing applied because everything is held back, says so too", () => {
    const plan = planUnder('INACTIVE');
    const empty = { outcomes: [], summary: { created: 0, updated: 0, adopted: 0, replaced: 0, deleted: 0, failed: 0, skipped: 0 } };
    const markdown = renderApplyMarkdown(empty, plan);
    expect(markdown).not.toContain('Live state matches the files');
    expect(markdown).toContain('No changes to apply: 3 held back');
  });
});
