/**
 * Failures moto cannot produce on its own, injected by the proxy in front of it: throttling, slow answers,
 * stacks found in ROLLBACK_COMPLETE / REVIEW_IN_PROGRESS / UPDATE_ROLLBACK_FAILED / *_IN_PROGRESS, a failed
 * update with its events; and moto's own failure of a resource it cannot create.
 */
import { describe, expect, it } from 'vitest';
import { queryError, queryResult, rewrite, type ProxyRule } from './fault-proxy.js';
import { demoEnv, type FixtureEnv } from './fixture-builder.js';
import { deploy } from './harness.js';
import { useMotoSession } from './moto-session.js';

const session = useMotoSession();

const forStack = (name: string) => (p: URLSearchParams): boolean => p.get('StackName') === name;

/** DescribeStacks of one stack answered by moto but with another status. */
function statusRule(stack: string, status: string, times?: number): ProxyRule {
  return { action: 'DescribeStacks', when: forStack(stack), times, handle: rewrite((b) => b.replace(/<StackStatus>[A-Z_]+<\/StackStatus>/, `<StackStatus>${status}</StackStatus>`)) };
}

async function deployed(): Promise<void> {
  const first = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
  expect(first.code, first.stdout).toBe(0);
  session.proxy.reset();
}

describe('transient errors', () => {
  it('retries throttling with backoff and succeeds', async () => {
    session.proxy.rules = [{ action: 'CreateChangeSet', times: 2, handle: async () => queryError('Throttling', 'Rate exceeded') }];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.code, run.stdout).toBe(0);
    expect(session.proxy.count('CreateChangeSet')).toBe(6);
    expect(run.stderr).toMatch(/CreateChangeSet: Throttling, retrying/);
  });

  it('ends a slow endpoint in a coded timeout naming the stack and the call', async () => {
    session.proxy.rules = [{ action: 'DescribeStacks', when: forStack('demo-dev-logging'), handle: async ({ forward }) => ({ ...(await forward()), delayMs: 600, contentType: 'text/xml' }) }];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true }, { requestTimeoutMs: 150 });
    expect(run.code).toBe(1);
    const logging = run.report.stacks.find((s) => s.stack === 'logging');
    expect(logging?.error?.code).toBe('DEPLOY015');
    expect(logging?.error?.message).toMatch(/DescribeStacks \(demo-dev-logging\) timed out/);
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
  });

  it('waits for a stack busy with another operation, bounded by the timeout', async () => {
    await deployed();
    session.proxy.rules = [statusRule('demo-dev-logging', 'UPDATE_IN_PROGRESS', 3)];
    const waited = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(waited.code).toBe(0);
    expect(waited.report.stacks.find((s) => s.stack === 'logging')?.result).toBe('unchanged');
    expect(waited.stderr).toContain('UPDATE_IN_PROGRESS: waiting');

    session.proxy.rules = [statusRule('demo-dev-logging', 'UPDATE_IN_PROGRESS')];
    const stuck = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true }, { timeoutMs: 300 });
    expect(stuck.code).toBe(1);
    const logging = stuck.report.stacks.find((s) => s.stack === 'logging');
    expect(logging?.error?.code).toBe('DEPLOY015');
    expect(logging?.error?.message).toBe('timed out waiting for the running operation (UPDATE_IN_PROGRESS) to finish of demo-dev-logging');
  });
});

describe('stacks in states that need a decision', () => {
  it('explains ROLLBACK_COMPLETE and replaces the stack only with --replace-failed', async () => {
    await deployed();
    session.proxy.rules = [statusRule('demo-dev-logging', 'ROLLBACK_COMPLETE')];
    const refused = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(refused.code).toBe(1);
    const logging = refused.report.stacks.find((s) => s.stack === 'logging');
    expect(logging?.error?.code).toBe('DEPLOY012');
    expect(logging?.error?.hint).toContain('--replace-failed');
    expect(session.proxy.count('DeleteStack')).toBe(0);
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);

    session.proxy.reset();
    session.proxy.rules = [statusRule('demo-dev-logging', 'ROLLBACK_COMPLETE', 1)];
    const replaced = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, replaceFailed: true });
    expect(replaced.code, replaced.stdout).toBe(0);
    expect(session.proxy.log.filter((c) => c.action === 'DeleteStack').map((c) => c.target)).toEqual([expect.stringContaining('demo-dev-logging')]);
    expect(replaced.report.stacks.find((s) => s.stack === 'logging')?.result).toBe('created');
  });

  it('explains REVIEW_IN_PROGRESS left by an abandoned creation', async () => {
    await deployed();
    session.proxy.rules = [statusRule('demo-dev-network', 'REVIEW_IN_PROGRESS')];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    const network = run.report.stacks.find((s) => s.stack === 'network');
    expect(network?.error?.code).toBe('DEPLOY012');
    expect(network?.error?.message).toContain('never created');
    expect(run.report.stacks.find((s) => s.stack === 'hosts')?.result).toBe('skipped');
  });

  it('never deletes an UPDATE_ROLLBACK_FAILED stack; offers continue-update-rollback', async () => {
    await deployed();
    session.proxy.rules = [statusRule('demo-dev-iam', 'UPDATE_ROLLBACK_FAILED')];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, replaceFailed: true });
    expect(run.code).toBe(1);
    const iam = run.report.stacks.find((s) => s.stack === 'iam');
    expect(iam?.error?.code).toBe('DEPLOY013');
    expect(iam?.error?.notes).toContain('aws cloudformation continue-update-rollback --stack-name demo-dev-iam');
    expect(session.proxy.count('DeleteStack')).toBe(0);

    session.proxy.reset();
    // CloudFormation starts the rollback asynchronously: the stack first still shows UPDATE_ROLLBACK_FAILED.
    session.proxy.rules = [
      statusRule('demo-dev-iam', 'UPDATE_ROLLBACK_FAILED', 2),
      statusRule('demo-dev-iam', 'UPDATE_ROLLBACK_IN_PROGRESS', 1),
      { action: 'ContinueUpdateRollback', handle: async () => queryResult('ContinueUpdateRollback', '') },
      statusRule('demo-dev-iam', 'UPDATE_ROLLBACK_COMPLETE'),
    ];
    const continued = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, continueRollback: true });
    expect(continued.code, continued.stdout).toBe(0);
    expect(session.proxy.count('ContinueUpdateRollback')).toBe(1);
    expect(session.proxy.count('DeleteStack')).toBe(0);
  });
});

describe('failed operations', () => {
  it('reports a failed change set with its reason and removes the empty stack a CREATE change set made', async () => {
    session.proxy.rules = [
      {
        action: 'DescribeChangeSet',
        times: 1,
        handle: rewrite((b) => b.replace(/<Status>CREATE_COMPLETE<\/Status>/, '<Status>FAILED</Status><StatusReason>No export named demo-dev-VpcId found</StatusReason>')),
      },
    ];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, concurrency: 1 });
    expect(run.code).toBe(1);
    const failed = run.report.stacks.find((s) => s.error?.code === 'DEPLOY010');
    expect(failed?.error?.message).toContain('the change set failed: No export named demo-dev-VpcId found');
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
    expect(session.proxy.log.filter((c) => c.action === 'DeleteStack').some((c) => c.target.includes(failed?.stackName ?? '?'))).toBe(true);
  });

  it('stops with exit 1 and the reason when moto fails to create a resource; dependents are not started', async () => {
    const env = demoEnv();
    const broken: FixtureEnv = {
      ...env,
      stacks: env.stacks.map((s) =>
        s.name === 'network'
          ? { ...s, resources: { ...s.resources, HostSubnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '192.168.1.0/24' } } } }
          : s,
      ),
    };
    session.fixture.write([broken]);
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.code).toBe(1);
    const network = run.report.stacks.find((s) => s.stack === 'network');
    expect(network?.error?.code).toBe('DEPLOY011');
    expect(network?.error?.message).toMatch(/InvalidSubnet\.Range|CIDR/);
    const hosts = run.report.stacks.find((s) => s.stack === 'hosts');
    expect(hosts?.result).toBe('skipped');
    expect(hosts?.error).toEqual({ code: 'DEPLOY022', message: 'not started: demo-dev-network did not deploy', notes: [] });
    expect(session.proxy.log.some((c) => c.action === 'CreateChangeSet' && c.target === 'demo-dev-hosts')).toBe(false);
  });

  it('defers the change set of an update that needs what its changing dependencies add, previewing the template diff', async () => {
    await deployed();
    const env = demoEnv();
    session.fixture.write([
      {
        ...env,
        stacks: env.stacks.map((s) => {
          if (s.name === 'network') return { ...s, resources: { ...s.resources, HostSubnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.20.2.0/24' } } } };
          if (s.name === 'hosts') return { ...s, resources: { HostGroup: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'hosts v2' } } } };
          return s;
        }),
      },
    ]);
    // CloudFormation refuses the hosts change set while network's new export does not exist yet.
    session.proxy.rules = [
      {
        action: 'DescribeChangeSet',
        times: 1,
        when: forStack('demo-dev-hosts'),
        handle: rewrite((b) => b.replace(/<Status>CREATE_COMPLETE<\/Status>/, '<Status>FAILED</Status><StatusReason>No export named demo-dev-SubnetId found</StatusReason>')),
      },
    ];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.code, run.stdout).toBe(0);
    const hosts = run.report.stacks.find((s) => s.stack === 'hosts');
    expect(hosts?.result).toBe('updated');
    expect(hosts?.changes).toEqual([
      { action: 'Modify', logicalId: 'HostGroup', resourceType: 'AWS::EC2::SecurityGroup', replacement: 'True', cause: 'GroupDescription', location: 'specs/demo.platform.yaml:10:3' },
    ]);
    expect(run.stderr).toContain('change set deferred until network deployed (No export named demo-dev-SubnetId found)');
    const order = session.proxy.log.filter((c) => c.action === 'ExecuteChangeSet' || (c.action === 'CreateChangeSet' && c.target === 'demo-dev-hosts')).map((c) => `${c.action} ${c.target}`);
    expect(order.indexOf('ExecuteChangeSet demo-dev-network')).toBeLessThan(order.lastIndexOf('CreateChangeSet demo-dev-hosts'));
  });

  it('does not take the previous operation\'s status for the result of this one', async () => {
    await deployed();
    session.fixture.write([demoEnv({ retentionDays: 90 })]);
    let executed = false;
    let eventPolls = 0;
    const stackEvent = (id: string, status: string, t: string): string =>
      `<member><EventId>${id}</EventId><StackId>x</StackId><StackName>demo-dev-logging</StackName><LogicalResourceId>demo-dev-logging</LogicalResourceId><ResourceType>AWS::CloudFormation::Stack</ResourceType><Timestamp>${t}</Timestamp><ResourceStatus>${status}</ResourceStatus></member>`;
    session.proxy.rules = [
      { action: 'ExecuteChangeSet', handle: async () => ((executed = true), queryResult('ExecuteChangeSet', '')) },
      {
        action: 'DescribeStackEvents',
        when: () => executed && ++eventPolls > 3,
        handle: async () => queryResult('DescribeStackEvents', `<StackEvents>${stackEvent('u2', 'UPDATE_COMPLETE', '2030-01-01T00:00:02Z')}${stackEvent('u1', 'UPDATE_IN_PROGRESS', '2030-01-01T00:00:01Z')}</StackEvents>`),
      },
      // Until its own events arrive, the stack still shows CREATE_COMPLETE from the first deploy.
      { ...statusRule('demo-dev-logging', 'UPDATE_COMPLETE'), when: (p) => executed && eventPolls > 3 && p.get('StackName') === 'demo-dev-logging' },
    ];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.code, run.stdout).toBe(0);
    expect(run.report.stacks.find((s) => s.stack === 'logging')?.result).toBe('updated');
    expect(eventPolls).toBeGreaterThan(3);
    expect(run.stderr).toContain('demo-dev-logging: UPDATE_COMPLETE');
  });

  it('reports the first failed resource of a rolled-back update, with its spec line', async () => {
    await deployed();
    session.fixture.write([demoEnv({ retentionDays: 90 })]);
    let executed = false;
    const event = (id: string, status: string, logical: string, type: string, reason: string, t: string): string =>
      `<member><EventId>${id}</EventId><StackId>x</StackId><StackName>demo-dev-logging</StackName><LogicalResourceId>${logical}</LogicalResourceId><ResourceType>${type}</ResourceType><Timestamp>${t}</Timestamp><ResourceStatus>${status}</ResourceStatus><ResourceStatusReason>${reason}</ResourceStatusReason></member>`;
    session.proxy.rules = [
      { action: 'ExecuteChangeSet', handle: async () => ((executed = true), queryResult('ExecuteChangeSet', '')) },
      {
        action: 'DescribeStackEvents',
        when: () => executed,
        handle: async () =>
          queryResult(
            'DescribeStackEvents',
            `<StackEvents>${[
              event('e4', 'UPDATE_ROLLBACK_COMPLETE', 'demo-dev-logging', 'AWS::CloudFormation::Stack', '', '2026-01-01T00:00:04Z'),
              event('e3', 'UPDATE_FAILED', 'Other', 'AWS::Logs::LogGroup', 'Resource update cancelled', '2026-01-01T00:00:03Z'),
              event('e2', 'UPDATE_FAILED', 'HostLogs', 'AWS::Logs::LogGroup', 'Invalid retention value 90', '2026-01-01T00:00:02Z'),
              event('e1', 'UPDATE_IN_PROGRESS', 'HostLogs', 'AWS::Logs::LogGroup', '', '2026-01-01T00:00:01Z'),
            ].join('')}</StackEvents>`,
          ),
      },
      { ...statusRule('demo-dev-logging', 'UPDATE_ROLLBACK_COMPLETE'), when: (p) => executed && p.get('StackName') === 'demo-dev-logging' },
    ];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.code).toBe(1);
    const logging = run.report.stacks.find((s) => s.stack === 'logging');
    expect(logging?.error?.code).toBe('DEPLOY011');
    expect(logging?.error?.notes).toEqual([
      'root cause: HostLogs (AWS::Logs::LogGroup) UPDATE_FAILED: Invalid retention value 90',
      '  from the spec at specs/demo.platform.yaml:10:3',
    ]);
  });
});
