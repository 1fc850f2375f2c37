import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANAGED_TAG, MANAGED_TAG_VALUE } from '../../src/model/ownership-tags.js';
import { REPO_ROOT } from './workflow-files.js';

const IAM_DIR = join(REPO_ROOT, 'docs', 'iam');

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: string | string[];
  Principal?: { Federated?: string };
  Condition?: Record<string, Record<string, string | string[]>>;
}
interface Policy {
  Version: string;
  Statement: Statement[];
}

const load = (name: string) => JSON.parse(readFileSync(join(IAM_DIR, name), 'utf8')) as Policy;
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const allowed = (p: Policy) => new Set(p.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => list(s.Action)));

const READ = ['partnercentral:GetRelationship', 'partnercentral:ListChannelHandshakes', 'partnercentral:ListRelationships', 'partnercentral:ListTagsForResource'];
const WRITE = [
  'partnercentral:CancelChannelHandshake',
  'partnercentral:CreateChannelHandshake',
  'partnercentral:CreateRelationship',
  'partnercentral:GetProgramManagementAccount', // CreateRelationship's documented dependency
  'partnercentral:TagResource',
  'partnercentral:UntagResource',
  'partnercentral:UpdateRelationship',
];
/** The Partner Central actions that exist for what pcc does (Service Authorization Reference). */
const KNOWN_ACTIONS = new Set([...READ, ...WRITE, 'partnercentral:DeleteRelationship']);

const OIDC_PROVIDER = 'arn:aws:iam::ACCOUNT_ID:oidc-provider/token.actions.githubusercontent.com';

/** Problems with a GitHub OIDC trust policy: exact subjects only, the STS audience, this provider. */
function checkTrustPolicy(policy: Policy, subjects: string[]): string[] {
  const problems: string[] = [];
  if (policy.Version !== '2012-10-17') problems.push('Version is not 2012-10-17');
  for (const s of policy.Statement) {
    if (s.Effect !== 'Allow') continue;
    if (s.Principal?.Federated !== OIDC_PROVIDER) problems.push(`principal is ${JSON.stringify(s.Principal)}`);
    if (list(s.Action).join() !== 'sts:AssumeRoleWithWebIdentity') problems.push(`action is ${list(s.Action).join()}`);
    const operators = Object.keys(s.Condition ?? {});
    if (operators.join() !== 'StringEquals') problems.push(`conditions use ${operators.join() || 'nothing'}, not only StringEquals`);
    const equals = s.Condition?.StringEquals ?? {};
    if (equals['token.actions.githubusercontent.com:aud'] !== 'sts.amazonaws.com') problems.push('audience is not sts.amazonaws.com');
    const sub = list(equals['token.actions.githubusercontent.com:sub']);
    if (sub.join('\n') !== subjects.join('\n')) problems.push(`subjects are ${JSON.stringify(sub)}`);
    if (sub.some((v) => /[*?]/.test(v))) problems.push('a subject has a wildcard');
  }
  return problems;
}

describe('docs/iam', () => {
  it('has valid JSON policies with the placeholders marked, and a README naming each', () => {
    const files = readdirSync(IAM_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual(['apply-policy.json', 'apply-trust-policy.json', 'plan-policy.json', 'plan-trust-policy.json', 'prune-policy.json', 'prune-trust-policy.json']);
    const readme = readFileSync(join(IAM_DIR, 'README.md'), 'utf8');
    for (const file of files) {
      const text = readFileSync(join(IAM_DIR, file), 'utf8');
      expect(() => JSON.parse(text), file).not.toThrow();
      expect(load(file).Version, file).toBe('2012-10-17');
      expect(text, file).toContain('ACCOUNT_ID');
      expect(text, file).not.toMatch(/\b\d{12}\b/); // no real account id
      expect(readme, file).toContain(`(${file})`);
    }
  });

  it('grants handshake actions only in the AWS and Sandbox catalogs, and never accept, reject or revoke', () => {
    for (const file of ['plan-policy.json', 'apply-policy.json']) {
      const handshakes = load(file).Statement.filter((s) => list(s.Action).some((a) => a.includes('ChannelHandshake')));
      expect(handshakes.length, file).toBeGreaterThan(0);
      for (const s of handshakes) expect(s.Condition, `${file} ${s.Sid}`).toEqual({ StringEquals: { 'partnercentral:Catalog': ['AWS', 'Sandbox'] } });
      expect(readFileSync(join(IAM_DIR, file), 'utf8')).not.toMatch(/Accept|Reject/);
    }
  });

  it('uses only IAM actions that exist for Partner Central relationships', () => {
    for (const file of ['plan-policy.json', 'apply-policy.json', 'prune-policy.json']) {
      for (const action of load(file).Statement.flatMap((s) => list(s.Action))) expect(KNOWN_ACTIONS, `${file}: ${action}`).toContain(action);
    }
  });

  it('the plan role only reads', () => {
    expect([...allowed(load('plan-policy.json'))].sort()).toEqual(READ);
  });

  it('the apply role reads, creates, updates and tags (also removing pcc:managed: a release), and cannot delete', () => {
    const policy = load('apply-policy.json');
    expect([...allowed(policy)].sort()).toEqual([...READ, ...WRITE].sort());
    // A release (`released:`, reviewed in a pull request) removes pcc:managed: no Deny may stand in its way.
    expect(policy.Statement.filter((s) => s.Effect === 'Deny')).toEqual([]);
  });

  it('deletes only in the prune policy, and only relationships pcc manages', () => {
    for (const file of ['plan-policy.json', 'apply-policy.json']) {
      expect(readFileSync(join(IAM_DIR, file), 'utf8'), file).not.toContain('Delete');
    }
    const [statement, ...rest] = load('prune-policy.json').Statement;
    expect(rest).toEqual([]);
    expect(statement?.Effect).toBe('Allow');
    expect(list(statement?.Action)).toEqual(['partnercentral:DeleteRelationship']);
    expect(statement?.Condition).toEqual({ StringEquals: { [`aws:ResourceTag/${MANAGED_TAG}`]: MANAGED_TAG_VALUE } });
    expect(list(statement?.Resource)).toEqual(['arn:aws:partnercentral:*:ACCOUNT_ID:catalog/*/program-management-account/*/relationship/*']);
  });

  it('scopes relationship actions to the account’s relationship ARNs; "*" only where IAM has no resource type', () => {
    for (const file of ['plan-policy.json', 'apply-policy.json']) {
      for (const s of load(file).Statement.filter((st) => st.Effect === 'Allow')) {
        for (const resource of list(s.Resource)) {
          if (resource === '*') {
            expect(list(s.Action), `${file} ${s.Sid}`).toEqual(
              expect.arrayContaining([
                expect.stringMatching(
                  /^partnercentral:(ListTagsForResource|GetProgramManagementAccount|ListChannelHandshakes|CreateChannelHandshake|CancelChannelHandshake)$/,
                ),
              ]),
            );
            expect(list(s.Action).length).toBe(1);
          } else {
            expect(resource).toMatch(/^arn:aws:partnercentral:\*:ACCOUNT_ID:catalog\/\*\/program-management-account\/\*(\/relationship\/\*)?$/);
          }
        }
      }
    }
  });

  it('trusts GitHub OIDC for the right pull requests, branch and environments only', () => {
    expect(checkTrustPolicy(load('plan-trust-policy.json'), ['repo:OWNER/REPO:pull_request', 'repo:OWNER/REPO:ref:refs/heads/main'])).toEqual([]);
    // The service-periods workflow's apply job sends handshakes with the apply role, from its own gated environment.
    expect(
      checkTrustPolicy(load('apply-trust-policy.json'), ['repo:OWNER/REPO:environment:production', 'repo:OWNER/REPO:environment:production-service-periods']),
    ).toEqual([]);
    expect(checkTrustPolicy(load('prune-trust-policy.json'), ['repo:OWNER/REPO:environment:production-prune'])).toEqual([]);
  });

  it('the trust check rejects a permissive policy', () => {
    const permissive: Policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: OIDC_PROVIDER },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:OWNER/REPO:*' } },
        },
      ],
    };
    expect(checkTrustPolicy(permissive, ['repo:OWNER/REPO:environment:production'])).toEqual([
      'conditions use StringLike, not only StringEquals',
      'audience is not sts.amazonaws.com',
      'subjects are []',
    ]);
  });
});
