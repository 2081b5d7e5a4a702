/**
 * `deploy --local` end to end: the command starts its own moto server (from the project virtualenv), seeds the
 * SSM parameters the templates read through `AWS::SSM::Parameter::Value<...>`, and after a failure names the
 * resource types moto's CloudFormation does not implement. Real moto, real SDK clients.
 */
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../compiler/cli/io.js';
import { runDeployCommand } from '../../compiler/deploy/deploy-command.js';
import { OPEN_GATES } from '../../compiler/deploy/gates.js';
import { MOTO_PLACEHOLDER_IMAGE_ID, ssmSeedsOf } from '../../compiler/deploy/local-ssm-seed.js';
import { motoGapNote } from '../../compiler/deploy/local-moto-gaps.js';
import type { DeployReport } from '../../compiler/deploy/report.js';
import { createFixture, type Fixture, type FixtureStack } from './fixture-builder.js';
import { FAST_TIMING } from './harness.js';

const ACCOUNT = '111111111111';
let fixture: Fixture | undefined;
afterEach(() => fixture?.remove());

async function deployLocal(stacks: readonly FixtureStack[]): Promise<{ code: number; stdout: string; report: DeployReport }> {
  fixture = createFixture([{ name: 'dev', account: ACCOUNT, stacks }]);
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: fixture.cwd,
    // The fixture lives in a temporary directory: moto_server is found on PATH, the project's virtualenv first.
    env: { NO_COLOR: '1', PATH: [join(process.cwd(), '.venv', 'bin'), process.env.PATH ?? ''].join(delimiter) },
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  };
  const code = await runDeployCommand(
    io,
    { env: 'dev', out: 'generated', concurrency: 4, timeout: 1, format: 'json', local: true, yes: true },
    { gates: OPEN_GATES, timing: FAST_TIMING, requestTimeoutMs: 10_000, onInterrupt: () => () => undefined },
  );
  return { code, stdout: stderr, report: JSON.parse(stdout) as DeployReport };
}

const imageStack: FixtureStack = {
  name: 'hosts',
  parameters: { ImageId: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>' } },
  parameterValues: { ImageId: '/demo/ami' },
  resources: { Host: { Type: 'AWS::EC2::Instance', Properties: { ImageId: { Ref: 'ImageId' }, InstanceType: 't3.micro' } } },
};

/** One of AWS's public parameters: nobody may write under /aws/, and moto serves it, as AWS does. */
const PUBLIC_AMI = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

describe('deploy --local', () => {
  // First in the file: the SDK prints its notice once per process, at the first client it makes.
  it('deploys a stack reading one of AWS\'s public parameters without seeding it, and the SDK prints no Node notice', async () => {
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const warnings: string[] = [];
    const listen = (warning: Error): void => {
      warnings.push(warning.message);
    };
    process.on('warning', listen);
    try {
      const run = await deployLocal([{ ...imageStack, parameterValues: { ImageId: PUBLIC_AMI } }]);
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).not.toContain('seeded');
      expect(run.report.stacks.map((s) => [s.stack, s.result])).toEqual([['hosts', 'created']]);
    } finally {
      process.off('warning', listen);
    }
    // On Node 22 and later the SDK has nothing to say; on Node 20 it did, mid-progress, before platformc quieted it.
    expect(warnings.filter((message) => message.includes('NodeVersionSupportWarning'))).toEqual([]);
  }, 60_000);

  it('seeds the SSM image parameter so a stack reading it deploys on moto', async () => {
    const run = await deployLocal([imageStack]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(`seeded 1 SSM parameter(s) on the local endpoint with placeholders: /demo/ami=${MOTO_PLACEHOLDER_IMAGE_ID}`);
    expect(run.report.stacks.map((s) => [s.stack, s.result])).toEqual([['hosts', 'created']]);
  }, 60_000);

  it('reports a placeholder the endpoint refuses as DEPLOY020, not as an internal error', async () => {
    // No parameter may be named with an ssm prefix, in AWS or moto; the spec rules refuse it (HOST007).
    const run = await deployLocal([{ ...imageStack, parameterValues: { ImageId: '/ssm/ami' } }]);
    expect(run.code).toBe(1);
    expect(run.report.errors.map((e) => e.code)).toEqual(['DEPLOY020']);
    expect(run.report.errors[0]?.message).toMatch(/^the local endpoint refused the placeholder for SSM parameter \/ssm\/ami \(read by demo-dev-hosts\): /);
  }, 60_000);

  it('names the types moto does not implement when a stack using one fails, and exits 1', async () => {
    const run = await deployLocal([
      {
        name: 'logging',
        resources: {
          Archive: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: { DeliveryStreamType: 'DirectPut' } },
          Group: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/demo/dev', Tags: [{ Key: 'archive', Value: { 'Fn::GetAtt': ['Archive', 'Arn'] } }] } },
        },
      },
    ]);
    expect(run.code).toBe(1);
    expect(run.report.stacks.map((s) => [s.stack, s.result])).toEqual([['logging', 'failed']]);
    expect(run.stdout).toContain('does not implement these resource types in CloudFormation:\n  demo-dev-logging: AWS::KinesisFirehose::DeliveryStream\n');
    expect(run.stdout).toContain('a limit of the local emulator, not of the template');
    expect(run.stdout).not.toContain('seeded');
  }, 60_000);
});

describe('local helpers', () => {
  it('seeds each SSM name once, from the parameter file or the template default', () => {
    const template = (def?: string): string =>
      JSON.stringify({ Parameters: { Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', ...(def ? { Default: def } : {}) }, Name: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/n' }, Plain: { Type: 'String' } } });
    expect(
      ssmSeedsOf([
        { stackName: 'a', templateBody: template(), parameters: [{ key: 'Ami', value: '/ami' }] },
        { stackName: 'b', templateBody: template('/ami'), parameters: [] },
      ]),
    ).toEqual([
      { name: '/ami', value: MOTO_PLACEHOLDER_IMAGE_ID, stacks: ['a', 'b'] },
      { name: '/n', value: 'placeholder', stacks: ['a', 'b'] },
    ]);
  });

  it('never seeds AWS\'s public parameters, which nobody may write', () => {
    const template = JSON.stringify({ Parameters: { Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>' } } });
    const seeds = (name: string) => ssmSeedsOf([{ stackName: 'a', templateBody: template, parameters: [{ key: 'Ami', value: name }] }]).map((seed) => seed.name);
    expect(seeds(PUBLIC_AMI)).toEqual([]);
    expect(seeds('aws/service/x')).toEqual([]);
    expect(seeds('/AWS/service/x')).toEqual([]);
    expect(seeds('/platform/aws/ami')).toEqual(['/platform/aws/ami']);
  });

  it('gives no note for a failed stack without unsupported types, nor for a stack that did not fail', () => {
    const stacks: { stackName: string; resourceTypes: Record<string, string>; templateBody: string }[] = [
      { stackName: 'x-iam', resourceTypes: { R: 'AWS::IAM::Role' }, templateBody: '{}' },
      { stackName: 'x-logging', resourceTypes: { F: 'AWS::KinesisFirehose::DeliveryStream' }, templateBody: '{}' },
    ];
    expect(motoGapNote({ stacks, failed: ['x-iam'] })).toBe('');
    expect(motoGapNote({ stacks, failed: [] })).toBe('');
    expect(motoGapNote({ stacks, failed: ['x-logging'] })).toContain('x-logging: AWS::KinesisFirehose::DeliveryStream');
  });

  it('explains a failed stack that imports exports, which moto does not keep for change-set stacks', () => {
    const hosts = {
      stackName: 'x-hosts',
      resourceTypes: { I: 'AWS::EC2::Instance' },
      templateBody: JSON.stringify({ Resources: { I: { Type: 'AWS::EC2::Instance', Properties: { SubnetId: { 'Fn::ImportValue': 'x-net-Subnet' } } } } }),
    };
    const note = motoGapNote({ stacks: [hosts], failed: ['x-hosts'] });
    expect(note).toContain('note: x-hosts imports other stacks\' exports');
    expect(note).not.toContain('resource types');
  });
});
