import { describe, expect, it } from 'vitest';
import { checkIam } from '../../compiler/iam-checks/check-iam.js';
import { applyAcknowledgements, finding } from '../../compiler/iam-checks/finding.js';
import type { CfnResource, JsonObject } from '../../compiler/model/cfn.js';
import { boundaryArn, ENVS, policy, role, serviceTrust, stack } from './support/builders.js';

interface Case {
  readonly name: string;
  readonly resource: CfnResource;
  /** Expected codes, in order; empty for a clean policy. */
  readonly codes: readonly string[];
  /** The first finding's hint, where the catalog can say what was meant (null: no guess, the code's fix shows). */
  readonly hint?: string | null;
}

const allow = (statement: JsonObject): JsonObject => ({ Effect: 'Allow', ...statement });

const CASES: readonly Case[] = [
  { name: 'clean least-privilege role', resource: role([allow({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:us-west-2:111122223333:log-group:x:*' })]), codes: [] },
  { name: 'unknown service', resource: role([allow({ Action: 'logz:PutLogEvents', Resource: '*' })]), codes: ['IAM101'], hint: 'did you mean "logs:PutLogEvents"?' },
  { name: 'unknown service, nothing like it', resource: role([allow({ Action: 'qqqqqqqq:Get', Resource: '*' })]), codes: ['IAM101'], hint: null },
  { name: 'unknown action', resource: role([allow({ Action: 'sqs:ReceiveMessages', Resource: '*' })]), codes: ['IAM102'], hint: 'did you mean "sqs:ReceiveMessage"?' },
  { name: 'misspelt action', resource: role([allow({ Action: 'sqs:RecieveMessage', Resource: '*' })]), codes: ['IAM102'], hint: 'did you mean "sqs:ReceiveMessage"?' },
  { name: 'action without service', resource: role([allow({ Action: 'GetObject', Resource: '*' })]), codes: ['IAM102'], hint: null },
  { name: 'pattern matching nothing', resource: role([allow({ Action: 's3:Fetch*', Resource: '*' })]), codes: ['IAM103'], hint: null },
  { name: 'misspelt start of a pattern', resource: role([allow({ Action: 's3:Gxt*', Resource: '*' })]), codes: ['IAM103'], hint: 'did you mean "s3:Get*"?' },
  { name: 'misspelt pattern', resource: role([allow({ Action: 'sqs:Recieve*', Resource: '*' })]), codes: ['IAM103'], hint: 'did you mean "sqs:Receive*"?' },
  { name: 'pattern whose start is as close to several (Get, Put)', resource: role([allow({ Action: 's3:Pet*', Resource: '*' })]), codes: ['IAM103'], hint: null },
  { name: 'pattern matching something', resource: role([allow({ Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' })]), codes: [] },
  { name: 'case-insensitive action', resource: role([allow({ Action: 'S3:getobject', Resource: 'arn:aws:s3:::b/*' })]), codes: [] },
  { name: 'unknown condition key', resource: role([allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:SourceAcount': '111122223333' } } })]), codes: ['IAM104'] },
  { name: 'known global and service condition keys', resource: role([allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a', 's3:prefix': 'x' } } })]), codes: [] },
  { name: 'iam:PassRole on *', resource: role([allow({ Action: 'iam:PassRole', Resource: '*' })]), codes: ['IAM105'] },
  { name: 'iam:Pass* on *', resource: role([allow({ Action: 'iam:Pass*', Resource: '*' })]), codes: ['IAM105'] },
  { name: 'iam:PassRole on one role', resource: role([allow({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/x' })]), codes: [] },
  { name: 'Allow with NotAction', resource: role([allow({ NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' })]), codes: ['IAM106'] },
  { name: 'Allow with NotResource', resource: role([allow({ Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b/*' })]), codes: ['IAM107'] },
  { name: 'Deny with NotAction is fine', resource: role([{ Effect: 'Deny', NotAction: 's3:*', Resource: '*' }]), codes: [] },
  { name: 'wildcard admin', resource: role([allow({ Action: '*', Resource: '*' })]), codes: ['IAM108'] },
  { name: 'AdministratorAccess attached', resource: role([], { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }), codes: ['IAM108'] },
  { name: 'role without boundary', resource: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: serviceTrust() } }, codes: ['IAM109'] },
  { name: 'role with another boundary', resource: role([], { PermissionsBoundary: boundaryArn('prod') }), codes: ['IAM109'] },
  { name: 'user without boundary', resource: { Type: 'AWS::IAM::User', Properties: {} }, codes: ['IAM109'] },
  { name: 'trust any principal', resource: role([], { AssumeRolePolicyDocument: policy(allow({ Principal: '*', Action: 'sts:AssumeRole' })) }), codes: ['IAM110'] },
  { name: 'trust AWS "*"', resource: role([], { AssumeRolePolicyDocument: policy(allow({ Principal: { AWS: '*' }, Action: 'sts:AssumeRole' })) }), codes: ['IAM110'] },
  { name: 'trust undeclared account', resource: role([], { AssumeRolePolicyDocument: policy(allow({ Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' })) }), codes: ['IAM111'] },
  { name: 'trust own account', resource: role([], { AssumeRolePolicyDocument: policy(allow({ Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'sts:AssumeRole' })) }), codes: [] },
  { name: 'trust a trusted account', resource: role([], { AssumeRolePolicyDocument: policy(allow({ Principal: { AWS: '777788889999' }, Action: 'sts:AssumeRole' })) }), codes: [] },
  { name: 'trust another environment', resource: role([], { AssumeRolePolicyDocument: policy(allow({ Principal: { AWS: 'arn:aws:iam::444455556666:role/deployer' }, Action: 'sts:AssumeRole' })) }), codes: [] },
  {
    name: 'resource policy with wildcard admin',
    resource: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'b', PolicyDocument: policy(allow({ Principal: { Service: 'logs.amazonaws.com' }, Action: '*', Resource: '*' })) } },
    codes: ['IAM108'],
  },
];

describe('offline IAM checks', () => {
  it.each(CASES)('$name', async ({ resource, codes, hint }) => {
    const findings = await checkIam([stack({ resources: { Subject: resource } })], { environments: ENVS });
    expect(findings.map((f) => f.diagnostic.code)).toEqual(codes);
    for (const f of findings) expect(f.resource).toBe('Subject');
    if (hint !== undefined) expect(findings[0]?.diagnostic.hint ?? null).toBe(hint);
  });

  it('names the action as written and keeps it, so the report can point at it in the spec', async () => {
    const findings = await checkIam([stack({ resources: { Subject: role([allow({ Action: ['s3:GetObject', 'iam:Pass*'], Resource: '*' })]) } })], { environments: ENVS });
    expect(findings.map((f) => [f.diagnostic.code, f.diagnostic.message, f.value])).toEqual([
      ['IAM105', 'iam:Pass* (includes iam:PassRole) on Resource "*" lets any role be passed to a service', 'iam:Pass*'],
    ]);
  });

  it('allows everything only in the environment boundary', async () => {
    const allowAll = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
    const boundary: CfnResource = { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'demo-dev-boundary', PolicyDocument: allowAll } };
    const other: CfnResource = { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'demo-dev-admin', PolicyDocument: allowAll } };
    const findings = await checkIam([stack({ resources: { Boundary: boundary, Other: other } })], { environments: ENVS });
    expect(findings.map((f) => [f.resource, f.diagnostic.code])).toEqual([['Other', 'IAM108']]);
  });

  it('reports a statement on its spec line, and the resource line when the statement is not mapped', async () => {
    const resource = role([
      allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }),
      allow({ Action: 'sqs:ReceiveMessages', Resource: '*' }),
    ], { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] });
    const s = stack({ resources: { HostRole: resource }, lines: { HostRole: 40, 'HostRole/Properties.Policies.0.PolicyDocument.Statement.1': 44 } });
    const findings = await checkIam([s], { environments: ENVS });
    const rendered = findings.map((f) => `${f.diagnostic.position?.line} ${f.diagnostic.code} ${f.diagnostic.severity}`);
    expect(rendered).toEqual(['40 IAM108 SECURITY_WARNING', '44 IAM102 ERROR']);
    expect(findings[1]?.diagnostic.message).toContain('unknown action "sqs:ReceiveMessages"');
  });

  it('marks acknowledged findings with the reason instead of hiding them', async () => {
    const s = stack({ resources: { Deployer: role([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]) } });
    const findings = await checkIam([s], { environments: ENVS });
    const acked = applyAcknowledgements(findings, [{ code: 'IAM105', env: 'dev', resource: 'Deployer', reason: 'bootstrap role, removed in Q3' }]);
    expect(acked).toHaveLength(1);
    expect(acked[0]?.acknowledged).toBe('bootstrap role, removed in Q3');
    const otherEnv = applyAcknowledgements(findings, [{ code: 'IAM105', env: 'prod', reason: 'x' }]);
    expect(otherEnv[0]?.acknowledged).toBeUndefined();
  });

  it.each<[string, boolean]>([
    ['iam.roles.shipper', true],
    ['iam.roles.shipper.allow[1]', true],
    ['iam.roles.shipper.allow.1', true],
    ['iam/roles/shipper/allow/1/actions[0]', true],
    ['iam.roles.shipper.allow[0]', false],
    ['iam.roles.ship', false],
    ['', false],
  ])('acknowledges by the spec path %j as explain and the findings print it: %s', (resource, matched) => {
    const found = finding({
      code: 'IAM102', severity: 'ERROR', message: 'unknown action "sqs:ReceiveMessages"', env: 'dev', resource: 'ShipperRole',
      where: { file: 'specs/a.platform.yaml', path: ['iam', 'roles', 'shipper', 'allow', 1, 'actions', 0] },
    });
    const [acked] = applyAcknowledgements([found], [{ code: 'IAM102', resource, reason: 'r' }]);
    expect(acked?.acknowledged !== undefined).toBe(matched);
  });
});
