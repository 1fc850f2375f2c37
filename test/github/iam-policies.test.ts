import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANAGED_TAG, MANAGED_TAG_VALUE } from '../../src/model/ownership-tags.js';
import { sourceFiles } from '../support/source-files.js';
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

const READ = [
  'partnercentral:GetRelationship',
  'partnercentral:ListChannelHandshakes',
  'partnercentral:ListProgramManagementAccounts',
  'partnercentral:ListRelationships',
  'partnercentral:ListTagsForResource',
];
const WRITE = [
  'partnercentral:CancelChannelHandshake',
  'partnercentral:CreateChannelHandshake',
  'partnercentral:CreateProgramManagementAccount',
  'partnercentral:CreateRelationship',
  'partnercentral:GetProgramManagementAccount', // CreateRelationship's documented dependency
  'partnercentral:TagResource',
  'partnercentral:UntagResource',
  'partnercentral:UpdateProgramManagementAccount',
  'partnercentral:UpdateRelationship',
];
const DELETE = ['partnercentral:DeleteProgramManagementAccount', 'partnercentral:DeleteRelationship'];
/** The Partner Central actions that exist for what pcc does (Service Authorization Reference). */
const KNOWN_ACTIONS = new Set([...READ, ...WRITE, ...DELETE]);

const PMA_ARN = 'arn:aws:partnercentral:*:ACCOUNT_ID:catalog/*/program-management-account/*';
const RELATIONSHIP_ARN = `${PMA_ARN}/relationship/*`;
const CATALOGS = { 'partnercentral:Catalog': ['AWS', 'Sandbox'] };
/** The service model's HandshakeType values, which its `partnercentral:ChannelHandshakeType` condition key takes. */
const HANDSHAKE_TYPES = ['START_SERVICE_PERIOD', 'REVOKE_SERVICE_PERIOD', 'PROGRAM_MANAGEMENT_ACCOUNT'];

/** The Allow statements that grant `action`. */
const granting = (policy: Policy, action: string) => policy.Statement.filter((s) => s.Effect === 'Allow' && list(s.Action).includes(action));

/** The operations the product sends through the AWS SDK (`new XCommand(`), as IAM actions (same names). */
function operationsSent(): string[] {
  const operations = sourceFiles().flatMap(({ code }) => [...code.matchAll(/\bnew ([A-Z][A-Za-z]+)Command\(/g)].map((m) => `partnercentral:${m[1]}`));
  return [...new Set(operations)].sort();
}

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
      for (const s of handshakes) expect(s.Condition?.StringEquals?.['partnercentral:Catalog'], `${file} ${s.Sid}`).toEqual(CATALOGS['partnercentral:Catalog']);
      expect(readFileSync(join(IAM_DIR, file), 'utf8')).not.toMatch(/Accept|Reject/);
    }
  });

  it('sends each type of handshake only by a statement scoped to it with partnercentral:ChannelHandshakeType', () => {
    const statements = granting(load('apply-policy.json'), 'partnercentral:CreateChannelHandshake');
    const typesOf = (s: Statement) => list(s.Condition?.StringEquals?.['partnercentral:ChannelHandshakeType']);
    for (const s of statements) {
      expect(list(s.Action), s.Sid).toEqual(['partnercentral:CreateChannelHandshake']);
      expect(Object.keys(s.Condition ?? {}), s.Sid).toEqual(['StringEquals']);
      expect(Object.keys(s.Condition?.StringEquals ?? {}).sort(), s.Sid).toEqual(['partnercentral:Catalog', 'partnercentral:ChannelHandshakeType']);
      expect(typesOf(s).length, s.Sid).toBeGreaterThan(0);
      for (const type of typesOf(s)) expect(HANDSHAKE_TYPES, s.Sid).toContain(type);
    }
    // The PMA invitation has a statement of its own, so that a role may be given service periods without it.
    expect(statements.map(typesOf)).toEqual([['START_SERVICE_PERIOD', 'REVOKE_SERVICE_PERIOD'], ['PROGRAM_MANAGEMENT_ACCOUNT']]);
    expect(readFileSync(join(IAM_DIR, 'plan-policy.json'), 'utf8')).not.toContain('CreateChannelHandshake');
  });

  it('lists program management accounts only in the AWS and Sandbox catalogs', () => {
    for (const file of ['plan-policy.json', 'apply-policy.json']) {
      const statements = granting(load(file), 'partnercentral:ListProgramManagementAccounts');
      expect(statements.length, file).toBe(1);
      expect(statements[0]?.Condition, file).toEqual({ StringEquals: CATALOGS });
    }
  });

  it('creates program management accounts in the two catalogs (no ARN exists yet); updates and untags them only on the account’s PMA ARNs', () => {
    const policy = load('apply-policy.json');
    // As AWSPartnerCentralChannelManagement grants it: the PMA a create makes has no ARN to scope the grant to.
    const creating = granting(policy, 'partnercentral:CreateProgramManagementAccount');
    expect(creating.length).toBe(1);
    expect(list(creating[0]?.Resource)).toEqual(['*']);
    expect(creating[0]?.Condition).toEqual({ StringEquals: CATALOGS });
    const updating = granting(policy, 'partnercentral:UpdateProgramManagementAccount');
    expect(updating.length).toBe(1);
    expect(list(updating[0]?.Resource)).toEqual([PMA_ARN]);
    expect(updating[0]?.Condition).toBeUndefined();
    // Adopting a PMA tags it; a changed user tag is removed from it.
    for (const action of ['partnercentral:TagResource', 'partnercentral:UntagResource']) {
      expect(
        granting(policy, action).flatMap((s) => list(s.Resource)),
        action,
      ).toContain(PMA_ARN);
    }
  });

  it('grants every operation the product sends: reads to plan, writes to apply, deletes only to prune', () => {
    const sent = operationsSent();
    // The SDK adapters are found: a renamed import style must not make this test pass on nothing.
    expect(sent).toEqual(expect.arrayContaining(['partnercentral:CreateRelationship', 'partnercentral:ListRelationships']));
    const plan = allowed(load('plan-policy.json'));
    const apply = allowed(load('apply-policy.json'));
    const prune = allowed(load('prune-policy.json'));
    for (const operation of sent) {
      if (DELETE.includes(operation)) expect(prune, operation).toContain(operation);
      else expect(apply, operation).toContain(operation);
      if (/^partnercentral:(List|Get)/.test(operation)) expect(plan, operation).toContain(operation);
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

  it('deletes only in the prune policy, and only relationships and PMAs pcc manages', () => {
    for (const file of ['plan-policy.json', 'apply-policy.json']) {
      expect(readFileSync(join(IAM_DIR, file), 'utf8'), file).not.toContain('Delete');
    }
    const statements = load('prune-policy.json').Statement;
    expect(statements.map((s) => [list(s.Action), list(s.Resource)])).toEqual([
      [['partnercentral:DeleteRelationship'], [RELATIONSHIP_ARN]],
      [['partnercentral:DeleteProgramManagementAccount'], [PMA_ARN]],
    ]);
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      expect(statement.Condition).toEqual({ StringEquals: { [`aws:ResourceTag/${MANAGED_TAG}`]: MANAGED_TAG_VALUE } });
    }
  });

  it('scopes relationship actions to the account’s relationship ARNs; "*" only where IAM has no resource type', () => {
    for (const file of ['plan-policy.json', 'apply-policy.json']) {
      for (const s of load(file).Statement.filter((st) => st.Effect === 'Allow')) {
        for (const resource of list(s.Resource)) {
          if (resource === '*') {
            expect(list(s.Action), `${file} ${s.Sid}`).toEqual(
              expect.arrayContaining([
                expect.stringMatching(
                  /^partnercentral:(ListTagsForResource|GetProgramManagementAccount|ListProgramManagementAccounts|CreateProgramManagementAccount|ListChannelHandshakes|CreateChannelHandshake|CancelChannelHandshake)$/,
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
