import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BOUNDARY_ESCAPING_ACTIONS } from '../../compiler/access-analyzer/codes.js';
import { createAnalyzerApi } from '../../compiler/access-analyzer/analyzer-api.js';
import { referenceFromFiles, referenceFromStacks } from '../../compiler/access-analyzer/reference-policies.js';
import { runAccessAnalyzer, type AccessAnalyzerOptions } from '../../compiler/access-analyzer/run-access-analyzer.js';
import { directoryCache } from '../../compiler/cache/result-cache.js';
import type { AnalyzerEnvironment } from '../../compiler/access-analyzer/resolve-policy.js';
import { isBlocking } from '../../compiler/diagnostics/diagnostic.js';
import type { AssembledStack } from '../../compiler/assemble/stack.js';
import { applyAcknowledgements } from '../../compiler/iam-checks/finding.js';
import { ok, startFakeAccessAnalyzer, throttling, validationError, type FakeAccessAnalyzer, type Handler, type RecordedRequest } from './support/access-analyzer-server.js';
import { policy, role, SPEC, stack } from './support/builders.js';

const ENVS: readonly AnalyzerEnvironment[] = [{ name: 'dev', account: '111122223333', region: 'us-west-2', partition: 'aws' }];
const FAST_RETRY = { attempts: 3, baseDelayMs: 1, maxDelayMs: 4 };

/** One environment: a role whose inline policy names a log group by GetAtt and pseudo parameters, and a bucket policy. */
function fixture(): AssembledStack {
  return stack({
    resources: {
      Overlay: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/demo/dev/overlay' } },
      Archive: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'demo-dev-archive-${AWS::AccountId}' } } },
      ShipperRole: role([
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': ['Overlay', 'Arn'] } },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*' } },
      ], { RoleName: 'demo-dev-log-shipper' }),
      ArchivePolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Archive' },
          PolicyDocument: policy({
            Effect: 'Allow', Principal: { Service: { 'Fn::Sub': 'logs.${AWS::Region}.${AWS::URLSuffix}' } }, Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Archive', 'Arn'] }, '/*']] },
          }),
        },
      },
    },
    lines: {
      ShipperRole: 20,
      'ShipperRole/Properties.Policies.0.PolicyDocument.Statement.0': 22,
      'ShipperRole/Properties.Policies.0.PolicyDocument.Statement.1': 23,
      'ShipperRole/Properties.AssumeRolePolicyDocument.Statement.0': 21,
      ArchivePolicy: 30,
    },
  });
}

function policyOf(request: RecordedRequest, field = 'policyDocument'): string {
  return String(request.body[field]);
}

let server: FakeAccessAnalyzer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(handler: Handler, extra: Partial<AccessAnalyzerOptions> = {}, stacks = [fixture()]) {
  server = await startFakeAccessAnalyzer(handler);
  const endpoint = server.endpoint;
  return runAccessAnalyzer(stacks, {
    environments: ENVS,
    api: (region) => createAnalyzerApi({ region, endpoint, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 }),
    retry: FAST_RETRY,
    ...extra,
  });
}

/** The answers of a healthy service: one paginated finding on the role's PassRole statement, the rest clean. */
function service(overrides: { throttleFirst?: boolean; notGranted?: 'PASS' | 'FAIL'; noNewAccess?: 'PASS' | 'FAIL' } = {}): Handler {
  let throttled = false;
  return (request) => {
    if (request.path === '/policy/validation') {
      if (overrides.throttleFirst && !throttled) {
        throttled = true;
        return throttling();
      }
      const doc = policyOf(request);
      if (!doc.includes('iam:PassRole')) return ok({ findings: [] });
      if (request.query.nextToken === undefined) {
        return ok({
          findings: [{
            findingType: 'SUGGESTION', issueCode: 'EMPTY_ARRAY_ACTION', findingDetails: 'first page',
            learnMoreLink: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
            locations: [{ path: [{ value: 'Statement' }, { index: 0 }], span: { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 1, offset: 1 } } }],
          }],
          nextToken: 'page-2',
        });
      }
      return ok({
        findings: [{
          findingType: 'SECURITY_WARNING', issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', findingDetails: 'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive.',
          learnMoreLink: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
          locations: [{ path: [{ value: 'Statement' }, { index: 1 }, { value: 'Resource' }], span: { start: { line: 0, column: 10, offset: 10 }, end: { line: 0, column: 20, offset: 20 } } }],
        }],
      });
    }
    if (request.path === '/policy/check-access-not-granted') {
      const result = overrides.notGranted ?? 'PASS';
      return ok(result === 'PASS'
        ? { result, message: 'The policy document does not grant access to perform the listed actions.', reasons: [] }
        : { result, message: 'The policy document grants access to perform one or more of the listed actions.', reasons: [{ description: 'One or more of the listed actions in the statement is granted.', statementIndex: 1 }] });
    }
    const result = overrides.noNewAccess ?? 'PASS';
    return ok(result === 'PASS'
      ? { result, message: 'The modified permissions do not grant new access compared to your existing policy.', reasons: [] }
      : { result, message: 'The modified permissions grant new access compared to your existing policy.', reasons: [{ description: 'New access in the statement with index: 1.', statementIndex: 1 }] });
  };
}

describe('Access Analyzer through the real SDK client', () => {
  it('sends every policy resolved for the environment with the right policy type and resource type', async () => {
    const report = await run(service());
    const validations = server!.requests.filter((r) => r.path === '/policy/validation' && r.query.nextToken === undefined);
    const byType = validations.map((r) => [r.body.policyType, r.body.validatePolicyResourceType ?? null]);
    expect(byType).toEqual([
      ['RESOURCE_POLICY', 'AWS::S3::Bucket'],
      ['RESOURCE_POLICY', 'AWS::IAM::AssumeRolePolicyDocument'],
      ['IDENTITY_POLICY', null],
    ]);
    const identity = JSON.parse(policyOf(validations[2]!)) as { Statement: { Resource: unknown }[] };
    expect(identity.Statement[0]?.Resource).toBe('arn:aws:logs:us-west-2:111122223333:log-group:/demo/dev/overlay:*');
    expect(identity.Statement[1]?.Resource).toBe('arn:aws:iam::111122223333:role/*');
    const bucket = JSON.parse(policyOf(validations[0]!)) as { Statement: { Resource: unknown; Principal: unknown }[] };
    expect(bucket.Statement[0]).toMatchObject({ Resource: 'arn:aws:s3:::demo-dev-archive-111122223333/*', Principal: { Service: 'logs.us-west-2.amazonaws.com' } });
    for (const r of server!.requests) {
      expect(r.method).toBe('POST');
      expect(r.headers['content-type']).toContain('application/json');
      expect(String(r.headers.authorization)).toContain('Credential=AKIDTEST/');
      expect(String(r.headers.authorization)).toContain('/us-west-2/access-analyzer/aws4_request');
      expect(r.body.locale === undefined || r.body.locale === 'EN').toBe(true);
    }
    expect(report.findings.map((f) => f.diagnostic.code)).toEqual([
      'access-analyzer EMPTY_ARRAY_ACTION',
      'access-analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE',
    ]);
  });

  it('follows nextToken and maps each finding to the spec line of its statement', async () => {
    const report = await run(service());
    const pages = server!.requests.filter((r) => r.path === '/policy/validation' && policyOf(r).includes('iam:PassRole'));
    expect(pages.map((r) => r.query.nextToken ?? null)).toEqual([null, 'page-2']);
    const lines = report.findings.map((f) => `${f.diagnostic.file}:${f.diagnostic.position?.line} ${f.diagnostic.severity} ${f.diagnostic.code}`);
    expect(lines).toEqual([
      `${SPEC}:22 SUGGESTION access-analyzer EMPTY_ARRAY_ACTION`,
      `${SPEC}:23 SECURITY_WARNING access-analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE`,
    ]);
    expect(report.findings.filter((f) => isBlocking(f.diagnostic.severity)).map((f) => f.diagnostic.code)).toEqual(['access-analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE']);
    expect(report.findings[1]?.diagnostic.hint).toContain('access-analyzer-reference-policy-checks');
  });

  it('retries a throttled call and still gets the answer', async () => {
    const report = await run(service({ throttleFirst: true }));
    const validations = server!.requests.filter((r) => r.path === '/policy/validation');
    const throttled = JSON.stringify(validations[0]?.body);
    expect(validations.filter((r) => JSON.stringify(r.body) === throttled)).toHaveLength(2);
    expect(report.findings.map((f) => f.diagnostic.code)).not.toContain('AA900');
    expect(report.findings).toHaveLength(2);
  });

  it('reports a call that keeps failing as a finding on the policy, not an exception', async () => {
    const report = await run((request) => (request.path === '/policy/validation' && policyOf(request).includes('s3:PutObject')
      ? validationError('Invalid policy document')
      : request.path === '/policy/validation' ? ok({ findings: [] }) : ok({ result: 'PASS', reasons: [] })));
    const failed = report.findings.filter((f) => f.diagnostic.code === 'AA900');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.diagnostic.message).toContain('ValidationException: Invalid policy document');
    expect(failed[0]?.diagnostic.position?.line).toBe(30);
    expect(failed[0]?.resource).toBe('ArchivePolicy');
  });

  it('gives up on throttling after the bound', async () => {
    const report = await run((request) => (request.path === '/policy/validation' ? throttling() : ok({ result: 'PASS', reasons: [] })), { concurrency: 1 });
    const failed = report.findings.filter((f) => f.diagnostic.code === 'AA900');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.diagnostic.message).toContain('ThrottlingException');
    expect(failed[0]?.diagnostic.notes).toEqual(['the same error occurred for 2 more call(s)']);
    expect(server!.requests.filter((r) => r.path === '/policy/validation')).toHaveLength(3 * (FAST_RETRY.attempts + 1));
  });

  it('checks identity policies for the forbidden actions and reports the granting statement', async () => {
    const report = await run(service({ notGranted: 'FAIL' }), { mustNotGrant: () => ['iam:PutRolePermissionsBoundary'] });
    const sent = server!.requests.filter((r) => r.path === '/policy/check-access-not-granted');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.policyType).toBe('IDENTITY_POLICY');
    expect(sent[0]?.body.access).toEqual([{ actions: ['iam:PutRolePermissionsBoundary'] }]);
    const denied = report.findings.find((f) => f.diagnostic.code === 'AA102');
    expect(denied?.diagnostic).toMatchObject({ severity: 'ERROR', position: { line: 23 } });
  });

  it('by default forbids the actions that would escape or remove a permission boundary', async () => {
    await run(service());
    const sent = server!.requests.filter((r) => r.path === '/policy/check-access-not-granted');
    expect(sent.length).toBeGreaterThan(0);
    const actions = (sent[0]?.body.access as { actions: string[] }[])[0]?.actions ?? [];
    expect(actions).toEqual(expect.arrayContaining(['iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion']));
    expect(actions).toEqual([...BOUNDARY_ESCAPING_ACTIONS]);
  });

  it('compares with the base revision and flags only what is new; a new policy is reported, not blocked', async () => {
    const base = stack({
      resources: {
        Overlay: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/demo/dev/overlay' } },
        ShipperRole: role([{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: { 'Fn::GetAtt': ['Overlay', 'Arn'] } }], { RoleName: 'demo-dev-log-shipper' }),
      },
    });
    const report = await run(service({ noNewAccess: 'FAIL' }), { reference: referenceFromStacks([base], ENVS, 'origin/main') });
    const sent = server!.requests.filter((r) => r.path === '/policy/check-no-new-access');
    expect(sent.map((r) => r.body.policyType).sort()).toEqual(['IDENTITY_POLICY', 'RESOURCE_POLICY']);
    const identity = sent.find((r) => r.body.policyType === 'IDENTITY_POLICY')!;
    expect(policyOf(identity, 'existingPolicyDocument')).toContain('arn:aws:logs:us-west-2:111122223333:log-group:/demo/dev/overlay:*');
    expect(policyOf(identity, 'newPolicyDocument')).toContain('iam:PassRole');
    const codes = report.findings.map((f) => `${f.resource} ${f.diagnostic.code} ${f.diagnostic.severity}`);
    expect(codes).toContain('ShipperRole AA101 SECURITY_WARNING');
    expect(codes).toContain('ArchivePolicy AA103 WARNING');
    const acked = applyAcknowledgements(report.findings, [{ code: 'AA101', env: 'dev', resource: 'ShipperRole', reason: 'log shipper may pass its own role' }]);
    const newAccess = acked.filter((d) => d.code === 'AA101');
    expect(newAccess.every((d) => d.acknowledged === 'log shipper may pass its own role')).toBe(true);
  });

  it('applies a per-environment reference policy file to identity policies only', async () => {
    const reference = referenceFromFiles(new Map([['dev', { file: 'ref.json', document: policy({ Effect: 'Allow', Action: 'logs:*', Resource: '*' }) }]]));
    await run(service(), { reference });
    const sent = server!.requests.filter((r) => r.path === '/policy/check-no-new-access');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.policyType).toBe('IDENTITY_POLICY');
  });

  it('answers a re-run from the cache without calling the service', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'platformc-aa-cache-'));
    try {
      const first = await run(service(), { cache: directoryCache(dir) });
      const callsFirst = server!.requests.length;
      expect(first.calls).toBe(callsFirst);
      await server!.close();
      const second = await run(service(), { cache: directoryCache(dir) });
      expect(server!.requests).toHaveLength(0);
      expect(second.cached).toBeGreaterThan(0);
      expect(second.findings.map((f) => f.diagnostic)).toEqual(first.findings.map((f) => f.diagnostic));
      // One file per answer, and the .gitignore that keeps the directory out of git.
      expect((await readdir(dir)).filter((name) => !/^[0-9a-f]{64}\.json$/.test(name))).toEqual(['.gitignore']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
