/**
 * The two phases a pipeline runs around its approval, against a real moto server: --create-only makes and keeps
 * the change sets and writes a plan, --execute-plan executes exactly those; a plan whose change set is gone or
 * whose content no longer matches generated/ is refused before anything runs; an up-to-date environment plans
 * no change set at all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeployPlanFile } from '../../compiler/deploy/plan-file.js';
import { queryError } from './fault-proxy.js';
import { demoEnv, type FixtureEnv } from './fixture-builder.js';
import { deploy } from './harness.js';
import { useMotoSession } from './moto-session.js';

const ACCOUNT = '111111111111';
const session = useMotoSession({ account: ACCOUNT });

const planPath = (): string => join(session.fixture.cwd, 'plan-dev.json');
const readPlan = (): DeployPlanFile => JSON.parse(readFileSync(planPath(), 'utf8')) as DeployPlanFile;

describe('two-phase deploy against moto', () => {
  it('creates change sets without executing them, then executes exactly the planned ones', async () => {
    const created = await deploy(session.fixture, { endpointUrl: session.proxy.url, createOnly: true, plan: 'plan-dev.json' });
    expect(created.code, created.stderr + created.stdout).toBe(0);
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
    expect(session.proxy.count('DeleteChangeSet')).toBe(0);
    const plan = readPlan();
    expect(plan).toMatchObject({ format: 1, platform: 'demo', env: 'dev', account: ACCOUNT, region: 'us-east-1' });
    // hosts is new and depends on new stacks: CloudFormation cannot compute its change set yet.
    expect(plan.stacks.map((s) => [s.stack, s.action])).toEqual([
      ['iam', 'change-set'],
      ['network', 'change-set'],
      ['logging', 'change-set'],
      ['hosts', 'deferred'],
    ]);
    for (const s of plan.stacks) {
      if (s.action === 'change-set') expect(s.changeSetName).toBe(`platformc-${s.contentHash.slice(0, 12)}`);
    }
    const ids = plan.stacks.flatMap((s) => (s.action === 'change-set' ? [s.changeSetId] : []));
    // Nothing is deployed yet, so every role and security group rule is new access, for the approval to see.
    expect(plan.broadening.length).toBeGreaterThan(0);
    expect(plan.broadening.join('\n')).toMatch(/iam:/i);

    session.proxy.reset();
    const executed = await deploy(session.fixture, { endpointUrl: session.proxy.url, executePlan: 'plan-dev.json' });
    expect(executed.code, executed.stderr + executed.stdout).toBe(0);
    expect(executed.report.stacks.map((s) => [s.stack, s.result])).toEqual([
      ['iam', 'created'],
      ['network', 'created'],
      ['logging', 'created'],
      ['hosts', 'created'],
    ]);
    // The planned change sets are executed as they are; only the deferred stack gets one now, after its dependencies.
    expect(session.proxy.log.filter((c) => c.action === 'CreateChangeSet').map((c) => c.target)).toEqual(['demo-dev-hosts']);
    expect(session.proxy.count('ExecuteChangeSet')).toBe(4);
    expect(executed.report.changeSetsCreated).toBe(1);
    expect(executed.stderr).toContain('not part of the approved change sets');
    expect(ids).toHaveLength(3);
  });

  it('records in the plan what an on-risk approval asks about: here a log group deleted with its events', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    const env = demoEnv();
    session.fixture.write([{ ...env, stacks: env.stacks.map((st) => (st.name === 'logging' ? { ...st, resources: { OtherTopic: { Type: 'AWS::SNS::Topic', Properties: {} } } } : st)) }]);
    session.proxy.reset();
    const created = await deploy(session.fixture, { endpointUrl: session.proxy.url, createOnly: true, plan: 'plan-dev.json' });
    expect(created.code, created.stderr).toBe(0);
    expect(readPlan().broadening).toEqual([]);
    expect(readPlan().risks).toEqual(['demo-dev-logging/HostLogs deleted with its data (log events lost)']);
  });

  it('plans no change set for an environment that is up to date', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.proxy.reset();
    const created = await deploy(session.fixture, { endpointUrl: session.proxy.url, createOnly: true, plan: 'plan-dev.json' });
    expect(created.code, created.stderr).toBe(0);
    expect(session.proxy.count('CreateChangeSet')).toBe(0);
    expect(readPlan().stacks.every((s) => s.action === 'unchanged')).toBe(true);
    expect(readPlan().broadening).toEqual([]);
    expect(readPlan().risks).toEqual([]);

    const executed = await deploy(session.fixture, { endpointUrl: session.proxy.url, executePlan: 'plan-dev.json' });
    expect(executed.code, executed.stderr).toBe(0);
    expect(executed.report.stacks.every((s) => s.result === 'unchanged')).toBe(true);
    expect(session.proxy.count('CreateChangeSet') + session.proxy.count('ExecuteChangeSet')).toBe(0);
  });

  it('replaces its own unexecuted change set when create-only runs again for the same content', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.fixture.write([demoEnv({ retentionDays: 90 })]);
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, createOnly: true })).code).toBe(0);
    session.proxy.reset();
    // CloudFormation refuses a second change set of the same name (moto does not; the session.proxy answers as AWS does).
    session.proxy.rules = [{ action: 'CreateChangeSet', times: 1, handle: async () => queryError('AlreadyExistsException', 'ChangeSet platformc-x already exists') }];
    const again = await deploy(session.fixture, { endpointUrl: session.proxy.url, createOnly: true });
    expect(again.code, again.stderr).toBe(0);
    // Same content, same name: the earlier change set is deleted and made again, not duplicated.
    expect(session.proxy.log.filter((c) => c.action === 'DeleteChangeSet').map((c) => c.target)).toEqual(['demo-dev-logging']);
    expect(session.proxy.count('CreateChangeSet')).toBe(2);
    const executed = await deploy(session.fixture, { endpointUrl: session.proxy.url, executePlan: 'plan-dev.json' });
    expect(executed.code, executed.stderr).toBe(0);
    expect(executed.report.stacks.find((s) => s.stack === 'logging')?.result).toBe('updated');
  });

  it('refuses a plan whose change set was deleted, executing nothing', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.fixture.write([demoEnv({ retentionDays: 90 })]);
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, createOnly: true, plan: 'plan-dev.json' })).code).toBe(0);
    const logging = readPlan().stacks.find((s) => s.stack === 'logging');
    expect(logging?.action).toBe('change-set');
    if (logging?.action !== 'change-set') return;
    // Someone removes the change set between approval and execution.
    const { CloudFormationClient, DeleteChangeSetCommand } = await import('@aws-sdk/client-cloudformation');
    const cf = new CloudFormationClient({ region: 'us-east-1', endpoint: session.moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    await cf.send(new DeleteChangeSetCommand({ ChangeSetName: logging.changeSetId, StackName: logging.stackName }));

    session.proxy.reset();
    const executed = await deploy(session.fixture, { endpointUrl: session.proxy.url, executePlan: 'plan-dev.json' });
    expect(executed.code).toBe(1);
    expect(executed.report.errors.map((e) => e.code)).toEqual(['DEPLOY023']);
    expect(executed.report.errors[0]?.message).toContain('demo-dev-logging');
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
  });

  it('refuses a plan made for other content than generated/ holds now', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, createOnly: true, plan: 'plan-dev.json' })).code).toBe(0);
    session.fixture.write([demoEnv({ retentionDays: 90 })]);
    session.proxy.reset();
    const executed = await deploy(session.fixture, { endpointUrl: session.proxy.url, executePlan: 'plan-dev.json' });
    expect(executed.code).toBe(1);
    expect(executed.report.errors.map((e) => e.code)).toEqual(['DEPLOY024']);
    expect(executed.report.errors[0]?.notes.join('\n')).toMatch(/demo-dev-logging: generated\/ has content [0-9a-f]{12}, the plan was made for [0-9a-f]{12}/);
    expect(session.proxy.count('ExecuteChangeSet') + session.proxy.count('DescribeChangeSet')).toBe(0);
  });

  it('reports a failing planned change set with its root cause and does not start its dependents', async () => {
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
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, createOnly: true })).code).toBe(0);
    session.proxy.reset();
    const executed = await deploy(session.fixture, { endpointUrl: session.proxy.url, executePlan: 'plan-dev.json' });
    expect(executed.code).toBe(1);
    const network = executed.report.stacks.find((s) => s.stack === 'network');
    expect(network?.error?.code).toBe('DEPLOY011');
    expect(executed.report.stacks.find((s) => s.stack === 'hosts')).toMatchObject({ result: 'skipped', error: { code: 'DEPLOY022' } });
    expect(session.proxy.log.some((c) => c.action === 'CreateChangeSet' && c.target === 'demo-dev-hosts')).toBe(false);
  });

  it('protects the stacks of a protected environment after executing its plan, without asking', async () => {
    session.fixture.write([demoEnv({ protect: true })]);
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, createOnly: true })).code).toBe(0);
    const executed = await deploy(session.fixture, { endpointUrl: session.proxy.url, executePlan: 'plan-dev.json' });
    expect(executed.code, executed.stderr).toBe(0);
    expect(executed.prompts).toEqual([]);
    expect(executed.report.stacks.every((s) => s.result === 'created')).toBe(true);
    expect(session.proxy.count('UpdateTerminationProtection')).toBeGreaterThan(0);
  });

  it('refuses a file that is not a plan, or a plan for another environment', async () => {
    writeFileSync(planPath(), '{"format": 1}');
    const invalid = await deploy(session.fixture, { endpointUrl: session.proxy.url, executePlan: 'plan-dev.json' });
    expect(invalid.code).toBe(1);
    expect(invalid.report.errors.map((e) => e.code)).toEqual(['DEPLOY025']);

    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, createOnly: true, plan: 'plan-dev.json' })).code).toBe(0);
    writeFileSync(planPath(), JSON.stringify({ ...readPlan(), env: 'prod' }));
    const other = await deploy(session.fixture, { endpointUrl: session.proxy.url, executePlan: 'plan-dev.json' });
    expect(other.code).toBe(1);
    expect(other.report.errors.map((e) => e.code)).toEqual(['DEPLOY024']);
  });
});
