/**
 * Confirmation, dry runs, protection, interrupts and large templates against moto (through the proxy, which also
 * answers the protection calls moto does not implement).
 */
import { describe, expect, it } from 'vitest';
import { queryResult, rewrite } from './fault-proxy.js';
import { demoEnv } from './fixture-builder.js';
import { deploy } from './harness.js';
import { useMotoSession } from './moto-session.js';

const session = useMotoSession();

const protectionCalls = (): void => {
  session.proxy.rules.push({ action: 'UpdateTerminationProtection', handle: async () => queryResult('UpdateTerminationProtection', '<StackId>x</StackId>') });
};

describe('confirmation', () => {
  it('asks before changing an unprotected environment and deletes the change sets when declined', async () => {
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, answers: ['n'] });
    expect(run.code).toBe(1);
    expect(run.prompts).toEqual(['Deploy these changes to dev? [y/N] ']);
    expect(run.report.errors[0]?.code).toBe('DEPLOY019');
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
    // Only iam, network and logging got change sets up front; hosts waits for the stacks it depends on.
    expect(session.proxy.count('DeleteChangeSet')).toBe(3);
  });

  it('refuses without a terminal and without --yes', async () => {
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url });
    expect(run.code).toBe(1);
    expect(run.report.errors[0]?.message).toContain('--yes not given');
  });

  it('requires typing the name of a protected environment, then protects every stack', async () => {
    session.fixture.write([demoEnv({ protect: true })]);
    protectionCalls();
    const declined = await deploy(session.fixture, { endpointUrl: session.proxy.url, answers: ['yes'] });
    expect(declined.code).toBe(1);
    expect(declined.prompts).toEqual(['dev is protected. Type the environment name (dev) to deploy: ']);
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);

    const confirmed = await deploy(session.fixture, { endpointUrl: session.proxy.url, answers: ['dev'] });
    expect(confirmed.code, confirmed.stdout).toBe(0);
    expect(confirmed.report.stacks.every((s) => s.result === 'created' && s.protection.includes('termination protection'))).toBe(true);
    expect(session.proxy.count('UpdateTerminationProtection')).toBe(4);
    const policy = await fetch(session.proxy.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cloudformation/aws4_request, SignedHeaders=host, Signature=0' },
      body: 'Action=GetStackPolicy&StackName=demo-dev-logging&Version=2010-05-15',
    }).then((r) => r.text());
    expect(policy).toContain('Update:Replace');
    expect(policy).toContain('LogicalResourceId/HostLogs');
  });

  it('refuses, before executing anything, a change the stack policy of a protected environment would refuse', async () => {
    session.fixture.write([demoEnv({ protect: true })]);
    protectionCalls();
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    // The log group is taken out of the spec: its events would go with it.
    const env = demoEnv({ protect: true });
    session.fixture.write([{ ...env, stacks: env.stacks.map((st) => (st.name === 'logging' ? { ...st, resources: { OtherLogs: { Type: 'AWS::SNS::Topic', Properties: {} } } } : st)) }]);
    session.proxy.reset();
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.code, run.stderr).toBe(1);
    expect(run.report.errors.map((e) => e.code)).toEqual(['DEPLOY026']);
    expect(run.report.errors[0]?.message).toContain('refuses demo-dev-logging/HostLogs (deleted)');
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
    expect(session.proxy.count('DeleteChangeSet')).toBeGreaterThan(0);
    expect(run.stderr).toContain('Deleted with their data:');
  });

  it('refuses to skip Access Analyzer for a protected environment', async () => {
    session.fixture.write([demoEnv({ protect: true })]);
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, skipAccessAnalyzer: true });
    expect(run.code).toBe(1);
    expect(run.report.errors[0]?.code).toBe('DEPLOY007');
    expect(session.proxy.count('GetCallerIdentity')).toBe(0);
  });
});

describe('dry run', () => {
  it('previews a first deploy and leaves nothing behind', async () => {
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, dryRun: true });
    expect(run.code).toBe(0);
    expect(run.report.stacks.map((s) => s.result)).toEqual(['discarded', 'discarded', 'discarded', 'discarded']);
    expect(run.report.stacks.find((s) => s.stack === 'hosts')?.changes).toEqual([
      { action: 'Add', logicalId: 'HostGroup', resourceType: 'AWS::EC2::SecurityGroup', location: 'specs/demo.platform.yaml:10:3' },
    ]);
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
    // The REVIEW_IN_PROGRESS stacks the CREATE change sets made are removed again, so a real deploy starts clean.
    expect(session.proxy.count('DeleteStack')).toBe(3);
    session.proxy.reset();
    const real = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(real.code, real.stdout).toBe(0);
  });
});

describe('interrupts', () => {
  it('stops waiting on Ctrl-C, leaves the operation running and starts no dependent', async () => {
    let interrupt = (): void => undefined;
    session.proxy.rules = [
      {
        action: 'ExecuteChangeSet',
        handle: async ({ forward }) => {
          const up = await forward();
          interrupt();
          return { status: up.status, body: up.body, contentType: 'text/xml' };
        },
      },
      { action: 'DescribeStacks', when: () => session.proxy.count('ExecuteChangeSet') > 0, handle: rewrite((b) => b.replace(/<StackStatus>[A-Z_]+<\/StackStatus>/, '<StackStatus>CREATE_IN_PROGRESS</StackStatus>')) },
    ];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, concurrency: 1 }, { onInterrupt: (i) => ((interrupt = i), () => undefined) });
    expect(run.code).toBe(1);
    expect(run.report.stacks.find((s) => s.stack === 'iam')?.result).toBe('interrupted');
    expect(run.report.stacks.find((s) => s.stack === 'iam')?.error?.hint).toContain('run the same deploy command again');
    expect(run.report.stacks.find((s) => s.stack === 'hosts')?.result).toBe('skipped');
    expect(session.proxy.count('ExecuteChangeSet')).toBe(1);
    // The interrupted stack is left to CloudFormation; only the empty stacks of unexecuted CREATE change sets go.
    const deleted = session.proxy.log.filter((c) => c.action === 'DeleteStack').map((c) => c.target);
    expect(deleted.some((t) => t.includes('demo-dev-iam'))).toBe(false);
    expect(deleted).toHaveLength(2);
  });
});

describe('large templates', () => {
  const big = (): ReturnType<typeof demoEnv> => {
    const env = demoEnv();
    const filler = 'x'.repeat(250);
    const resources = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`Param${i}`, { Type: 'AWS::SSM::Parameter', Properties: { Name: `/demo/p${i}`, Type: 'String', Value: filler } }]),
    );
    return { ...env, stacks: env.stacks.map((s) => (s.name === 'logging' ? { ...s, resources: { ...s.resources, ...resources } } : s)) };
  };

  it('needs an artifact bucket above the 51,200-byte body limit', async () => {
    session.fixture.write([big()]);
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.report.stacks.find((s) => s.stack === 'logging')?.error?.code).toBe('DEPLOY018');
  });

  it('uploads the template to the artifact bucket and sends its URL', async () => {
    session.fixture.write([big()]);
    await fetch(`${session.moto.url}/platformc-artifacts`, { method: 'PUT', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' } });
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, artifactBucket: 'platformc-artifacts' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.report.stacks.find((s) => s.stack === 'logging')?.changes).toHaveLength(201);
    expect(session.proxy.count('S3 PUT')).toBe(1);
  });
});
