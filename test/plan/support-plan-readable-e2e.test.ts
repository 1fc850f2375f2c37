/**
 * A support-plan change reads as plans, not fingerprints: apply records the plan readably in `pcc:support-plan`
 * (words and fingerprint), and the next plan shows `before → after` in words, in text, markdown and JSON.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SUPPORT_PLAN_TAG } from '../../src/model/ownership-tags.js';
import { supportPlanFingerprint } from '../../src/model/support-plan-tag.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { createWorkspace, entry, FAST, type Workspace } from '../support/e2e-helpers.js';
import { withEmulator } from '../support/emulator.js';
import { runCli } from '../support/run-cli.js';

const ENTERPRISE = { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } };
const UNIFIED = { resoldUnifiedOperations: { coverage: 'MANAGEMENT_ACCOUNT_ONLY', tamLocation: 'us-east-1' } };

const h = withEmulator({ idSeed: 77 }, { per: 'test', seed: (e) => void e.state.createPma({ id: 'pma-u8ic702rtzng8' }) });
let ws: Workspace | undefined;
afterEach(async () => ws?.remove());

describe('readable support-plan changes', () => {
  it('apply records the plan in words and fingerprint; the next plan shows the change in words', async () => {
    ws = await createWorkspace([entry(1, { requestedSupportPlan: ENTERPRISE })]);
    expect((await runCli([...FAST, 'apply', '--auto-approve'], { cwd: ws.cwd, env: h.env })).code).toBe(0);
    const [live] = h.state.relationships();
    expect(live?.tags[SUPPORT_PLAN_TAG]).toBe(`resoldEnterprise coverage=ENTIRE_ORGANIZATION tamLocation=us-east-1 ${supportPlanFingerprint(ENTERPRISE as never)}`);

    await ws.write([entry(1, { requestedSupportPlan: UNIFIED })]);
    const text = await runCli([...FAST, 'plan'], { cwd: ws.cwd, env: h.env });
    expect(text.stdout).toContain(
      '~ requestedSupportPlan: resoldEnterprise (ENTIRE_ORGANIZATION, TAM us-east-1) → resoldUnifiedOperations (MANAGEMENT_ACCOUNT_ONLY, TAM us-east-1)',
    );
    expect(text.stdout).not.toContain('fingerprint');
    const markdown = await runCli([...FAST, 'plan', '--format', 'markdown'], { cwd: ws.cwd, env: h.env });
    expect(markdown.stdout).toContain('- requestedSupportPlan = resoldEnterprise (ENTIRE_ORGANIZATION, TAM us-east-1)');
    expect(markdown.stdout).toContain('+ requestedSupportPlan = resoldUnifiedOperations (MANAGEMENT_ACCOUNT_ONLY, TAM us-east-1)');
    const json = JSON.parse((await runCli([...FAST, 'plan', '--format', 'json'], { cwd: ws.cwd, env: h.env })).stdout) as Plan;
    expect(json.changes[0]?.fields).toEqual([{ name: 'requestedSupportPlan', before: ENTERPRISE, after: UNIFIED, beforeUnknown: true }]);

    // Someone edits the words in the console: the fingerprint still decides, and the words are not trusted.
    h.state.setTags(live!.arn, { ...live!.tags, [SUPPORT_PLAN_TAG]: live!.tags[SUPPORT_PLAN_TAG]!.replace('us-east-1', 'eu-west-1') });
    const edited = await runCli([...FAST, 'plan'], { cwd: ws.cwd, env: h.env });
    expect(edited.stdout).toContain(`~ requestedSupportPlan: (fingerprint ${supportPlanFingerprint(ENTERPRISE as never)}) → resoldUnifiedOperations`);

    expect((await runCli([...FAST, 'apply', '--auto-approve'], { cwd: ws.cwd, env: h.env })).code).toBe(0);
    expect((await runCli([...FAST, 'plan', '--detailed-exitcode'], { cwd: ws.cwd, env: h.env })).code).toBe(0);
  });

  it('odd tamLocation values: words where the tag rules allow them, the fingerprint alone where not; both compare exactly', async () => {
    const plans = [
      { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'ap-südost=1' } },
      { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'eu west 1' } },
      { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1 sha256:00000000000000000000000000000000' } },
      { partnerLedSupport: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: '<b>`x`</b>', provider: 'DISTRIBUTOR' } },
    ];
    ws = await createWorkspace(plans.map((plan, i) => entry(i, { requestedSupportPlan: plan })));
    const applied = await runCli([...FAST, 'apply', '--auto-approve'], { cwd: ws.cwd, env: h.env });
    expect(applied.code, applied.stderr).toBe(0);
    const tagOf = (i: number) => h.state.relationships().find((r) => r.associatedAccountId === entry(i).associatedAccountId)?.tags[SUPPORT_PLAN_TAG];
    expect(tagOf(0)).toBe(`resoldEnterprise coverage=ENTIRE_ORGANIZATION tamLocation=ap-südost=1 ${supportPlanFingerprint(plans[0] as never)}`);
    for (const i of [1, 2, 3]) expect(tagOf(i)).toBe(supportPlanFingerprint(plans[i] as never));
    expect((await runCli([...FAST, 'plan', '--detailed-exitcode'], { cwd: ws.cwd, env: h.env })).code).toBe(0);

    await ws.write(plans.map((_, i) => entry(i, { requestedSupportPlan: ENTERPRISE })));
    const text = (await runCli([...FAST, 'plan'], { cwd: ws.cwd, env: h.env })).stdout;
    expect(text).toContain('~ requestedSupportPlan: resoldEnterprise (ENTIRE_ORGANIZATION, TAM ap-südost=1) → resoldEnterprise (ENTIRE_ORGANIZATION, TAM us-east-1)');
    expect(text).toContain(`~ requestedSupportPlan: (fingerprint ${supportPlanFingerprint(plans[1] as never)}) → resoldEnterprise`);
    expect(text.match(/Plan: 0 to create, 4 to update/)).not.toBeNull();
  });

  it('a value pcc did not write (no fingerprint) is shown as such, never passed off as a fingerprint or a plan', async () => {
    ws = await createWorkspace([entry(1, { requestedSupportPlan: ENTERPRISE })]);
    expect((await runCli([...FAST, 'apply', '--auto-approve'], { cwd: ws.cwd, env: h.env })).code).toBe(0);
    const [live] = h.state.relationships();
    h.state.setTags(live!.arn, { ...live!.tags, [SUPPORT_PLAN_TAG]: 'resoldUnifiedOperations coverage=MANAGEMENT_ACCOUNT_ONLY tamLocation=us-east-1' });
    const text = (await runCli([...FAST, 'plan'], { cwd: ws.cwd, env: h.env })).stdout;
    expect(text).toContain(
      '~ requestedSupportPlan: (unknown: pcc:support-plan holds "resoldUnifiedOperations coverage=MANAGEMENT_ACCOUNT_ONLY tamLocation=us-east-1", which pcc did not write) → resoldEnterprise (ENTIRE_ORGANIZATION, TAM us-east-1)',
    );
    expect(text).not.toContain('fingerprint');
  });
});
