/**
 * Stacks an environment no longer has in generated/ (a hosts-2 after the fleet shrank, a concern taken out of the
 * spec), against moto with the real SDK: deploy lists them and keeps them; --prune deletes them, before the other
 * stacks update unless a kept stack still imports from one; a protected environment's termination protection is
 * lifted for exactly those stacks; a failed deletion stops with DEPLOY027; stacks of other platforms and
 * environments are never touched.
 */
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { describe, expect, it } from 'vitest';
import { demoEnv, PLATFORM, type FixtureEnv } from './fixture-builder.js';
import { deploy } from './harness.js';
import { queryError, queryResult, rewrite } from './fault-proxy.js';
import { useMotoSession } from './moto-session.js';

const session = useMotoSession();

/** The demo environment without its logging stack, whose log group then exists only in AWS. */
function withoutLogging(env: FixtureEnv = demoEnv()): FixtureEnv {
  return { ...env, stacks: env.stacks.filter((s) => s.name !== 'logging') };
}

const cloudFormation = (): CloudFormationClient =>
  new CloudFormationClient({ region: 'us-east-1', endpoint: session.moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });

/** Names of the stacks moto holds that are not deleted. */
async function liveStacks(): Promise<string[]> {
  const out = await cloudFormation().send(new DescribeStacksCommand({}));
  return (out.Stacks ?? []).filter((s) => s.StackStatus !== 'DELETE_COMPLETE').map((s) => s.StackName ?? '').sort();
}

/** Creates a stack directly (not through deploy), with the given tags. */
async function createStack(name: string, tags: Readonly<Record<string, string>>): Promise<void> {
  await cloudFormation().send(
    new CreateStackCommand({
      StackName: name,
      TemplateBody: JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } }),
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
}

const deletes = (): string[] => session.proxy.log.filter((c) => c.action === 'DeleteStack').map((c) => c.target);

describe('left-over stacks', () => {
  it('are listed and kept without --prune', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.fixture.write([withoutLogging()]);
    session.proxy.reset();
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.leftovers).toEqual([{ stackName: `${PLATFORM}-dev-logging`, result: 'kept', status: 'CREATE_COMPLETE', resources: 1, withData: ['HostLogs'] }]);
    expect(run.report.stacks.map((s) => s.stack)).toEqual(['iam', 'network', 'hosts']);
    expect(session.proxy.count('DeleteStack')).toBe(0);
    expect(await liveStacks()).toContain(`${PLATFORM}-dev-logging`);
    const text = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, format: 'text' });
    expect(text.stdout + text.stderr).toContain('Left over (no longer in generated/):\n  - demo-dev-logging (CREATE_COMPLETE): 1 resource, 1 with data (HostLogs); kept; deploy with --prune to delete it');
  });

  it('--prune --dry-run shows what would go and deletes nothing', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.fixture.write([withoutLogging()]);
    session.proxy.reset();
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, prune: true, dryRun: true, format: 'text' });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toContain('demo-dev-logging/HostLogs deleted with its stack (log events lost)');
    expect(run.stdout + run.stderr).toContain('deleted by --prune before the other stacks deploy');
    expect(session.proxy.count('DeleteStack')).toBe(0);
    expect(await liveStacks()).toContain(`${PLATFORM}-dev-logging`);
  });

  it('--prune deletes them, also when nothing else changes, and only after confirmation', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.fixture.write([withoutLogging()]);
    session.proxy.reset();
    const declined = await deploy(session.fixture, { endpointUrl: session.proxy.url, prune: true, answers: ['n'] });
    expect(declined.code).toBe(1);
    expect(declined.prompts).toEqual(['Deploy these changes to dev? [y/N] ']);
    expect(session.proxy.count('DeleteStack')).toBe(0);

    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, prune: true, answers: ['y'] });
    expect(run.code, JSON.stringify(run.report.errors)).toBe(0);
    expect(run.report.leftovers?.map((l) => [l.stackName, l.result])).toEqual([[`${PLATFORM}-dev-logging`, 'deleted']]);
    expect(deletes()).toHaveLength(1);
    expect(deletes()[0]).toContain('stack/demo-dev-logging/');
    expect(await liveStacks()).toEqual(['demo-dev-hosts', 'demo-dev-iam', 'demo-dev-network']);

    session.proxy.reset();
    const again = await deploy(session.fixture, { endpointUrl: session.proxy.url, prune: true, yes: true });
    expect(again.code).toBe(0);
    expect(again.report.leftovers).toBeUndefined();
    expect(session.proxy.count('DeleteStack')).toBe(0);
  });

  it('never touches stacks of another platform or environment, nor untagged ones', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    await createStack(`${PLATFORM}-dev-handmade`, {});
    await createStack(`${PLATFORM}-dev-other`, { 'platformc:platform': PLATFORM, 'platformc:environment': 'prod' });
    await createStack(`${PLATFORM}-dev-x-hosts`, { 'platformc:platform': `${PLATFORM}-dev`, 'platformc:environment': 'x' });
    session.proxy.reset();
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, prune: true, yes: true });
    expect(run.code).toBe(0);
    expect(run.report.leftovers).toBeUndefined();
    expect(session.proxy.count('DeleteStack')).toBe(0);
    expect(await liveStacks()).toEqual(expect.arrayContaining([`${PLATFORM}-dev-handmade`, `${PLATFORM}-dev-other`, `${PLATFORM}-dev-x-hosts`]));
  });

  it('waits until the kept stacks no longer import from a left-over stack', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    // As deployed, logging exports the log group's name and hosts imports it (moto keeps no exports for stacks
    // made through change sets, so the deployed templates are shown through the proxy). The new hosts stack
    // no longer imports it: logging can go only after hosts is updated.
    const hostsAsDeployed = {
      Resources: {
        HostGroup: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: { 'Fn::ImportValue': 'demo-dev-HostLogsName' } } },
      },
    };
    const loggingAsDeployed = {
      Resources: { HostLogs: { Type: 'AWS::Logs::LogGroup' } },
      Outputs: { HostLogsName: { Value: { Ref: 'HostLogs' }, Export: { Name: 'demo-dev-HostLogsName' } } },
    };
    const template = (body: object) => async () => queryResult('GetTemplate', `<TemplateBody>${JSON.stringify(body).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</TemplateBody>`);
    const env = withoutLogging();
    session.fixture.write([{ ...env, stacks: env.stacks.map((st) => (st.name === 'hosts' ? { ...st, parameterValues: { ImageId: 'ami-87654321' } } : st)) }]);
    session.proxy.reset();
    session.proxy.rules = [
      { action: 'GetTemplate', when: (p) => p.get('StackName') === 'demo-dev-hosts', handle: template(hostsAsDeployed) },
      { action: 'GetTemplate', when: (p) => (p.get('StackName') ?? '').includes('stack/demo-dev-logging/'), handle: template(loggingAsDeployed) },
    ];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, prune: true, yes: true, format: 'text' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toContain('deleted by --prune after the other stacks deploy (a stack still imports from it)');
    const deleted = session.proxy.log.findIndex((c) => c.action === 'DeleteStack');
    const hostsExecuted = session.proxy.log.findIndex((c) => c.action === 'ExecuteChangeSet' && c.target === 'demo-dev-hosts');
    expect(hostsExecuted).toBeGreaterThan(-1);
    expect(deleted).toBeGreaterThan(hostsExecuted);
  });

  it('in a protected environment: asks for the name, lifts termination protection of those stacks only', async () => {
    const lifted: string[] = [];
    const terminationProtection = {
      action: 'UpdateTerminationProtection',
      handle: async ({ params }: { readonly params: URLSearchParams }) => {
        lifted.push(`${params.get('StackName') ?? ''} ${params.get('EnableTerminationProtection') ?? ''}`);
        return queryResult('UpdateTerminationProtection', `<StackId>${params.get('StackName') ?? ''}</StackId>`);
      },
    };
    session.fixture.write([demoEnv({ protect: true })]);
    session.proxy.rules = [terminationProtection];
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.fixture.write([withoutLogging(demoEnv({ protect: true }))]);
    session.proxy.reset();
    lifted.length = 0;
    session.proxy.rules = [
      // moto neither keeps nor enforces termination protection: shown as on, as deploy left it.
      { action: 'DescribeStacks', handle: rewrite((b) => b.replace(/<EnableTerminationProtection>false<\/EnableTerminationProtection>/g, '<EnableTerminationProtection>true</EnableTerminationProtection>')) },
      terminationProtection,
    ];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, prune: true, answers: ['dev'], format: 'text' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.prompts).toEqual(['dev is protected. Type the environment name (dev) to deploy: ']);
    expect(run.stdout + run.stderr).toContain('deleted by --prune before the other stacks deploy, termination protection lifted');
    expect(lifted).toEqual([expect.stringMatching(/stack\/demo-dev-logging\/\S+ false$/)]);
    expect(deletes()).toEqual([expect.stringContaining('stack/demo-dev-logging/')]);
    expect(await liveStacks()).not.toContain('demo-dev-logging');
  });

  it('DEPLOY027: a deletion that fails stops the deploy before anything else runs', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.fixture.write([withoutLogging(demoEnv({ retentionDays: 90 }))]);
    session.proxy.reset();
    session.proxy.rules = [
      { action: 'DeleteStack', handle: async ({ params }) => queryResult('DeleteStack', `<!-- ${params.get('StackName') ?? ''} -->`) },
      { action: 'DescribeStacks', when: (p) => (p.get('StackName') ?? '').includes('stack/demo-dev-logging/'), handle: rewrite((b) => b.replace(/<StackStatus>[A-Z_]+<\/StackStatus>/, '<StackStatus>DELETE_FAILED</StackStatus>')) },
    ];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, prune: true, yes: true });
    expect(run.code).toBe(1);
    const logging = run.report.leftovers?.find((l) => l.stackName === 'demo-dev-logging');
    expect(logging?.result).toBe('failed');
    expect(logging?.error?.code).toBe('DEPLOY027');
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
  });

  it('with --prune, a listing that is refused stops the deploy; without, it is a note', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.proxy.reset();
    session.proxy.rules = [{ action: 'ListStacks', handle: async () => queryError('AccessDenied', 'not authorized to perform cloudformation:ListStacks', 403) }];
    const pruning = await deploy(session.fixture, { endpointUrl: session.proxy.url, prune: true, yes: true });
    expect(pruning.code).toBe(1);
    expect(pruning.report.errors[0]?.message).toMatch(/^ListStacks failed: AccessDenied/);
    const plain = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, format: 'text' });
    expect(plain.code).toBe(0);
    expect(plain.stdout + plain.stderr).toContain('left-over stacks not looked for: ListStacks failed: AccessDenied');
  });
});
